import type { Issue, IssueArticle, LayoutPlan } from '../types.js';

/** What decides an issue's layout: config `sections` and `layout.compactAfter`. */
export interface LayoutOptions {
  /** Section names in the order the email shows them. */
  sections?: readonly string[];
  /** Articles after this many (in layout order) are shown compact; default 12. */
  compactAfter?: number;
}

/** One section of the email: a name (null for articles without one) and its articles in issue order. */
export interface LaidOutSection {
  name: string | null;
  articles: IssueArticle[];
}

/** Where every article of an issue goes. */
export interface IssueLayout {
  /** The lead story: the first article with `featured: true`. */
  lead: IssueArticle | null;
  /** Sections after the lead, without it. */
  sections: LaidOutSection[];
  /** Every article in the order the email shows it: the lead, then section by section. */
  order: IssueArticle[];
}

/** `layout.compactAfter` when the config says nothing. */
export const DEFAULT_COMPACT_AFTER = 12;

/**
 * Lays an issue out. The lead (first `featured` article) comes first; the
 * rest are grouped by section: the names of `sections` in that order, then
 * other names with the most articles first (ties: first to appear), then
 * articles without a section. Within a section, articles keep issue order.
 */
export function layoutOf(issue: Pick<Issue, 'articles'>, options: LayoutOptions = {}): IssueLayout {
  const lead = issue.articles.find((article) => article.featured === true) ?? null;
  const groups = new Map<string | null, LaidOutSection & { first: number }>();
  const configured = new Map((options.sections ?? []).map((name, index) => [name.trim().toLowerCase(), { name, index }]));
  issue.articles.forEach((article, index) => {
    if (article === lead) return;
    const raw = article.section?.trim() || null;
    const listed = raw === null ? undefined : configured.get(raw.toLowerCase());
    const name = listed?.name ?? raw;
    const key = name === null ? null : name.toLowerCase();
    const group = groups.get(key) ?? { name, articles: [], first: index };
    group.articles.push(article);
    groups.set(key, group);
  });
  const rank = (group: LaidOutSection & { first: number }): [number, number, number] => {
    if (group.name === null) return [2, 0, 0];
    const listed = configured.get(group.name.toLowerCase());
    return listed ? [0, listed.index, 0] : [1, -group.articles.length, group.first];
  };
  const sections = [...groups.values()]
    .sort((a, b) => compareTuples(rank(a), rank(b)))
    .map(({ name, articles }) => ({ name, articles }));
  const order = [...(lead ? [lead] : []), ...sections.flatMap((section) => section.articles)];
  return { lead, sections, order };
}

/** The order in which an issue's articles appear in the email (lowest-placed last). */
export function layoutOrder(issue: Pick<Issue, 'articles'>, options: LayoutOptions = {}): IssueArticle[] {
  return layoutOf(issue, options).order;
}

/**
 * URLs of the articles shown compact: those placed after `compactAfter`,
 * and those a size plan compacted. Moved articles are not shown at all.
 */
export function compactUrls(order: readonly IssueArticle[], options: LayoutOptions, plan?: LayoutPlan): Set<string> {
  const after = options.compactAfter ?? DEFAULT_COMPACT_AFTER;
  const urls = new Set(order.slice(after).map((article) => article.url));
  for (const url of plan?.compacted ?? []) urls.add(url);
  return urls;
}

function compareTuples(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
