import { statementCache, type Store } from './db.js';

/** The last good response of a feed. */
export interface CachedFeed {
  url: string;
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  body: Buffer;
  fetchedAt: Date;
}

interface Row {
  url: string;
  etag: string | null;
  last_modified: string | null;
  content_type: string | null;
  body: Buffer;
  fetched_at: string;
}

const statements = statementCache((db) => ({
  get: db.prepare<[string], Row>('SELECT * FROM feed_cache WHERE url = ?'),
  put: db.prepare<{ url: string; etag: string | null; lastModified: string | null; contentType: string | null; body: Buffer; fetchedAt: string }>(
    `INSERT INTO feed_cache (url, etag, last_modified, content_type, body, fetched_at)
     VALUES (:url, :etag, :lastModified, :contentType, :body, :fetchedAt)
     ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
       content_type = excluded.content_type, body = excluded.body, fetched_at = excluded.fetched_at`,
  ),
  touch: db.prepare<[string, string]>('UPDATE feed_cache SET fetched_at = ? WHERE url = ?'),
}));

/** The cached response of `url`, if any. */
export function getCachedFeed(store: Store, url: string): CachedFeed | undefined {
  const row = statements(store).get.get(url);
  if (!row) return undefined;
  return {
    url: row.url,
    etag: row.etag,
    lastModified: row.last_modified,
    contentType: row.content_type,
    body: row.body,
    fetchedAt: new Date(row.fetched_at),
  };
}

/** Stores (or replaces) the response of `url`. */
export function putCachedFeed(store: Store, feed: CachedFeed): void {
  statements(store).put.run({
    url: feed.url,
    etag: feed.etag,
    lastModified: feed.lastModified,
    contentType: feed.contentType,
    body: feed.body,
    fetchedAt: feed.fetchedAt.toISOString(),
  });
}

/** Records that a 304 confirmed the cached response at `now`. */
export function touchCachedFeed(store: Store, url: string, now: Date): void {
  statements(store).touch.run(now.toISOString(), url);
}
