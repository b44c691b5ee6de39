import type { Config } from '../config/schema.js';
import { DigestError, ErrorCodes } from '../errors.js';
import type { Store } from '../store/db.js';
import { listIssuesWithDeliveries } from '../store/sent-issues.js';
import { readIssueJson } from '../util/issue-files.js';
import { weekWindow } from '../util/week.js';
import type { SentArticleRef, SentRecord } from './late.js';

/**
 * What has gone out: every issue with deliveries in the store, with the
 * articles its `issue.json` (the snapshot frozen at first send) lists, and
 * when it was sent (`sentAt`, else the earliest delivery). A sent week whose
 * issue.json is missing or unreadable is left out with a warning: its late
 * articles cannot be told from those sent, and sending one twice is worse.
 */
export function readSentRecord(store: Store, config: Config): { sent: SentRecord; warnings: string[] } {
  const sent: SentRecord = { weeks: [], articles: [] };
  const warnings: string[] = [];
  for (const issue of listIssuesWithDeliveries(store)) {
    let window;
    try {
      window = weekWindow(issue.id, config.timezone);
    } catch (error) {
      if (error instanceof DigestError) continue; // not a week's issue: no article can be late for it
      throw error;
    }
    let json: Record<string, unknown> | undefined;
    try {
      json = readIssueJson(config, issue.id);
    } catch (error) {
      // A damaged issue.json is reported below, as a missing one is.
      if (!(error instanceof DigestError && error.code === ErrorCodes.STORE_FAILED)) throw error;
    }
    const articles = Array.isArray(json?.articles) ? (json.articles as unknown[]) : undefined;
    if (!articles) {
      warnings.push(`issue ${issue.id} was sent but its issue.json is missing or unreadable: articles dated in that week are not checked for late arrival`);
      continue;
    }
    const sentAt = typeof json?.sentAt === 'string' && !Number.isNaN(Date.parse(json.sentAt)) ? new Date(json.sentAt) : issue.firstSentAt;
    sent.weeks.push({ window, sentAt });
    for (const entry of articles) sent.articles.push({ ...refOf(entry), issueId: issue.id });
  }
  return { sent, warnings };
}

function refOf(entry: unknown): SentArticleRef {
  if (typeof entry !== 'object' || entry === null) return {};
  const { file, url } = entry as Record<string, unknown>;
  return { file: typeof file === 'string' ? file : undefined, url: typeof url === 'string' ? url : undefined };
}
