import fs from 'node:fs';
import type { FeedLoader } from '../collect/index.js';
import { fetchFeed, type FeedCacheStore, type FeedResponse } from '../collect/feeds/fetch.js';
import { CONFIG_DEFAULTS } from '../config/defaults.js';
import { DigestError, ErrorCodes } from '../errors.js';
import type { ParsedFeed } from '../collect/feeds/parse.js';
import type { Store } from '../store/db.js';
import { getCachedFeed, putCachedFeed, touchCachedFeed } from '../store/feed-cache.js';
import { displayPath } from '../util/paths.js';

/** The feed cache kept in SQLite: ETag / Last-Modified survive between runs. */
export function storeFeedCache(store: Store): FeedCacheStore {
  return {
    get: (url) => getCachedFeed(store, url),
    put: (response) => putCachedFeed(store, response),
    touch: (url, now) => touchCachedFeed(store, url, now),
  };
}

/** A feed cache in memory (the preview), with responses reused while young. */
export function memoryFeedCache(): FeedCacheStore {
  const entries = new Map<string, FeedResponse>();
  return {
    get: (url) => entries.get(url),
    put: (response) => void entries.set(response.url, response),
    touch: (url, now) => {
      const entry = entries.get(url);
      if (entry) entries.set(url, { ...entry, fetchedAt: now });
    },
  };
}

/** Reads a feed source: over HTTP with the cache, or from a local file. */
export async function readFeedSource(
  url: string,
  options: { cache?: FeedCacheStore; now: Date; maxAgeMs?: number; display?: string; timeoutMs?: number },
): Promise<{ body: Buffer; contentType: string | null; url?: string }> {
  if (/^https?:\/\//i.test(url)) {
    const fetched = await fetchFeed(url, {
      cache: options.cache,
      now: options.now,
      maxAgeMs: options.maxAgeMs,
      timeoutMs: options.timeoutMs ?? CONFIG_DEFAULTS.feeds.timeoutMs,
      maxBytes: CONFIG_DEFAULTS.feeds.maxBytes,
      maxRedirects: CONFIG_DEFAULTS.feeds.maxRedirects,
      userAgent: CONFIG_DEFAULTS.feeds.userAgent,
    });
    return { body: fetched.body, contentType: fetched.contentType, url };
  }
  if (!fs.existsSync(url) || !fs.statSync(url).isFile()) {
    throw new DigestError(ErrorCodes.FEED_FETCH_FAILED, 'feed file not found', {
      file: options.display ?? displayPath(url),
      hint: 'give an http(s) URL or the path of a feed file',
    });
  }
  try {
    return { body: fs.readFileSync(url), contentType: null };
  } catch (error) {
    throw new DigestError(ErrorCodes.FEED_FETCH_FAILED, `feed file cannot be read: ${(error as Error).message}`, {
      file: options.display ?? displayPath(url),
      hint: 'check the file and its permissions',
      cause: error,
    });
  }
}

/** The loader collect/ uses for feed sources. */
export function createFeedLoader(options: { cache?: FeedCacheStore; now: () => Date; maxAgeMs?: number; timeoutMs?: number }): FeedLoader {
  return async (source) => {
    const read = await readFeedSource(source.url, { cache: options.cache, now: options.now(), maxAgeMs: options.maxAgeMs, timeoutMs: options.timeoutMs });
    // Loaded on first use: a newsletter without feeds never needs the feed parser.
    const { parseFeed } = await import('../collect/feeds/parse.js');
    const shown = /^https?:/i.test(source.url) ? source.url : displayPath(source.url);
    let feed: ParsedFeed;
    try {
      feed = parseFeed(read.body, {
        source: shown,
        url: read.url,
        contentType: read.contentType ?? undefined,
        maxItems: source.maxItems ?? CONFIG_DEFAULTS.feeds.maxItems,
      });
    } catch (error) {
      throw unreadableFeed(error, shown);
    }
    return { items: feed.items, link: feed.link, warnings: feed.warnings };
  };
}

/**
 * Whatever a parser throws on a hostile body (a RangeError from a stack it
 * ran out of, say) is that feed's failure, not the build's: it becomes a
 * FEED_INVALID naming the feed, which `sourceErrors: warn` turns into a warning.
 */
export function unreadableFeed(error: unknown, shown: string): DigestError {
  if (error instanceof DigestError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DigestError(ErrorCodes.FEED_INVALID, `the feed cannot be read: ${message.replace(/\s+/g, ' ').slice(0, 200)}`, {
    file: shown,
    hint: 'check the feed in a validator',
    cause: error,
  });
}
