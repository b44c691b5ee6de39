import { statementCache, type Store } from './db.js';

/** An issue that has deliveries: it went out (at least in part). */
export interface SentIssue {
  id: string;
  /** The earliest delivery recorded as sent, else the earliest delivery of any status. */
  firstSentAt: Date;
}

const statements = statementCache((db) => ({
  sentIssues: db.prepare<[], { id: string; first_sent: string | null; first_any: string }>(
    `SELECT issue_id AS id,
            MIN(CASE WHEN status = 'sent' THEN updated_at END) AS first_sent,
            MIN(updated_at) AS first_any
       FROM deliveries GROUP BY issue_id ORDER BY issue_id`,
  ),
}));

/** Every issue with deliveries, oldest id first. */
export function listIssuesWithDeliveries(store: Store): SentIssue[] {
  return statements(store)
    .sentIssues.all()
    .map((row) => ({ id: row.id, firstSentAt: new Date(row.first_sent ?? row.first_any) }));
}
