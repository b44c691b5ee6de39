import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { deliveryCounts } from '../../src/store/deliveries.js';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const SECRET = 'dkim-test-secret-0123456789abcdef';
const NOW = '2026-11-30T08:00:00';
const SELECTOR_NAME = 'news._domainkey.test.example';
const DKIM_CONFIG = (keyFile: string) => ['dkim:', '  domain: test.example', '  selector: news', `  privateKeyFile: ${keyFile}`].join('\n');

/** A test key pair: the private key as PEM, the public key as the DNS TXT record publishes it. */
function testKey(): { privateKeyPem: string; txtRecord: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    txtRecord: `v=DKIM1; k=rsa; p=${spki}`,
  };
}

/** A DNS resolver that knows only the test's selector record, so nothing is looked up on the network. */
function resolverFor(txtRecord: string) {
  return async (name: string, type: string): Promise<string[][]> => {
    if (name === SELECTOR_NAME && type === 'TXT') return [[txtRecord]];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
}

/** The unfolded value of the first header `name` in a raw message. */
function headerValue(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** The `h=` tag of the DKIM-Signature header: the signed header names, lower-cased. */
function signedHeaders(raw: string): string[] {
  const signature = headerValue(raw, 'DKIM-Signature') ?? '';
  const h = /(?:^|;)\s*h=([^;]+)/.exec(signature)?.[1] ?? '';
  return h.split(':').map((name) => name.replace(/\s+/g, '').toLowerCase()).filter(Boolean);
}

async function prepare(ws: Workspace, env: NodeJS.ProcessEnv): Promise<void> {
  writeArticle(ws, '2026-11-24-streaming', { title: 'Streaming the nightly batch', date: '2026-11-24T09:30', author: 'ada' });
  writeSubscribers(ws, ['ana@example.com,Ana Ruiz', 'bo@example.com,']);
  const imported = await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env });
  expect(imported.code, imported.stderr).toBe(0);
}

