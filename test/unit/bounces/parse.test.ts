import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBounce } from '../../../src/bounces/index.js';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/bounces');
const ORIGINAL = '<2026-W48.0123456789abcdef01234567@news.test.example>';
const DANA = 'dana@example.net';

type Row = [file: string, type: string, format: string | null, kind: string | null, address: string | null, status: string | null, messageId: string | null];

const cases: Row[] = [
  ['postfix-dsn.eml', 'dsn', 'rfc3464', 'hard', DANA, '5.1.1', ORIGINAL],
  ['postfix-delayed-dsn.eml', 'dsn', 'rfc3464', 'soft', DANA, '4.4.1', ORIGINAL],
  ['exchange-dsn.eml', 'dsn', 'rfc3464', 'hard', DANA, '5.1.10', ORIGINAL],
  ['gmail-dsn.eml', 'dsn', 'rfc3464', 'hard', DANA, '5.1.1', ORIGINAL],
  ['ses-dsn.eml', 'dsn', 'rfc3464', 'hard', DANA, '5.1.1', ORIGINAL],
  ['dsn-verp-only.eml', 'dsn', 'rfc3464', 'hard', 'dana.forwarded@elsewhere.example', '5.1.1', null],
  ['postfix-text.eml', 'text', 'postfix', 'hard', DANA, '5.7.1', ORIGINAL],
  ['exim-text.eml', 'text', 'exim', 'hard', DANA, '5.1.1', ORIGINAL],
  ['exim-delay-text.eml', 'text', 'exim', 'soft', DANA, '4.2.0', null],
  ['qmail-text.eml', 'text', 'qmail', 'hard', DANA, '5.1.1', ORIGINAL],
  ['qmail-no-mailbox-text.eml', 'text', 'qmail', 'hard', 'eli@example.com', '5.1.1', null],
  ['exchange-text.eml', 'text', 'exchange', 'hard', 'fay@fabrikam.example', '5.1.1', '<2026-W48.fedcba9876543210fedcba98@news.test.example>'],
  ['outlook-com-quota-text.eml', 'text', 'exchange', 'soft', 'gus@outlook.example', '4.2.2', null],
  ['gmail-legacy-text.eml', 'text', 'gmail', 'hard', 'hal@example.org', '5.2.1', '<2026-W48.00112233445566778899aabb@news.test.example>'],
  ['gmail-delay-text.eml', 'text', 'gmail', 'soft', 'ivy@example.org', '4.7.0', null],
  ['arf-abuse.eml', 'arf', 'rfc5965', 'complaint', DANA, null, ORIGINAL],
  ['arf-redacted.eml', 'arf', 'rfc5965', 'complaint', 'jo@example.com', null, '<2026-W48.99887766554433221100ffee@news.test.example>'],
  ['dsn-delivered.eml', 'dsn', 'rfc3464', null, null, null, ORIGINAL],
  ['not-a-bounce.eml', 'none', null, null, null, null, null],
];

describe('parseBounce', () => {
  it('has a case for every fixture', () => {
    expect(fs.readdirSync(DIR).filter((name) => name.endsWith('.eml')).sort()).toEqual(cases.map(([file]) => file).sort());
  });

  it.each(cases)('%s → %s %s %s %s %s', async (file, type, format, kind, address, status, messageId) => {
    const report = await parseBounce(fs.readFileSync(path.join(DIR, file)));
    expect(report.type).toBe(type);
    expect(report.format).toBe(format);
    expect(report.originalMessageId).toBe(messageId);
    if (kind === null) {
      expect(report.events).toEqual([]);
      return;
    }
    expect(report.events).toHaveLength(1);
    expect(report.events[0]).toMatchObject({ kind, address, status });
  });

  it('keeps Original-Recipient, Action and the Diagnostic-Code without its type', async () => {
    const report = await parseBounce(fs.readFileSync(path.join(DIR, 'postfix-dsn.eml')));
    expect(report.events[0]).toMatchObject({ originalRecipient: DANA, action: 'failed' });
    expect(report.events[0]?.diagnostic).toBe('550 5.1.1 <dana@example.net>: Recipient address rejected: User unknown in virtual mailbox table');
    expect(report.listId).toBe('Test Weekly <test-weekly.news.test.example>');
    expect(report.originalTo).toBe(DANA);
  });

  it('reads the ARF feedback type', async () => {
    const report = await parseBounce(fs.readFileSync(path.join(DIR, 'arf-abuse.eml')));
    expect(report.events[0]?.action).toBe('abuse');
  });

  it('reads the VERP token of the address the bounce came back to', async () => {
    const raw = fs.readFileSync(path.join(DIR, 'dsn-verp-only.eml'));
    expect((await parseBounce(raw, { verpPattern: 'bounces+{token}@test.example' })).verpToken).toBe('2026-W48.0123456789abcdef01234567');
    expect((await parseBounce(raw, { verpPattern: 'returns+{token}@test.example' })).verpToken).toBeNull();
    expect((await parseBounce(raw)).verpToken).toBeNull();
  });

  it('lists every failed recipient of a DSN and leaves out delivered ones', async () => {
    const raw = Buffer.from(
      [
        'From: MAILER-DAEMON@mx.example',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'Report.',
        '--b',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example',
        '',
        'Final-Recipient: rfc822; a@example.com',
        'Action: failed',
        'Status: 5.2.2',
        '',
        'Final-Recipient: rfc822; b@example.com',
        'Action: delivered',
        'Status: 2.0.0',
        '',
        'Final-Recipient: rfc822; c@example.com',
        'Action: delayed',
        'Status: 4.4.7',
        '--b--',
        '',
      ].join('\r\n'),
    );
    const report = await parseBounce(raw);
    expect(report.events.map((event) => [event.address, event.kind, event.status])).toEqual([
      ['a@example.com', 'hard', '5.2.2'],
      ['c@example.com', 'soft', '4.4.7'],
    ]);
  });

  it('never takes the bounce\'s own sender or recipient for a failed address', async () => {
    const raw = Buffer.from(
      [
        'From: postmaster@fabrikam.example',
        'To: bounces@test.example',
        'Subject: Undeliverable: Test Weekly',
        '',
        'Delivery has failed to these recipients or groups:',
        '',
        'kim@fabrikam.example',
        'bounces@test.example',
        'postmaster@fabrikam.example',
        '#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##',
        '',
      ].join('\r\n'),
    );
    const report = await parseBounce(raw);
    expect(report.events.map((event) => event.address)).toEqual(['kim@fabrikam.example']);
  });

  it('reads an internationalised DSN (RFC 6533 message/global-delivery-status)', async () => {
    const raw = Buffer.from(
      [
        'From: MAILER-DAEMON@mx.example',
        'Content-Type: multipart/report; report-type=global-delivery-status; boundary="g"',
        '',
        '--g',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Zustellung fehlgeschlagen.',
        '--g',
        'Content-Type: message/global-delivery-status',
        '',
        'Reporting-MTA: dns; mx.example',
        '',
        'Final-Recipient: rfc822; jörg@example.de',
        'Action: failed',
        'Status: 5.1.1',
        '--g--',
        '',
      ].join('\r\n'),
    );
    const report = await parseBounce(raw);
    expect(report.type).toBe('dsn');
    expect(report.events.map((event) => [event.address, event.kind])).toEqual([['jörg@example.de', 'hard']]);
  });
});
