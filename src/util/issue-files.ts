import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import type { RenderedIssue } from '../types.js';

/** Where an issue's files live. */
export function issueDir(config: Config, issueId: string): string {
  return path.join(config.dataDir, 'issues', issueId);
}

/** The compiled issue frozen at its first send, so a resumed run sends the same email. */
export function readCompiledIssue(config: Config, issueId: string): RenderedIssue | undefined {
  const file = path.join(issueDir(config, issueId), 'compiled.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as RenderedIssue) : undefined;
}

/**
 * The `issue.json` of an issue, parsed, or undefined when there is none.
 * Once the issue is sent it holds what was sent (`articles[]` with `file`
 * and `url`, and `sentAt` when recorded).
 */
export function readIssueJson(config: Config, issueId: string): Record<string, unknown> | undefined {
  const file = path.join(issueDir(config, issueId), 'issue.json');
  if (!fs.existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}
