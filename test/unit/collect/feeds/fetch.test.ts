import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed, type FeedCacheStore, type FeedResponse, type FetchOptions } from '../../../../src/collect/feeds/fetch.js';
import { DigestError } from '../../../../src/errors.js';
import { startFixtureServer, type FixtureServer } from '../../../helpers/http-fixtures.js';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>';

function memoryCache(): FeedCacheStore & { entries: Map<string, FeedResponse> } {
  const entries = new Map<string, FeedResponse>();
  return {
    entries,
    get: (url) => entries.get(url),
    put: (response) => void entries.set(response.url, response),
    touch: (url, now) => {
      const entry = entries.get(url);
      if (entry) entries.set(url, { ...entry, fetchedAt: now });
    },
  };
}

const OPTIONS: FetchOptions = {
  now: new Date('2026-11-30T08:00:00Z'),
  timeoutMs: 500,
  maxBytes: 64 * 1024,
  maxRedirects: 3,
  userAgent: 'newsletter-digest/test',
};

async function failure(promise: Promise<unknown>): Promise<DigestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DigestError) return error;
    throw error;
  }
  throw new Error('expected a DigestError');
}

describe('fetchFeed over HTTP', () => {
  let server: FixtureServer;
  let slowTimer: NodeJS.Timeout | undefined;
  beforeAll(async () => {
    server = await startFixtureServer({
      '/feed.xml': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"', 'last-modified': 'Mon, 23 Nov 2026 08:00:00 GMT' }).end(RSS);
      },
      '/dated.xml': (req, res) => {
        if (req.headers['if-modified-since'] === 'Mon, 23 Nov 2026 08:00:00 GMT') return void res.writeHead(304).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'last-modified': 'Mon, 23 Nov 2026 08:00:00 GMT' }).end(RSS);
      },
      '/slow.xml': (_req, res) => {
        slowTimer = setTimeout(() => res.writeHead(200).end(RSS), 5_000);
      },
      '/huge.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end('<rss>' + 'x'.repeat(200 * 1024) + '</rss>');
      },
      '/huge-declared.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(10 * 1024 * 1024) });
        res.write('<rss>');
      },
      '/moved': (_req, res) => void res.writeHead(301, { location: '/feed.xml' }).end(),
      '/loop-a': (_req, res) => void res.writeHead(302, { location: '/loop-b' }).end(),
      '/loop-b': (_req, res) => void res.writeHead(302, { location: '/loop-a' }).end(),
      '/gone': (_req, res) => void res.writeHead(410).end(),
    });
  });
  afterAll(async () => {
    clearTimeout(slowTimer);
    await server.close();
  });

  it('sends a polite User-Agent and stores the response with its validators', async () => {
    const cache = memoryCache();
    const fetched = await fetchFeed(server.url('/feed.xml'), { ...OPTIONS, cache });
    expect(fetched.from).toBe('network');
    expect(fetched.body.toString()).toBe(RSS);
    expect(fetched.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(server.requests.at(-1)?.headers['user-agent']).toBe('newsletter-digest/test');
    expect(cache.entries.get(server.url('/feed.xml'))).toMatchObject({ etag: '"v1"', lastModified: 'Mon, 23 Nov 2026 08:00:00 GMT' });
  });

  it('asks with If-None-Match and reuses the cached body on 304', async () => {
    const cache = memoryCache();
    await fetchFeed(server.url('/feed.xml'), { ...OPTIONS, cache });
    const later = new Date('2026-12-07T08:00:00Z');
    const again = await fetchFeed(server.url('/feed.xml'), { ...OPTIONS, cache, now: later });
    expect(again.from).toBe('not-modified');
    expect(again.body.toString()).toBe(RSS);
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(cache.entries.get(server.url('/feed.xml'))?.fetchedAt).toEqual(later);
  });

  it('asks with If-Modified-Since when there is no ETag', async () => {
    const cache = memoryCache();
    await fetchFeed(server.url('/dated.xml'), { ...OPTIONS, cache });
    const again = await fetchFeed(server.url('/dated.xml'), { ...OPTIONS, cache });
    expect(again.from).toBe('not-modified');
    expect(server.requests.at(-1)?.headers['if-modified-since']).toBe('Mon, 23 Nov 2026 08:00:00 GMT');
  });

  it('reuses a young cached response without a request when maxAgeMs allows', async () => {
    const cache = memoryCache();
    await fetchFeed(server.url('/feed.xml'), { ...OPTIONS, cache });
    const count = server.requests.length;
    const again = await fetchFeed(server.url('/feed.xml'), { ...OPTIONS, cache, maxAgeMs: 60_000 });
    expect(again.from).toBe('cache');
    expect(server.requests.length).toBe(count);
  });

  it('follows a redirect', async () => {
    const fetched = await fetchFeed(server.url('/moved'), OPTIONS);
    expect(fetched.body.toString()).toBe(RSS);
  });

  it.each([
    ['/slow.xml', /no answer within 1 s/],
    ['/huge.xml', /over the 65536-byte limit/],
    ['/huge-declared.xml', /10485760 bytes, over the 65536-byte limit/],
    ['/loop-a', /more than 3 redirects/],
    ['/gone', /HTTP 410/],
  ])('%s fails with one clear message naming the URL', async (path, message) => {
    const error = await failure(fetchFeed(server.url(path), OPTIONS));
    expect(error.code).toBe('FEED_FETCH_FAILED');
    expect(error.file).toBe(server.url(path));
    expect(error.message).toMatch(message);
    expect(error.hint).toBeTruthy();
  });

  it('names a refused connection', async () => {
    const error = await failure(fetchFeed('http://127.0.0.1:1/feed.xml', OPTIONS));
    expect(error.message).toMatch(/could not connect/);
  });
});
