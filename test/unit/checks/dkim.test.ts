import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkDkim } from '../../../src/checks/dkim.js';
import { composeMessage } from '../../../src/send/compose.js';
import { dkimPublicRecord, signMessage } from '../../../src/send/dkim.js';
import type { OutgoingMessage } from '../../../src/types.js';

const MESSAGE: OutgoingMessage = {
  from: 'Test Weekly <news@test.example>',
  to: 'reader@example.com',
  subject: 'Test Weekly',
  textPart: 'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nHi\r\n',
  htmlPart: 'Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n<p>Hi</p>\r\n',
  messageId: '<2026-W48.0@test.example>',
  headers: { 'List-Id': 'Test <test.example>', 'List-Unsubscribe': '<https://test.example/u/x>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
};

describe.each(['rsa', 'ed25519'] as const)('DKIM self-verification with an %s key', (type) => {
  const pair = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
  const privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const settings = { domain: 'test.example', selector: 'news', privateKey };
  const key = { domain: 'test.example', selector: 'news', record: dkimPublicRecord(privateKey) };

  it('passes a message signed with the configured key', async () => {
    const signed = signMessage((await composeMessage(MESSAGE)).raw, settings);
    expect(await checkDkim(signed, key)).toEqual([expect.objectContaining({ severity: 'info', check: 'dkim', message: expect.stringContaining('verifies') })]);
  });

  it('fails a message changed after signing, or signed for another selector', async () => {
    const signed = signMessage((await composeMessage(MESSAGE)).raw, settings);
    const changed = Buffer.from(signed.toString('latin1').replace('Subject: Test Weekly', 'Subject: Test Weekly!'), 'latin1');
    expect(await checkDkim(changed, key)).toEqual([expect.objectContaining({ severity: 'error', check: 'dkim', message: expect.stringContaining('does not verify') })]);
    const other = signMessage((await composeMessage(MESSAGE)).raw, { ...settings, selector: 'old' });
    expect((await checkDkim(other, key))[0]?.severity).toBe('error');
  });
});
