import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { DigestError, ErrorCodes } from '../errors.js';
import type { RenderedIssue } from '../types.js';
import { displayPath } from './paths.js';

/** The files of an issue's folder. */
export const ISSUE_FILES = {
  mjml: 'email.mjml',
  html: 'email.html',
  text: 'email.txt',
  compiled: 'compiled.json',
  json: 'issue.json',
} as const;

/** Where an issue's files live; from its first send on, its send snapshot. */
export function issueDir(config: Config, issueId: string): string {
  return path.join(config.dataDir, 'issues', issueId);
}

/** Where `digest build` writes an issue already sent: a preview copy beside its snapshot. */
export function previewDir(config: Config, issueId: string): string {
  return path.join(config.dataDir, 'previews', issueId);
}

/**
 * Writes a file whole or not at all: into a temporary file of the same
 * folder, then renamed over the target (a rename within a file system is
 * atomic), so a crash never leaves half a file.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** `issue.json` as this reader needs it; every other field is kept as written. */
export interface IssueJson {
  id: string;
  /** When the issue was first sent (ISO 8601); only in the send snapshot. */
  sentAt?: string;
  articles?: { file?: string; url?: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

function readJson<T>(file: string): T | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new DigestError(ErrorCodes.STORE_FAILED, `cannot read ${path.basename(file)}: ${(error as Error).message}`, {
      file: displayPath(file),
      hint: 'the issue folder was edited or damaged; restore the file, or remove the folder to build the issue again',
      cause: error,
    });
  }
}

/** The parsed `issue.json` of an issue's folder, or undefined when it was never built. */
export function readIssueJson(config: Config, issueId: string): IssueJson | undefined {
  return readJson<IssueJson>(path.join(issueDir(config, issueId), ISSUE_FILES.json));
}

/** An issue's send snapshot: the files written once at its first send. */
export interface IssueSnapshot {
  issueId: string;
  /** When it was first sent (ISO 8601). */
  sentAt: string;
  /** The compiled email every recipient gets, and the archive shows. */
  rendered: RenderedIssue;
  issueJson: IssueJson;
  dir: string;
}

/** The send snapshot of an issue, or undefined before its first send. */
export function readIssueSnapshot(config: Config, issueId: string): IssueSnapshot | undefined {
  const issueJson = readIssueJson(config, issueId);
  if (typeof issueJson?.sentAt !== 'string') return undefined;
  const dir = issueDir(config, issueId);
  const rendered = readJson<RenderedIssue>(path.join(dir, ISSUE_FILES.compiled));
  if (!rendered) {
    throw new DigestError(ErrorCodes.STORE_FAILED, `the send snapshot of issue ${issueId} has no ${ISSUE_FILES.compiled}`, {
      file: displayPath(dir),
      hint: 'restore the file from a backup: a resumed send and the archive need the email as first sent',
    });
  }
  return { issueId, sentAt: issueJson.sentAt, rendered, issueJson, dir };
}

/**
 * The compiled email in an issue's folder: from its first send on, the email
 * as first sent (a resumed run sends the same, the archive shows the same).
 */
export function readCompiledIssue(config: Config, issueId: string): RenderedIssue | undefined {
  return readJson<RenderedIssue>(path.join(issueDir(config, issueId), ISSUE_FILES.compiled));
}

/** Issues with a send snapshot, newest week first, with when each was first sent. */
export function listSentIssues(config: Config): { id: string; sentAt: string }[] {
  const root = path.join(config.dataDir, 'issues');
  if (!fs.existsSync(root)) return [];
  const sent: { id: string; sentAt: string }[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || !/^\d{4}-W\d{2}$/.test(entry.name)) continue;
    const json = readJson<IssueJson>(path.join(root, entry.name, ISSUE_FILES.json));
    if (typeof json?.sentAt === 'string') sent.push({ id: entry.name, sentAt: json.sentAt });
  }
  return sent.sort((a, b) => (a.id < b.id ? 1 : -1));
}
