import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { checkAltText } from '../../../src/checks/alt-text.js';
import { checkListHeaders } from '../../../src/checks/headers.js';
import { checkLinks, checkLinkSyntax } from '../../../src/checks/links.js';
import { spamCheck } from '../../../src/checks/spam.js';

const doc = (body: string) => parseHTML(`<!doctype html><html><body>${body}</body></html>`).document;

describe('checkAltText', () => {
  it('warns of an image without alt', () => {
    const checks = checkAltText(doc('<img src="https://cdn.example/a.png" width="600">'));
    expect(checks).toEqual([expect.objectContaining({ severity: 'warning', check: 'alt-text', message: expect.stringContaining('image https://cdn.example/a.png has no alt attribute') })]);
  });

  it('accepts alt="" for decorative images, spacers without alt, and images marked presentation', () => {
    expect(checkAltText(doc('<p>Text <img src="https://cdn.example/rule.png" alt=""></p><img src="https://t.example/p.gif" width="1" height="1"><img src="https://cdn.example/x.png" role="presentation">'))).toEqual([]);
  });

  it('warns of alt="" on an image that is all its link says', () => {
    expect(checkAltText(doc('<a href="https://a.example"><img src="https://cdn.example/logo.png" alt=""></a>'))).toEqual([
      expect.objectContaining({ message: expect.stringContaining("is a link's only content") }),
    ]);
    expect(checkAltText(doc('<a href="https://a.example" aria-label="Home"><img src="https://cdn.example/logo.png" alt=""></a>'))).toEqual([]);
  });

  it('warns of alt text that repeats the text beside it (an avatar next to the name)', () => {
    const html = '<table><tr><td><img src="https://cdn.example/ada.jpg" alt="Ada Lovelace"></td><td><b>Ada Lovelace</b> · Engineer</td></tr></table>';
    expect(checkAltText(doc(html))).toEqual([expect.objectContaining({ message: expect.stringContaining('("Ada Lovelace") repeats the text beside it') })]);
    expect(checkAltText(doc('<table><tr><td><img src="https://cdn.example/chart.png" alt="Latency fell from hours to seconds"></td><td><b>Ada</b></td></tr></table>'))).toEqual([]);
  });
});

describe('link syntax', () => {
  const link = (url: string) => checkLinkSyntax({ url, kind: 'link', text: 'x' });
  it.each([
    ['https://example.com/a?b=1#c', undefined],
    ['mailto:editor@example.com?subject=hi', undefined],
    ['http://example.com/', 'warning'],
    ['/relative/page', 'error'],
    ['page.html', 'error'],
    ['', 'error'],
    ['https://', 'error'],
    ['javascript:alert(1)', 'error'],
    ['ftp://example.com/file', 'error'],
    ['mailto:', 'error'],
    ['https://exa mple.com/', 'error'],
  ])('%j → %s', (url, severity) => expect(link(url)?.severity).toBe(severity));

  it('checks anchors against the ids of the email, and images like links (without mailto)', () => {
    const checks = checkLinks(doc('<h2 id="first">A</h2><a href="#first">ok</a><a href="#missing">no</a><img src="http://cdn.example/a.png" alt="a"><img src="mailto:a@b.example" alt="b">'));
    expect(checks.map((found) => [found.severity, found.message.split(' ').slice(0, 2).join(' ')])).toEqual([
      ['warning', 'link #missing'],
      ['warning', 'image http://cdn.example/a.png'],
      ['error', 'image mailto:a@b.example'],
    ]);
  });

  it('reports each URL once', () => {
    expect(checkLinks(doc('<a href="http://a.example">1</a><a href="http://a.example">2</a>'))).toHaveLength(1);
  });
});

describe('checkListHeaders', () => {
  const GOOD = {
    'List-Id': 'Field Notes <field-notes.example.com>',
    'List-Unsubscribe': '<https://news.example.com/unsubscribe/abc>, <mailto:unsubscribe@example.com?subject=unsubscribe>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
  it('accepts the one-click pair with an https URL and a List-Id', () => expect(checkListHeaders(GOOD)).toEqual([]));

  it.each([
    ['List-Unsubscribe', undefined, /no List-Unsubscribe header/],
    ['List-Unsubscribe', '<mailto:u@example.com>', /no https URL/],
    ['List-Unsubscribe', '<http://news.example.com/u/abc>', /no https URL/],
    ['List-Unsubscribe-Post', undefined, /no List-Unsubscribe-Post/],
    ['List-Unsubscribe-Post', 'One-Click', /requires exactly/],
    ['List-Id', undefined, /no List-Id/],
    ['List-Id', 'Field Notes', /does not end in/],
  ])('%s %j is an error', (name, value, message) => {
    const headers: Record<string, string> = { ...GOOD };
    if (value === undefined) delete headers[name];
    else headers[name] = value;
    expect(checkListHeaders(headers)).toEqual([expect.objectContaining({ severity: 'error', check: 'headers', message: expect.stringMatching(message) })]);
  });

  it('reads header names case-insensitively', () => {
    expect(checkListHeaders(Object.fromEntries(Object.entries(GOOD).map(([name, value]) => [name.toLowerCase(), value])))).toEqual([]);
  });
});

describe('spamCheck', () => {
  it.each([
    [{ skipped: 'SpamAssassin is not installed' }, 'info', /^SpamAssassin skipped: SpamAssassin is not installed/],
    [{ score: -0.1, rules: [{ name: 'DKIM_VALID', score: -0.1 }] }, 'info', /scores the sample message -0\.1: DKIM_VALID -0\.1/],
    [{ score: 0.7, rules: [{ name: 'HTML_FONT_LOW_CONTRAST', score: 0.7, description: 'BODY: HTML font color similar' }] }, 'warning', /0\.7 \(0 or below is the aim\): HTML_FONT_LOW_CONTRAST \+0\.7/],
    [{ score: 5, rules: [] }, 'error', /scores the sample message 5, spam from 5/],
  ])('%j → %s', (result, severity, message) => {
    expect(spamCheck(result)).toEqual({ severity, check: 'spam', message: expect.stringMatching(message) });
  });
});
