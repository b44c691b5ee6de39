import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';

/** Redis for tests, from DIGEST_TEST_REDIS_URL (.ci/run sets it). */
export const redisUrl = process.env.DIGEST_TEST_REDIS_URL;
/** PostgreSQL for tests, from DIGEST_TEST_DATABASE_URL (.ci/run sets it). */
export const databaseUrl = process.env.DIGEST_TEST_DATABASE_URL;

function skipNote(variable: string): string {
  return `(skipped: set ${variable} (.ci/run does) to run these)`;
}

/** `describe` that runs only with Redis; otherwise skipped with a note saying how to run it. */
export function describeWithRedis(name: string, body: (url: string) => void): void {
  if (redisUrl) describe(name, () => body(redisUrl));
  else describe.skip(`${name} ${skipNote('DIGEST_TEST_REDIS_URL')}`, () => body(''));
}

/** `describe` that runs only with PostgreSQL; otherwise skipped with a note saying how to run it. */
export function describeWithPostgres(name: string, body: (url: string) => void): void {
  if (databaseUrl) describe(name, () => body(databaseUrl));
  else describe.skip(`${name} ${skipNote('DIGEST_TEST_DATABASE_URL')}`, () => body(''));
}

/** A name no other test uses: a Redis key prefix, BullMQ queue name or PostgreSQL schema. */
export function uniqueName(label: string): string {
  return `t_${label}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}
