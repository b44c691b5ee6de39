/**
 * Late arrivals: an article dated in a week already sent, and not in what
 * was sent, goes into a later issue marked late (or is left out, by config
 * or when too old). Pure: what was sent is read elsewhere (sent-weeks.ts).
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Article, ExcludedArticle, WeekWindow } from '../types.js';
import { isInWeek } from '../util/week.js';

/** A week that went out, and when. */
export interface SentWeek {
  window: WeekWindow;
  sentAt: Date;
}

/** An article as a sent issue lists it. */
export interface SentArticleRef {
  file?: string;
  url?: string;
  /** The issue that sent it. */
  issueId?: string;
}

/** Everything already sent: the weeks, and the articles of every sent issue (late ones included). */
export interface SentRecord {
  weeks: SentWeek[];
  articles: SentArticleRef[];
}

/** How late articles are treated (config `lateArticles`, `lateArticlesMaxAge`). */
export interface LatePolicy {
  mode: 'include' | 'skip';
  maxAgeMs: number;
  /** The build's clock. */
  now: Date;
  timeZone: string;
}

/** What {@link pickLateArticles} decided. */
export interface LatePick {
  /** Articles going out late in this issue (with `late` set), oldest first. */
  late: Article[];
  /** Late articles left out, with why. */
  excluded: ExcludedArticle[];
  /** Every candidate decided on here (the week filter must not explain them again). */
  handled: Set<Article>;
}

/**
 * Picks, among `candidates`, the articles that are late for the issue of
 * `week`: not drafts, dated in a week sent before `week`, and in no sent
 * issue but `week`'s own (matched by URL, or by file for Markdown articles).
 * An article dated in `week` that another issue already sent is left out as
 * a duplicate: its date was changed after it went out.
 */
export function pickLateArticles(candidates: readonly Article[], week: WeekWindow, sent: SentRecord, policy: LatePolicy): LatePick {
  const pick: LatePick = { late: [], excluded: [], handled: new Set() };
  // What this very issue sent is its own, not sent elsewhere: a rebuild of it (a preview copy) keeps its late articles.
  const elsewhere = sent.articles.filter((ref) => ref.issueId !== week.id);
  const sentUrls = new Set(elsewhere.flatMap((ref) => (ref.url ? [ref.url] : [])));
  const sentFiles = new Set(elsewhere.flatMap((ref) => (ref.file?.endsWith('.md') ? [ref.file] : [])));
  const sentIn = new Map<string, string>();
  for (const ref of elsewhere) {
    const key = ref.file?.endsWith('.md') ? ref.file : ref.url;
    if (key !== undefined && ref.issueId !== undefined && !sentIn.has(key)) sentIn.set(key, ref.issueId);
  }
  for (const article of candidates) {
    if (article.draft) continue;
    if (isInWeek(article.date, week)) {
      // Re-dated after it went out (an edited date, a feed that bumps pubDate): sending it again would double it.
      // A Markdown file is matched by its file only, since several weeks' articles may share one url.
      const issueId = sentIn.get(article.file.endsWith('.md') ? article.file : article.url);
      if (issueId === undefined) continue;
      pick.handled.add(article);
      const when = sent.weeks.find((entry) => entry.window.id === issueId)?.sentAt;
      pick.excluded.push({
        title: article.title,
        file: article.file,
        reason: 'duplicate',
        detail: `already sent in issue ${issueId}${when ? ` on ${formatSentAt(when, policy.timeZone)}` : ''}; its new date does not send it again`,
      });
      continue;
    }
    const home = sent.weeks.find((entry) => isInWeek(article.date, entry.window));
    if (!home || home.window.start.getTime() >= week.start.getTime()) continue;
    if (sentUrls.has(article.url) || sentFiles.has(article.file)) continue;
    pick.handled.add(article);
    const reason = `late: its week ${home.window.id} was sent on ${formatSentAt(home.sentAt, policy.timeZone)}`;
    if (policy.now.getTime() - article.date.getTime() > policy.maxAgeMs) {
      pick.excluded.push({ title: article.title, file: article.file, reason: 'late', detail: `${reason}; dated more than ${formatDuration(policy.maxAgeMs)} before this build (lateArticlesMaxAge)` });
    } else if (policy.mode === 'skip') {
      pick.excluded.push({ title: article.title, file: article.file, reason: 'late', detail: `${reason}; left out (lateArticles: skip)` });
    } else {
      pick.late.push({ ...article, late: { week: home.window.id, sentAt: home.sentAt, reason } });
    }
  }
  pick.late.sort((a, b) => a.date.getTime() - b.date.getTime() || a.title.localeCompare(b.title));
  return pick;
}

/** `2026-11-30 08:00 (Europe/Paris)`. */
export function formatSentAt(instant: Date, timeZone: string): string {
  return `${format(new TZDate(instant, timeZone), 'yyyy-MM-dd HH:mm')} (${timeZone})`;
}

/** `14 days`, `36 hours`, `90 minutes`: the largest whole unit. */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute'], [1000, 'second']];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${name}${ms / size === 1 ? '' : 's'}`;
  }
  return `${ms} ms`;
}
