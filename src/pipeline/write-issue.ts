/**
 * Writing an issue's folder. Loaded by the sending process too, so it stays
 * free of the date and Markdown libraries: issue.json comes ready from the build.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { issueDir, ISSUE_FILES, readIssueSnapshot, writeFileAtomic, type IssueSnapshot } from '../util/issue-files.js';
import type { CompiledIssue } from './compile.js';

/** A compiled issue written to disk. */
export interface BuiltIssue extends CompiledIssue {
  /** The folder its files were written to. */
  dir: string;
  /** True when the issue was already sent: `dir` holds a preview copy, the snapshot is untouched. */
  previewCopy: boolean;
  /** True when the build ran before the week ended. */
  inProgress: boolean;
  /** What its `issue.json` says (see issue-json.ts); a send snapshot adds `sentAt`. */
  record: Record<string, unknown>;
}

/**
 * Writes an issue's files into `dir`: email.mjml, email.html, email.txt and
 * compiled.json when it rendered, then issue.json, each whole or not at all.
 * issue.json goes last: a folder whose issue.json is there is complete.
 */
export function writeIssueFiles(dir: string, compiled: CompiledIssue, record: Record<string, unknown>): void {
  fs.mkdirSync(dir, { recursive: true });
  if (compiled.rendered) {
    writeFileAtomic(path.join(dir, ISSUE_FILES.mjml), compiled.rendered.mjml);
    writeFileAtomic(path.join(dir, ISSUE_FILES.html), compiled.sampleHtml ?? '');
    writeFileAtomic(path.join(dir, ISSUE_FILES.text), compiled.sampleText ?? '');
    writeFileAtomic(path.join(dir, ISSUE_FILES.compiled), JSON.stringify(compiled.rendered));
  }
  writeFileAtomic(path.join(dir, ISSUE_FILES.json), `${JSON.stringify(record, null, 2)}\n`);
}

/**
 * Writes an issue's send snapshot in `dataDir/issues/<id>/` at its first
 * send, and never again: when one exists it is returned as it is. Its
 * issue.json is the build's, with `sentAt`.
 */
export function writeSendSnapshot(config: Config, built: BuiltIssue & { rendered: NonNullable<BuiltIssue['rendered']> }, sentAt: Date): IssueSnapshot {
  const existing = readIssueSnapshot(config, built.issue.id);
  if (existing) return existing;
  writeIssueFiles(issueDir(config, built.issue.id), built, { ...built.record, sentAt: sentAt.toISOString() });
  const written = readIssueSnapshot(config, built.issue.id);
  if (!written) throw new Error(`the send snapshot of ${built.issue.id} was written but cannot be read back`);
  return written;
}
