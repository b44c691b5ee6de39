/**
 * The distributed send's queue stage: BullMQ on Redis shares an issue's
 * batches among `digest worker` processes. Redis connection options live
 * here; the queue itself in send-queue.ts.
 */
import type { RedisOptions } from 'ioredis';
import { DigestError, ErrorCodes } from '../errors.js';

/** The hint shown whenever Redis cannot be reached or its URL is wrong. */
export const QUEUE_URL_HINT = 'check QUEUE_URL (redis://[user:password@]host[:port][/db]) and that Redis is running';

/**
 * Parses a `redis://` URL into ioredis options. `maxRetriesPerRequest: null`
 * because BullMQ's blocking commands must wait through reconnects instead of
 * failing after a few retries.
 */
export function redisOptionsFromUrl(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, `QUEUE_URL "${url}" is not a URL`, { hint: QUEUE_URL_HINT, cause });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new DigestError(ErrorCodes.INPUT_INVALID, `QUEUE_URL "${url}" is not a redis:// URL`, { hint: QUEUE_URL_HINT });
  }
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, `QUEUE_URL "${url}": database "${db}" is not a number`, { hint: QUEUE_URL_HINT });
  }
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/** The URL with its password masked, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
