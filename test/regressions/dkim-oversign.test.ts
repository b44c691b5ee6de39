import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dkimPublicRecord } from '../../src/send/dkim.js';
import { createSmtpTransport } from '../../src/send/transport.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

// h= listed each header once, so a second List-Unsubscribe prepended to a
// signed message (pointing anywhere) still verified, and clients act on the first.
describe('a header prepended to a signed message breaks its DKIM signature', () => {
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const resolver = async (name: string): Promise<string[][]> => {
    if (name === 'news._domainkey.test.example') return [[dkimPublicRecord(privateKey)]];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
  let sink: SmtpSink;
  let raw: string;
  beforeAll(async () => {
    sink = await startSmtpSink();
    const transport = createSmtpTransport(sink.url, { connections: 1, dkim: { domain: 'test.example', selector: 'news', privateKey } });
    try {
      await transport.send({
        from: 'Test Weekly <news@test.example>',
        to: 'ana@example.com',
        subject: 'Test Weekly · Nov 23 – 29, 2026',
        textPart: 'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nHello\r\n',
        htmlPart: 'Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n<p>Hello</p>\r\n',
        messageId: '<2026-W48.1@news.test.example>',
        headers: {
          'List-Id': 'Test Weekly <test-weekly.news.test.example>',
          'List-Unsubscribe': '<https://news.test.example/unsubscribe/abc>',
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      });
    } finally {
      await transport.close();
    }
    raw = sink.messages[0]!.raw;
  });
  afterAll(async () => {
    await sink?.close();
  });

  it('verifies as delivered', async () => {
    expect((await dkimVerify(raw, { resolver })).results[0]?.status.result).toBe('pass');
  });

  it.each(['List-Unsubscribe: <https://evil.example/u>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click', 'List-Id: <other.example>', 'From: <ceo@test.example>', 'Subject: Urgent'])(
    'fails with %j prepended',
    async (header) => {
      expect((await dkimVerify(`${header}\r\n${raw}`, { resolver })).results[0]?.status.result).not.toBe('pass');
    },
  );
});
