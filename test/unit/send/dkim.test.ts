import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { describe, expect, it } from 'vitest';
import { composeMessage } from '../../../src/send/compose.js';
import { createDkimSigner, dkimPublicRecord, relaxedBody, relaxedHeader, signMessage } from '../../../src/send/dkim.js';
import type { OutgoingMessage } from '../../../src/types.js';

const SELECTOR_NAME = 'news._domainkey.test.example';

/** A key pair of the given type: PEM private key and the DNS TXT record of its public key. */
function testKey(type: 'rsa' | 'ed25519'): { privateKey: string; txtRecord: string } {
  const pair = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
  const spki = pair.publicKey.export({ type: 'spki', format: 'der' });
  // RFC 8463 §4.2: an Ed25519 record publishes the bare 32-byte key, not its SPKI wrapping.
  const p = (type === 'rsa' ? spki : spki.subarray(spki.length - 32)).toString('base64');
  return {
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    txtRecord: `v=DKIM1; k=${type}; p=${p}`,
  };
}

function resolverFor(txtRecord: string) {
  return async (name: string, type: string): Promise<string[][]> => {
    if (name === SELECTOR_NAME && type === 'TXT') return [[txtRecord]];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
}

const MESSAGE: OutgoingMessage = {
  from: 'Test Weekly <news@test.example>',
  replyTo: 'Editors <editors@test.example>',
  to: '"Ana Ruiz" <ana@example.com>',
  subject: 'Test Weekly · Nov 23 – 29, 2026',
  textPart: 'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nHi Ana,  \r\n\r\nthree   articles\r\n\r\n\r\n',
  htmlPart: 'Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>Hi Ana,</p>\t\r\n',
  messageId: '<2026-W48.1@news.test.example>',
  headers: {
    'List-Id': 'Test Weekly <test-weekly.news.test.example>',
    'List-Unsubscribe': '<https://news.test.example/unsubscribe/abc>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Archive': '<https://news.test.example/archive>',
    'Feedback-ID': 'weekly:testweekly:test',
  },
};

async function status(raw: Buffer | string, txtRecord: string): Promise<string | undefined> {
  const result = await dkimVerify(Buffer.from(raw), { resolver: resolverFor(txtRecord) });
  expect(result.results).toHaveLength(1);
  return result.results[0]?.status.result;
}

function tagOf(raw: Buffer, tag: string): string {
  const head = raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
  const signature = /^DKIM-Signature:((?:.|\r\n[ \t])*)/m.exec(head)?.[1] ?? '';
  return new RegExp(`(?:^|;)\\s*${tag}=([^;]+)`).exec(signature)?.[1]?.replace(/\s+/g, '') ?? '';
}

describe('relaxed canonicalisation (RFC 6376 §3.4.5)', () => {
  it.each([
    ['A: X', 'a:X'],
    ['B : Y\t\r\n\tZ  ', 'b:Y Z'],
    ['Subject:   two  \t words ', 'subject:two words'],
    ['List-Id:', 'list-id:'],
  ])('header %j → %j', (field, canonical) => {
    expect(relaxedHeader(field)).toBe(canonical);
  });

  it.each([
    [' C \r\nD \t E\r\n\r\n\r\n', ' C\r\nD E\r\n'],
    ['', ''],
    ['\r\n\r\n', ''],
    ['no final line break', 'no final line break\r\n'],
  ])('body %j → %j', (body, canonical) => {
    expect(relaxedBody(Buffer.from(body)).toString()).toBe(canonical);
  });
});

describe.each(['rsa', 'ed25519'] as const)('signMessage with an %s key', (type) => {
  const key = testKey(type);
  const settings = { domain: 'test.example', selector: 'news', privateKey: key.privateKey };

  it('produces a signature mailauth verifies, with the algorithm of the key and the given time', async () => {
    const { raw } = await composeMessage(MESSAGE);
    const signed = signMessage(raw, settings, { now: () => new Date('2026-11-30T08:00:00Z') });
    expect(signed.subarray(signed.length - raw.length).equals(raw)).toBe(true);
    expect(await status(signed, key.txtRecord)).toBe('pass');
    expect(tagOf(signed, 'a')).toBe(`${type}-sha256`);
    expect(tagOf(signed, 'c')).toBe('relaxed/relaxed');
    expect(tagOf(signed, 't')).toBe(String(Date.parse('2026-11-30T08:00:00Z') / 1000));
  });

  it('oversigns the identity and list headers and signs the others once', async () => {
    const { raw } = await composeMessage(MESSAGE);
    const names = tagOf(signMessage(raw, settings), 'h').toLowerCase().split(':');
    const count = (name: string) => names.filter((candidate) => candidate === name).length;
    for (const name of ['from', 'subject', 'list-id', 'list-unsubscribe', 'list-unsubscribe-post']) expect(count(name), name).toBe(2);
    for (const name of ['reply-to', 'date', 'message-id', 'to', 'mime-version', 'content-type', 'feedback-id', 'list-archive']) expect(count(name), name).toBe(1);
  });

  it.each([
    ['List-Unsubscribe', '<https://evil.test.example/unsubscribe/abc>'],
    ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
    ['From', 'Bank <security@bank.example>'],
    ['Subject', 'Your account is locked'],
    ['List-Id', 'Other <other.example>'],
  ])('fails once a second %s is prepended', async (name, value) => {
    const signed = signMessage((await composeMessage(MESSAGE)).raw, settings);
    expect(await status(Buffer.concat([Buffer.from(`${name}: ${value}\r\n`), signed]), key.txtRecord)).not.toBe('pass');
  });

  it('still passes with an unsigned header prepended (what fails above is the oversigning)', async () => {
    const signed = signMessage((await composeMessage(MESSAGE)).raw, settings);
    expect(await status(Buffer.concat([Buffer.from('Received: from relay.example by mx.example\r\n'), signed]), key.txtRecord)).toBe('pass');
  });

  it('fails when the body is changed, and passes when only its line-end whitespace is', async () => {
    const signed = signMessage((await composeMessage(MESSAGE)).raw, settings).toString('latin1');
    expect(await status(signed.replace('three   articles', 'four articles'), key.txtRecord)).not.toBe('pass');
    expect(await status(signed.replace('<p>Hi Ana,</p>\t', '<p>Hi Ana,</p>'), key.txtRecord)).toBe('pass');
  });

  it('derives the DNS record to publish from the private key', async () => {
    expect(dkimPublicRecord(key.privateKey)).toBe(key.txtRecord);
    const signed = signMessage((await composeMessage(MESSAGE)).raw, settings);
    expect(await status(signed, dkimPublicRecord(key.privateKey))).toBe('pass');
  });

  it('parses the key once and signs each message on its own', async () => {
    const sign = createDkimSigner(settings);
    const other = await composeMessage({ ...MESSAGE, to: 'bo@example.com', messageId: '<2026-W48.2@news.test.example>' });
    const [first, second] = [sign((await composeMessage(MESSAGE)).raw), sign(other.raw)];
    expect(tagOf(first, 'b')).not.toBe(tagOf(second, 'b'));
    expect(await status(first, key.txtRecord)).toBe('pass');
    expect(await status(second, key.txtRecord)).toBe('pass');
  });
});

describe('createDkimSigner', () => {
  it.each([
    ['a public key', generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString()],
    ['an EC key', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
    ['text that is no key', 'not a key'],
  ])('refuses %s instead of sending unsigned', (_name, privateKey) => {
    expect(() => createDkimSigner({ domain: 'test.example', selector: 'news', privateKey })).toThrow();
  });
});