describe('DKIM signing', () => {
  let sink: SmtpSink;
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;
  const key = testKey();
  const resolver = resolverFor(key.txtRecord);

  beforeAll(async () => {
    sink = await startSmtpSink();
    ws = createWorkspace({ extraConfig: DKIM_CONFIG('./dkim.pem') });
    ws.write('digest.config.yaml', ws.read('digest.config.yaml').replace('newsletter:\n', 'newsletter:\n  feedbackId: weekly:testweekly:test\n'));
    ws.write('dkim.pem', key.privateKeyPem);
    env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
    await prepare(ws, env);
    const run = await runCli(['run', '--now', NOW], { cwd: ws.dir, env });
    expect(run.code, run.stderr).toBe(0);
    expect(sink.messages.map((message) => message.envelopeTo[0]).sort()).toEqual(['ana@example.com', 'bo@example.com']);
  });

  afterAll(async () => {
    await sink?.close();
    ws?.remove();
  });

  it('signs every message so that it verifies against the published key', async () => {
    for (const message of sink.messages) {
      const result = await dkimVerify(message.raw, { resolver });
      expect(result.results).toHaveLength(1);
      const [signature] = result.results;
      expect(signature?.status.result, JSON.stringify(signature?.status)).toBe('pass');
      expect(signature?.signingDomain).toBe('test.example');
      expect(signature?.selector).toBe('news');
      expect(signature?.status.aligned).toBe('test.example');
    }
  });

  it('signs both one-click headers (RFC 8058 §4) and the identity headers', () => {
    for (const message of sink.messages) {
      const signed = signedHeaders(message.raw);
      expect(signed).toEqual(
        expect.arrayContaining(['from', 'subject', 'date', 'message-id', 'to', 'list-id', 'list-unsubscribe', 'list-unsubscribe-post']),
      );
      // The signed values are the ones a mail client acts on.
      expect(headerValue(message.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(headerValue(message.raw, 'List-Unsubscribe')).toMatch(/^<https:\/\/news\.test\.example\/unsubscribe\/[^>]+>/);
    }
  });

  it('oversigns From, Subject, List-Id and both one-click headers, and signs Feedback-ID and List-Archive', () => {
    for (const message of sink.messages) {
      const signed = signedHeaders(message.raw);
      const count = (name: string) => signed.filter((candidate) => candidate === name).length;
      for (const name of ['from', 'subject', 'list-id', 'list-unsubscribe', 'list-unsubscribe-post']) expect(count(name), name).toBe(2);
      for (const name of ['feedback-id', 'list-archive', 'reply-to', 'content-type', 'mime-version']) expect(count(name), name).toBe(1);
      expect(message.parsed.headers.get('feedback-id')).toBe('weekly:testweekly:test');
    }
  });

  it.each([
    ['List-Unsubscribe', '<https://evil.test.example/unsubscribe/x>'],
    ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
    ['From', '"Test Weekly" <security@evil.example>'],
    ['Subject', 'Your account is locked'],
  ])('no longer passes when a second %s is prepended', async (name, value) => {
    for (const message of sink.messages) {
      const result = await dkimVerify(`${name}: ${value}\r\n${message.raw}`, { resolver });
      expect(result.results).toHaveLength(1);
      expect(result.results[0]?.status.result).not.toBe('pass');
    }
  });

  it('still passes with a trace header prepended, as relays add them', async () => {
    const result = await dkimVerify(`Received: from relay.test.example by mx.example.com\r\n${sink.messages[0]!.raw}`, { resolver });
    expect(result.results[0]?.status.result).toBe('pass');
  });

  it.each([
    ['the List-Unsubscribe-Post value', (raw: string) => raw.replace('List-Unsubscribe-Post: List-Unsubscribe=One-Click', 'List-Unsubscribe-Post: List-Unsubscribe=Two-Click')],
    ['the List-Unsubscribe URL', (raw: string) => raw.replace('https://news.test.example/unsubscribe/', 'https://evil.test.example/unsubscribe/')],
    ['the Subject', (raw: string) => raw.replace(/^Subject: /m, 'Subject: Re: ')],
    ['the body', (raw: string) => raw.replace(/\r\n\r\n([\s\S]*?)Streaming/, (_all, before: string) => `\r\n\r\n${before}Streamlining`)],
  ])('no longer passes when %s is changed', async (_name, tamper) => {
    for (const message of sink.messages) {
      const tampered = tamper(message.raw);
      expect(tampered).not.toBe(message.raw);
      const result = await dkimVerify(tampered, { resolver });
      expect(result.results).toHaveLength(1);
      expect(result.results[0]?.status.result).not.toBe('pass');
    }
  });

  it('does not pass against another key (the check above really uses the published key)', async () => {
    const other = resolverFor(testKey().txtRecord);
    const result = await dkimVerify(sink.messages[0]!.raw, { resolver: other });
    expect(result.results[0]?.status.result).toBe('fail');
  });
});

describe('DKIM signing with an Ed25519 key (RFC 8463)', () => {
  it('signs with ed25519-sha256 and verifies against the published key', async () => {
    const sink = await startSmtpSink();
    const ws = createWorkspace({ extraConfig: DKIM_CONFIG('./dkim.pem') });
    try {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      ws.write('dkim.pem', privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
      // The record publishes the bare 32-byte key, the last bytes of its SPKI form.
      const p = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
      const env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
      await prepare(ws, env);
      const run = await runCli(['run', '--now', NOW], { cwd: ws.dir, env });
      expect(run.code, run.stderr).toBe(0);
      expect(sink.messages).toHaveLength(2);
      for (const message of sink.messages) {
        expect(headerValue(message.raw, 'DKIM-Signature')).toMatch(/(?:^|;)\s*a=ed25519-sha256;/);
        const result = await dkimVerify(message.raw, { resolver: resolverFor(`v=DKIM1; k=ed25519; p=${p}`) });
        expect(result.results[0]?.status.result, JSON.stringify(result.results[0]?.status)).toBe('pass');
      }
    } finally {
      await sink.close();
      ws.remove();
    }
  });
});

describe('DKIM key file problems', () => {
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    await sink?.close();
  });

  it.each([
    ['is missing', undefined, /DKIM private key file not found.*dkim\.privateKeyFile/],
    ['is not a PEM private key', 'not a key\n', /is not a usable unencrypted RSA private key/],
  ])('a key file that %s stops `digest run` with one line naming the file, sending nothing', async (_name, content, problem) => {
    const ws = createWorkspace({ extraConfig: DKIM_CONFIG('./keys/dkim.pem') });
    try {
      if (content !== undefined) ws.write('keys/dkim.pem', content);
      const env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
      await prepare(ws, env);
      const run = await runCli(['run', '--now', NOW], { cwd: ws.dir, env });
      expect(run.code).toBe(1);
      const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: /);
      expect(lines[0]).toContain('keys/dkim.pem');
      expect(lines[0]).toMatch(problem);
      expect(sink.messages).toHaveLength(0);
      const store = openStore(ws.dataDir);
      try {
        expect(deliveryCounts(store, '2026-W48').total).toBe(0);
      } finally {
        store.close();
      }
    } finally {
      ws.remove();
    }
  });
});
