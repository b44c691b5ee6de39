import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers } from '../helpers/workspace.js';

const SECRET = 'list-headers-secret-0123456789abcdef';

/** Sends one issue to two subscribers through the sink, with `newsletter.feedbackId` when given. */
async function deliver(sink: SmtpSink, feedbackId?: string): Promise<void> {
  const ws = createWorkspace();
  try {
    if (feedbackId) ws.write('digest.config.yaml', ws.read('digest.config.yaml').replace('newsletter:\n', `newsletter:\n  feedbackId: ${feedbackId}\n`));
    writeArticle(ws, '2026-11-24-streaming', { title: 'Streaming the nightly batch', date: '2026-11-24T09:30', author: 'ada' });
    writeSubscribers(ws, ['ana@example.com,Ana Ruiz', 'bo@example.com,']);
    const env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env })).code).toBe(0);
    const run = await runCli(['run', '--now', '2026-11-30T08:00:00'], { cwd: ws.dir, env });
    expect(run.code, run.stderr).toBe(0);
  } finally {
    ws.remove();
  }
}

describe('List-Archive and Feedback-ID on delivered messages', () => {
  let withId: SmtpSink;
  let withoutId: SmtpSink;
  beforeAll(async () => {
    [withId, withoutId] = await Promise.all([startSmtpSink(), startSmtpSink()]);
    await Promise.all([deliver(withId, 'weekly:testweekly:northwind'), deliver(withoutId)]);
  });
  afterAll(async () => {
    await Promise.all([withId?.close(), withoutId?.close()]);
  });

  it('gives every message a List-Archive (RFC 2369) that points at the web archive', () => {
    const messages = [...withId.messages, ...withoutId.messages];
    expect(messages).toHaveLength(4);
    for (const message of messages) {
      expect(message.parsed.headers.get('list')).toMatchObject({ archive: { url: 'https://news.test.example/archive' } });
      expect(message.raw).toMatch(/^List-Archive: <https:\/\/news\.test\.example\/archive>\r$/m);
    }
  });

  it('carries newsletter.feedbackId as Feedback-ID, and no such header when it is not set', () => {
    expect(withId.messages).toHaveLength(2);
    for (const message of withId.messages) expect(message.parsed.headers.get('feedback-id')).toBe('weekly:testweekly:northwind');
    for (const message of withoutId.messages) {
      expect(message.parsed.headers.has('feedback-id')).toBe(false);
      expect(message.raw).not.toMatch(/^Feedback-ID:/im);
    }
  });
});
