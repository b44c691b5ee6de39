import fs from 'node:fs';
import path from 'node:path';
import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns';
import { checkRecord } from '../checks/report.js';
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
}

/** When and how a build was made, for `issue.json`. */
export interface IssueJsonMeta {
  builtAt: Date;
  inProgress: boolean;
  /** Only in the send snapshot: when the issue was first sent. */
  sentAt?: Date;
}

function localIso(date: Date, timeZone: string): string {
  return formatISO(new TZDate(date, timeZone));
}

/** The machine-readable record of a build (`issue.json`). */
export function issueJson(compiled: CompiledIssue, meta: IssueJsonMeta): Record<string, unknown> {
  const { issue } = compiled;
  return {
    id: issue.id,
    week: { start: localIso(issue.week.start, issue.timezone), end: localIso(issue.week.end, issue.timezone) },
    timezone: issue.timezone,
    dateRange: issue.dateRange,
    subject: compiled.rendered?.subject ?? null,
    builtAt: meta.builtAt.toISOString(),
    ...(meta.sentAt ? { sentAt: meta.sentAt.toISOString() } : {}),
    inProgress: meta.inProgress,
    htmlBytes: compiled.htmlBytes,
    articles: issue.articles.map((article) => ({
      title: article.title,
      url: article.url,
      date: localIso(article.date, issue.timezone),
      author: article.authorId ?? null,
      authorName: article.author?.name ?? null,
      summary: article.summary,
      section: article.section ?? null,
      file: article.file,
    })),
    excluded: issue.excluded.map((entry) => ({ title: entry.title, file: entry.file, reason: entry.reason })),
    checks: compiled.checks.map(checkRecord),
    warnings: compiled.checks.filter((check) => check.severity !== 'info').map((check) => check.message),
  };
}

/**
 * Writes an issue's files into `dir`: email.mjml, email.html, email.txt and
 * compiled.json when it rendered, then issue.json, each whole or not at all.
 * issue.json goes last: a folder whose issue.json is there is complete.
 */
export function writeIssueFiles(dir: string, compiled: CompiledIssue, meta: IssueJsonMeta): void {
  fs.mkdirSync(dir, { recursive: true });
  if (compiled.rendered) {
    writeFileAtomic(path.join(dir, ISSUE_FILES.mjml), compiled.rendered.mjml);
    writeFileAtomic(path.join(dir, ISSUE_FILES.html), compiled.sampleHtml ?? '');
    writeFileAtomic(path.join(dir, ISSUE_FILES.text), compiled.sampleText ?? '');
    writeFileAtomic(path.join(dir, ISSUE_FILES.compiled), JSON.stringify(compiled.rendered));
  }
  writeFileAtomic(path.join(dir, ISSUE_FILES.json), `${JSON.stringify(issueJson(compiled, meta), null, 2)}\n`);
}

/**
 * Writes an issue's send snapshot in `dataDir/issues/<id>/` at its first
 * send, and never again: when one exists it is returned as it is.
 */
export function writeSendSnapshot(config: Config, compiled: CompiledIssue & { rendered: NonNullable<CompiledIssue['rendered']> }, sentAt: Date, inProgress: boolean): IssueSnapshot {
  const existing = readIssueSnapshot(config, compiled.issue.id);
  if (existing) return existing;
  writeIssueFiles(issueDir(config, compiled.issue.id), compiled, { builtAt: sentAt, sentAt, inProgress });
  const written = readIssueSnapshot(config, compiled.issue.id);
  if (!written) throw new Error(`the send snapshot of ${compiled.issue.id} was written but cannot be read back`);
  return written;
}
