import { createHash } from 'node:crypto';
import { parseFeedDate } from './dates.js';
import type { DraftText, FeedDraft, ItemDraft } from './drafts.js';
import { MAX_HTML_DEPTH, nestsDeeperThan } from './depth.js';
import { sanitizeFeedHtml } from './html.js';
import type { FeedItem } from './parse.js';
import { escapeHtml } from '../../util/html.js';
import { firstWords, htmlText, htmlTitleText, plainText } from './text.js';
import { absoluteUrl } from './urls.js';

/** An item placed in the feed: the cheap fields, enough to dedupe, sort and cap before the costly cleaning. */
interface Placed {
  draft: ItemDraft;
  id: string;
  url: string | null;
  date: Date | null;
  /** The first date string, kept when none could be read. */
  unreadDate: string | null;
  title: string | null;
}

/** A feed's cleaned items, title and the notes made on the way. */
export interface FinishedFeed {
  title: string | null;
  items: FeedItem[];
  warnings: string[];
}

/**
 * Cleans a drafted feed: ids (guid, else URL, else a hash of title and
 * date), duplicates dropped (the first kept), newest first (undated items
 * last, in feed order), at most `maxItems` kept, then text and HTML cleaned
 * for those only — a 20,000-item feed costs its parse, not 20,000 sanitisations.
 */
export function finishFeed(draft: FeedDraft, maxItems: number): FinishedFeed {
  const warnings: string[] = [];
  const seen = new Set<string>();
  const placed: Placed[] = [];
  let duplicates = 0;
  for (const item of draft.items) {
    const next = place(item);
    if (seen.has(next.id)) {
      duplicates++;
      continue;
    }
    seen.add(next.id);
    placed.push(next);
  }
  placed.sort(newestFirst);
  const kept = placed.slice(0, Math.max(0, maxItems));
  const items = kept.map(finishItem);

  if (draft.items.length === 0) warnings.push('the feed has no items');
  if (duplicates > 0) warnings.push(`${count(duplicates, 'duplicate id')} dropped`);
  if (kept.length < placed.length) warnings.push(`capped at ${count(kept.length, 'item')} of ${placed.length}`);
  const undated = kept.filter((item) => item.date === null);
  const missing = undated.filter((item) => item.unreadDate === null).length;
  const unread = undated.filter((item) => item.unreadDate !== null);
  const tooDeep = kept.filter(({ draft: item }) => item.content?.html === true && nestsDeeperThan(item.content.value)).length;
  if (tooDeep > 0) warnings.push(`${count(tooDeep, 'item')} with HTML nested over ${MAX_HTML_DEPTH} levels deep, kept as plain text`);
  if (missing > 0) warnings.push(`${count(missing, 'item')} without a date`);
  if (unread[0]) warnings.push(`${count(unread.length, 'item')} with a date that could not be read (e.g. "${unread[0].unreadDate?.slice(0, 60)}")`);

  return { title: titleOf(draft.title), items, warnings };
}

function place(draft: ItemDraft): Placed {
  const url = absoluteUrl(draft.link, draft.base);
  let date: Date | null = null;
  for (const raw of draft.dates) {
    date = parseFeedDate(raw);
    if (date) break;
  }
  const unreadDate = date === null ? (draft.dates[0] ?? null) : null;
  const placed: Placed = { draft, id: draft.guid ?? url ?? '', url, date, unreadDate, title: null };
  if (placed.id === '') {
    placed.title = itemTitle(draft);
    placed.id = `hash:${createHash('sha256').update(`${placed.title}\n${date?.toISOString() ?? ''}`).digest('hex').slice(0, 16)}`;
  }
  return placed;
}

function newestFirst(a: Placed, b: Placed): number {
  if (a.date === null || b.date === null) return a.date === b.date ? 0 : a.date === null ? 1 : -1;
  return b.date.getTime() - a.date.getTime();
}

function finishItem(placed: Placed): FeedItem {
  const { draft } = placed;
  return {
    id: placed.id,
    title: placed.title ?? itemTitle(draft),
    url: placed.url,
    date: placed.date,
    author: draft.author === null ? null : htmlText(draft.author),
    summary: textOf(draft.summary),
    contentHtml: contentHtml(draft.content, draft.contentBase),
    image: draft.images.map((image) => absoluteUrl(image, draft.base)).find((image) => image !== null) ?? null,
    categories: [...new Set(draft.categories.map((category) => htmlText(category)).filter((category) => category !== null))],
  };
}

/** The item's title; untitled items (common in JSON Feed) take the first words of their summary or content. */
function itemTitle(draft: ItemDraft): string {
  const title = titleOf(draft.title);
  if (title !== null) return title;
  const text = textOf(draft.summary) ?? textOf(draft.content);
  return text === null ? '(untitled)' : firstWords(text);
}

function titleOf(text: DraftText | null): string | null {
  if (text === null) return null;
  return text.html ? htmlTitleText(text.value) : plainText(text.value);
}

function textOf(text: DraftText | null): string | null {
  if (text === null) return null;
  return text.html ? htmlText(text.value) : plainText(text.value);
}

function contentHtml(content: DraftText | null, base: string | null): string | null {
  if (content === null) return null;
  if (content.html && nestsDeeperThan(content.value)) {
    const text = htmlText(content.value);
    return text === null ? null : `<p>${escapeHtml(text)}</p>`;
  }
  if (content.html) return sanitizeFeedHtml(content.value, base);
  const paragraphs = content.value
    .split(/\n\s*\n/)
    .map((paragraph) => plainText(paragraph))
    .filter((paragraph) => paragraph !== null);
  return paragraphs.length === 0 ? null : paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
