import { describe, expect, it } from 'vitest';
import { DigestError } from '../../../src/errors.js';
import { redactedUrl, redisOptionsFromUrl } from '../../../src/queue/connection.js';
import { waitMsFromReply } from '../../../src/send/shared-rate-limit.js';

describe('redisOptionsFromUrl', () => {
  it.each([
    ['redis://127.0.0.1:6379', { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null }],
    ['redis://cache', { host: 'cache', port: 6379, maxRetriesPerRequest: null }],
    ['redis://u:p%40ss@h:7000/2', { host: 'h', port: 7000, username: 'u', password: 'p@ss', db: 2, maxRetriesPerRequest: null }],
    ['redis://[::1]:6380', { host: '::1', port: 6380, maxRetriesPerRequest: null }],
    ['rediss://h', { host: 'h', port: 6379, tls: {}, maxRetriesPerRequest: null }],
  ])('%s', (url, expected) => {
    expect(redisOptionsFromUrl(url)).toEqual(expected);
  });

  it.each(['not a url', 'http://h:6379', 'redis://h/abc'])('rejects %s naming QUEUE_URL', (url) => {
    expect(() => redisOptionsFromUrl(url)).toThrow(DigestError);
    expect(() => redisOptionsFromUrl(url)).toThrow(/QUEUE_URL/);
  });

  it('masks the password in messages', () => {
    expect(redactedUrl('redis://u:secret@h:1/0')).toBe('redis://u:***@h:1/0');
  });
});

describe('waitMsFromReply', () => {
  it.each([
    [0, 0],
    [1, 1],
    [999, 1],
    [1001, 2],
    [250_000, 250],
  ])('%i µs -> %i ms', (reply, ms) => {
    expect(waitMsFromReply(reply)).toBe(ms);
  });
});
