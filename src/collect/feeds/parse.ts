/**
 * Any feed — RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0, JSON Feed 1.0/1.1 —
 * as normalised items. Pure and synchronous: decode, sniff, let feedsmith
 * read the structure, map to drafts, clean.
 */
import { DetectError, ParseError, parseAtomFeed, parseJsonFeed, parseRdfFeed, parseRssFeed } from 'feedsmith';
import { decodeFeedBody } from './decode.js';
import type { FeedDraft } from './drafts.js';
import { finishFeed } from './finish.js';
import { atomDraft } from './from-atom.js';
import { jsonDraft } from './from-json.js';
import { channelXmlBase, rdfDraft, rssDraft } from './from-rss.js';
import { feedInvalid, sniffFeed, type SniffedFeed } from './sniff.js';
import { absoluteUrl } from './urls.js';

/** One item of a feed, cleaned for the digest. */
export interface FeedItem {
  /** Stable id: guid/id, else the url, else a hash of title+date. */
  id: string;
  /** Plain text, never empty: first words of the summary (or content) when the item has no title, else "(untitled)". */
  title: string;
  /** Absolute http(s) URL, or null (missing, unresolvable, `javascript:` …). */
  url: string | null;
  /** Published, else updated; null when missing or unreadable. */
  date: Date | null;
  /** Plain-text name of the author. */
  author: string | null;
  /** Plain text of the description/summary. */
  summary: string | null;
  /** Sanitised HTML of the full content, URLs absolute. */
  contentHtml: string | null;
  /** Absolute http(s) URL of the item's image. */
  image: string | null;
  categories: string[];
}

/** A parsed feed. */
export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  /** The site's home page, absolute. */
  link: string | null;
  /** Newest first; undated items last, in feed order. */
  items: FeedItem[];
  /** Non-fatal notes, e.g. "12 items without a date", "3 duplicate ids dropped", "capped at 500 items of 1200". */
  warnings: string[];
}

/** Options of {@link parseFeed}. */
export interface ParseFeedOptions {
  /** How the source is named in messages (URL, file name or the source's `name`). */
  source: string;
  /** URL the feed came from: the base for relative links. */
  url?: string;
  /** HTTP Content-Type header, for its charset. */
  contentType?: string;
  /** Keep at most this many items (newest first when dates are known); default 500. */
  maxItems?: number;
}

/** Items kept when {@link ParseFeedOptions.maxItems} is not given. */
export const DEFAULT_MAX_ITEMS = 500;

/**
 * Parses a feed body into normalised items. Throws a one-line
 * DigestError(FEED_INVALID) naming `options.source` when the body is not a
 * feed (empty, HTML — naming the feed the page advertises — plain text,
 * truncated or malformed XML, another XML document, JSON that is not a
 * JSON Feed).
 */
export function parseFeed(body: Buffer | string, options: ParseFeedOptions): ParsedFeed {
  const decoded = decodeFeedBody(body, options.contentType);
  const feedUrl = absoluteUrl(options.url, null);
  const sniffed = sniffFeed(decoded.text, options.source, feedUrl);
  const draft = readDraft(sniffed, decoded.text, options.source, feedUrl);
  const finished = finishFeed(draft, options.maxItems ?? DEFAULT_MAX_ITEMS);
  return {
    format: draft.format,
    title: finished.title,
    link: draft.link,
    items: finished.items,
    warnings: [...decoded.warnings, ...finished.warnings],
  };
}

function readDraft(sniffed: SniffedFeed, text: string, source: string, feedUrl: string | null): FeedDraft {
  switch (sniffed.format) {
    case 'rss':
      return rssDraft(read(() => parseRssFeed(text), 'RSS', source), feedUrl, channelXmlBase(text));
    case 'atom':
      return atomDraft(read(() => parseAtomFeed(text), 'Atom', source), feedUrl);
    case 'rdf':
      return rdfDraft(read(() => parseRdfFeed(text), 'RSS 1.0 (RDF)', source), feedUrl);
    case 'json':
      return jsonDraft(read(() => parseJsonFeed(sniffed.json), 'JSON Feed', source), feedUrl);
  }
}

/** Runs feedsmith, turning what it rejects (malformed XML, no channel) into FEED_INVALID. */
function read<T>(parse: () => T, formatName: string, source: string): T {
  try {
    return parse();
  } catch (error) {
    throw feedInvalid(`the ${formatName} feed cannot be read: ${reason(error)}`, source, { cause: error });
  }
}

/** What feedsmith (or the XML parser under it) objected to, on one line. */
function reason(error: unknown): string {
  // feedsmith's own "Invalid feed format" when the root holds no channel, items or entries.
  if (error instanceof ParseError || error instanceof DetectError) return 'it holds no channel, items or entries';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.replace(/\s+/g, ' ').trim().slice(0, 200) || 'unknown error';
}

/** An item as `digest feed --json` prints it. */
export interface FeedItemJson {
  title: string;
  url: string | null;
  /** ISO 8601 in UTC, or null. */
  date: string | null;
  author: string | null;
  summary: string | null;
}

/** The items as `digest feed --json` prints them. */
export function feedItemsJson(feed: ParsedFeed): FeedItemJson[] {
  return feed.items.map((item) => ({
    title: item.title,
    url: item.url,
    date: item.date?.toISOString() ?? null,
    author: item.author,
    summary: item.summary,
  }));
}
