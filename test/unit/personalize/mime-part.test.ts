import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { compileMimePart, type PartType } from '../../../src/personalize/mime-part.js';
import { compileFill } from '../../../src/personalize/template.js';
import type { RecipientFields } from '../../../src/types.js';

/** Decodes one MIME part the way a mail client does (mailparser), with line breaks as LF. */
async function decodePart(part: string, type: PartType): Promise<string> {
  const parsed = await simpleParser(part);
  const body = type === 'text/html' ? parsed.html : parsed.text;
  if (typeof body !== 'string') throw new Error(`mailparser found no ${type} body in:\n${part}`);
  return body;
}

const lf = (text: string) => text.replace(/\r\n|\r/g, '\n');

function bodyOf(part: string): string {
  return part.slice(part.indexOf('\r\n\r\n') + 4);
}

/** A small seeded generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PIECES = [
  'Hello', ' ', '  ', '\t', '\n', '\r\n', '=', '==3D', '.', '..', 'é', 'ß', '—', '·', '李小龍', '🙂', '<a href="https://x.example/?a=1&b=2">',
  'averyveryveryveryverylongwordwithoutanyspacesthatgoesonandonandonandonandonandonandonandon', '=20', '?', '_', '~', '"', "'", '&',
];

function randomText(next: () => number, pieces: number): string {
  let out = '';
  for (let i = 0; i < pieces; i++) out += PIECES[Math.floor(next() * PIECES.length)];
  return out;
}

const FIELDS: (keyof RecipientFields)[] = ['greetingName', 'email', 'unsubscribeUrl', 'preferencesUrl'];

function randomDocument(next: () => number): string {
  let out = '';
  const slots = Math.floor(next() * 6);
  for (let i = 0; i < slots; i++) out += randomText(next, Math.floor(next() * 30)) + `[[digest:${FIELDS[Math.floor(next() * FIELDS.length)]}]]`;
  return out + randomText(next, Math.floor(next() * 30));
}

function randomFields(next: () => number): RecipientFields {
  return { greetingName: randomText(next, 1 + Math.floor(next() * 4)), email: randomText(next, 1 + Math.floor(next() * 3)), unsubscribeUrl: randomText(next, Math.floor(next() * 8)), preferencesUrl: randomText(next, Math.floor(next() * 8)) };
}

const ANA: RecipientFields = {
  greetingName: 'Ana María',
  email: 'ana@example.com',
  unsubscribeUrl: 'https://news.example.com/unsubscribe/1.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ?list=field-notes&x=1',
  preferencesUrl: 'https://news.example.com/preferences/1.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ',
};

describe('compileMimePart', () => {
  it('writes a quoted-printable part with its headers for mostly Latin text', () => {
    const part = compileMimePart('<p>Hi [[digest:greetingName]],</p>', { type: 'text/html', escape: true, source: 'email.html' })(ANA);
    expect(part.startsWith('Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n')).toBe(true);
    expect(bodyOf(part)).toContain('Ana Mar=C3=ADa');
  });

  it('decodes to exactly the filled document, for HTML (escaped) and text (as is)', async () => {
    const html = '<p>Hi [[digest:greetingName]],</p>\n<a href="[[digest:unsubscribeUrl]]">Unsubscribe</a> <span>[[digest:email]]</span>\n';
    const text = 'Hi [[digest:greetingName]],\nUnsubscribe: [[digest:unsubscribeUrl]]\n';
    const hostile = { ...ANA, greetingName: '<script>"x" & \'y\'</script> =3D' };
    for (const fields of [ANA, hostile]) {
      const htmlPart = compileMimePart(html, { type: 'text/html', escape: true, source: 'email.html' })(fields);
      const textPart = compileMimePart(text, { type: 'text/plain', escape: false, source: 'email.txt' })(fields);
      expect(await decodePart(htmlPart, 'text/html')).toBe(lf(compileFill(html, { escape: true, source: 'email.html' })(fields)));
      expect(await decodePart(textPart, 'text/plain')).toBe(lf(compileFill(text, { escape: false, source: 'email.txt' })(fields)));
    }
  });

  it('keeps every quoted-printable line within 76 characters of printable ASCII', () => {
    const long = `<div>${'word '.repeat(200)}[[digest:unsubscribeUrl]]${'x'.repeat(300)}</div>`;
    const part = compileMimePart(long, { type: 'text/html', escape: true, source: 'email.html' })({
      ...ANA,
      unsubscribeUrl: `https://news.example.com/${'é'.repeat(120)}`,
    });
    for (const line of bodyOf(part).split('\r\n')) {
      expect(line.length).toBeLessThanOrEqual(76);
      expect(line).toMatch(/^[\x20-\x7e\t]*$/);
      expect(line).not.toMatch(/[ \t]$/);
    }
  });

  it('uses base64 for mostly non-Latin text, and decodes it back', async () => {
    const document = '<p>[[digest:greetingName]]さん、こんにちは。今週の記事をお届けします。</p>';
    const part = compileMimePart(document, { type: 'text/html', escape: true, source: 'email.html' })({ ...ANA, greetingName: '李' });
    expect(part).toContain('Content-Transfer-Encoding: base64\r\n');
    for (const line of bodyOf(part).split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(await decodePart(part, 'text/html')).toBe('<p>李さん、こんにちは。今週の記事をお届けします。</p>');
  });

  it('round-trips 300 random documents and values (edge characters, line breaks, long words, emoji)', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const document = randomDocument(next);
      const fields = randomFields(next);
      const type: PartType = seed % 2 === 0 ? 'text/html' : 'text/plain';
      const escape = type === 'text/html';
      const part = compileMimePart(document, { type, escape, source: 'random' })(fields);
      const expected = lf(compileFill(document, { escape, source: 'random' })(fields));
      expect({ seed, decoded: await decodePart(part, type) }).toEqual({ seed, decoded: expected });
    }
  });

  it('refuses an unknown placeholder once, at compile time', () => {
    expect(() => compileMimePart('Hi [[digest:nickname]]', { type: 'text/plain', escape: false, source: 'email.txt' })).toThrow(/nickname/);
  });
});
