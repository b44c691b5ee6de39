import { DigestError, ErrorCodes } from '../../errors.js';

/** A response as stored for conditional requests. */
export interface FeedResponse {
  url: string;
  body: Buffer;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: Date;
}

/** Where fetched feeds are remembered (SQLite in the app, a Map in tests). */
export interface FeedCacheStore {
  get(url: string): FeedResponse | undefined;
  put(response: FeedResponse): void;
  touch(url: string, now: Date): void;
}

/** Limits and manners of feed requests. */
export interface FetchOptions {
  cache?: FeedCacheStore;
  now: Date;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** Reuse a cached response younger than this without asking the server (the preview's rebuilds). */
  maxAgeMs?: number;
}

/** What a fetch gave: a fresh body, or the cached one confirmed by a 304 (or still young enough). */
export interface FetchedFeed extends FeedResponse {
  from: 'network' | 'not-modified' | 'cache';
}

function fail(url: string, message: string, hint: string, cause?: unknown): DigestError {
  return new DigestError(ErrorCodes.FEED_FETCH_FAILED, message, { file: url, hint, cause });
}

/** Drops a body that is not needed; a connection that breaks meanwhile changes nothing, since the body is not read. */
async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function timedOut(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** A failed network read (headers or body) as a FEED_FETCH_FAILED naming the URL. */
function readFailed(url: string, error: unknown, timeoutMs: number, stage: 'headers' | 'body'): DigestError {
  if (error instanceof DigestError) return error;
  const seconds = Math.round(timeoutMs / 1000);
  if (timedOut(error)) {
    const message = stage === 'headers' ? `no answer within ${seconds} s` : `the feed did not finish arriving within ${seconds} s (it came too slowly)`;
    return fail(url, message, 'the site may be down or very slow', error);
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const reason = cause instanceof Error ? cause.message : String(cause);
  const message = stage === 'headers' ? `could not connect: ${reason}` : `the connection broke while the feed was read: ${reason}`;
  return fail(url, message, 'check the URL and the network', error);
}

/** Reads a body up to `maxBytes`; a larger one is refused rather than buffered. */
async function readCapped(response: Response, url: string, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  try {
    return await readCappedBody(response, url, maxBytes);
  } catch (error) {
    throw readFailed(url, error, timeoutMs, 'body');
  }
}

async function readCappedBody(response: Response, url: string, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await discard(response);
    throw fail(url, `the feed is ${declared} bytes, over the ${maxBytes}-byte limit`, 'ask for a shorter feed (most sites have one), or raise the limit');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw fail(url, `the feed is over the ${maxBytes}-byte limit`, 'ask for a shorter feed (most sites have one), or raise the limit');
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/**
 * Fetches a feed politely: a User-Agent that names the tool, conditional
 * requests (ETag / Last-Modified) against the cache, one deadline for the
 * whole exchange (every redirect, the headers and the last byte of the body),
 * a size cap and a bounded number of redirects. Every failure is a
 * FEED_FETCH_FAILED naming the URL.
 */
export async function fetchFeed(url: string, options: FetchOptions): Promise<FetchedFeed> {
  const cached = options.cache?.get(url);
  if (cached && options.maxAgeMs !== undefined && options.now.getTime() - cached.fetchedAt.getTime() < options.maxAgeMs) {
    return { ...cached, from: 'cache' };
  }
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5',
  };
  if (cached?.etag) headers['if-none-match'] = cached.etag;
  if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;

  // One deadline for the whole exchange: a server that answers at once and then trickles its body stops too.
  const signal = AbortSignal.timeout(options.timeoutMs);
  let current = url;
  for (let redirects = 0; ; redirects++) {
    let response: Response;
    try {
      response = await fetch(current, { headers, redirect: 'manual', signal });
    } catch (error) {
      throw readFailed(url, error, options.timeoutMs, 'headers');
    }
    if ([301, 302, 303, 307, 308].includes(response.status)) {
      const location = response.headers.get('location');
      await discard(response);
      if (!location) throw fail(url, `redirect (${response.status}) without a Location`, 'check the feed URL');
      if (redirects >= options.maxRedirects) throw fail(url, `more than ${options.maxRedirects} redirects`, 'use the final feed URL (a redirect loop?)');
      current = new URL(location, current).toString();
      if (!/^https?:/.test(current)) throw fail(url, `redirected to a non-HTTP URL (${current})`, 'check the feed URL');
      continue;
    }
    if (response.status === 304 && cached) {
      await discard(response);
      options.cache?.touch(url, options.now);
      return { ...cached, fetchedAt: options.now, from: 'not-modified' };
    }
    if (!response.ok) {
      await discard(response);
      throw fail(url, `HTTP ${response.status} ${response.statusText}`.trim(), response.status === 404 ? 'the feed moved or is gone: update its URL' : 'try again later');
    }
    const fetched: FeedResponse = {
      url,
      body: await readCapped(response, url, options.maxBytes, options.timeoutMs),
      contentType: response.headers.get('content-type'),
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
      fetchedAt: options.now,
    };
    options.cache?.put(fetched);
    return { ...fetched, from: 'network' };
  }
}
