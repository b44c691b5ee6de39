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
