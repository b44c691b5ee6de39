import { DigestError, ErrorCodes } from '../errors.js';
import { statementCache, type Store } from './db.js';

/** What is recorded about a built issue. */
export interface IssueRecordInput {
  /** `YYYY-Www`. */
  id: string;
  weekStart: Date;
  weekEnd: Date;
  subject: string;
  articleCount: number;
  htmlBytes: number;
}

/** A built issue as stored. */
export interface IssueRecord extends IssueRecordInput {
  builtAt: Date;
}

interface IssueRow {
  id: string;
  week_start: string;
  week_end: string;
  subject: string;
  built_at: string;
  article_count: number;
  html_bytes: number;
}

interface IssueParams {
  id: string;
  weekStart: string;
  weekEnd: string;
  subject: string;
  builtAt: string;
  articleCount: number;
  htmlBytes: number;
}

const statements = statementCache((db) => ({
  // A rebuild replaces what was built but keeps the report of earlier sends.
  upsert: db.prepare<IssueParams>(
    `INSERT INTO issues (id, week_start, week_end, subject, built_at, article_count, html_bytes)
     VALUES (:id, :weekStart, :weekEnd, :subject, :builtAt, :articleCount, :htmlBytes)
     ON CONFLICT (id) DO UPDATE SET
       week_start = excluded.week_start,
       week_end = excluded.week_end,
       subject = excluded.subject,
       built_at = excluded.built_at,
       article_count = excluded.article_count,
       html_bytes = excluded.html_bytes`,
  ),
  get: db.prepare<[string], IssueRow>(
    `SELECT id, week_start, week_end, subject, built_at, article_count, html_bytes FROM issues WHERE id = ?`,
  ),
  setReport: db.prepare<[string, string]>(`UPDATE issues SET report = ? WHERE id = ?`),
  getReport: db.prepare<[string], { report: string | null }>(`SELECT report FROM issues WHERE id = ?`),
}));

/** Records a built issue; building the same week again updates the record. */
export function saveIssue(store: Store, issue: IssueRecordInput, now: Date): void {
  statements(store).upsert.run({
    id: issue.id,
    weekStart: issue.weekStart.toISOString(),
    weekEnd: issue.weekEnd.toISOString(),
    subject: issue.subject,
    builtAt: now.toISOString(),
    articleCount: issue.articleCount,
    htmlBytes: issue.htmlBytes,
  });
}

/** The stored issue, or `undefined` when that week was never built. */
export function getIssue(store: Store, id: string): IssueRecord | undefined {
  const row = statements(store).get.get(id);
  if (row === undefined) return undefined;
  return {
    id: row.id,
    weekStart: new Date(row.week_start),
    weekEnd: new Date(row.week_end),
    subject: row.subject,
    builtAt: new Date(row.built_at),
    articleCount: row.article_count,
    htmlBytes: row.html_bytes,
  };
}

/**
 * Stores the report of the latest send as JSON, replacing the previous one.
 *
 * @throws DigestError ISSUE_NOT_BUILT when the issue is not stored.
 */
export function saveIssueReport(store: Store, id: string, report: unknown): void {
  const json = JSON.stringify(report);
  if (json === undefined) {
    throw new TypeError(`saveIssueReport: the report for ${id} is not JSON-serialisable`);
  }
  const { changes } = statements(store).setReport.run(json, id);
  if (changes === 0) {
    throw new DigestError(ErrorCodes.ISSUE_NOT_BUILT, `issue ${id} has not been built`, {
      hint: `run "digest build" for week ${id} first`,
    });
  }
}

/** The parsed report of the latest send, or `undefined` if none was saved. */
export function getIssueReport(store: Store, id: string): unknown {
  const row = statements(store).getReport.get(id);
  return row?.report == null ? undefined : (JSON.parse(row.report) as unknown);
}
