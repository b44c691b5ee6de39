import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseFeed, type ParsedFeed } from '../../../../src/collect/feeds/parse.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url));
const parse = (name: string, url?: string): ParsedFeed => parseFeed(fixture(name), { source: name, url });

describe('titles and descriptions', () => {
  const feed = parse('cdata-entities.xml');

  it('strips HTML from the feed title too', () => {
    expect(feed.title).toBe('Entities & Markup');
  });

  it.each([
    ['CDATA with HTML', 'CDATA title with HTML & an ampersand', 'CDATA description & more'],
    ['escaped HTML', 'Escaped bold title', 'Escaped description'],
    ['double-escaped HTML', 'Double-escaped bold title', null],
    ['escaped HTML inside CDATA', 'CDATA holding escaped tags', null],
    ['named and numeric entities', 'Café & crème — it’s “quoted”…', 'Tom & Jerry <3'],
    ['whitespace over several lines', 'Spread over several lines', null],
    ['a double-escaped element that is not formatting', 'Why <template> elements matter', null],
  ])('reads %s', (_case, title, summary) => {
    const found = feed.items.find((entry) => entry.title === title);
    expect(found?.title).toBe(title);
    expect(found?.summary).toBe(summary);
  });
});

describe('relative links', () => {
  it('resolves Atom links against feed- and entry-level xml:base', () => {
    const feed = parse('atom-xml-base.xml', 'https://elsewhere.example/feeds/base.atom');
    expect(feed.link).toBe('https://base.example/blog/');
    expect(feed.items.map((entry) => [entry.url, entry.contentHtml])).toEqual([
      ['https://base.example/blog/posts/one.html', '<p><a href="https://base.example/about">About</a> <img src="https://base.example/blog/img/one.png" alt="one" /></p>'],
      ['https://base.example/blog/2026/11/two.html', '<p><a href="https://base.example/blog/2026/11/three.html">Next</a> <a href="https://base.example/root">Root</a></p>'],
      ['https://mirror.example/archive/four.html', null],
    ]);
  });

  it.each([
    ['the item’s xml:base', '<channel xml:base="https://channel.example/c/"><title>t</title><link>https://home.example/</link><item xml:base="items/"><link>a</link></item></channel>', 'https://channel.example/c/items/a'],
    ['the feed’s link', '<channel><title>t</title><link>https://home.example/blog/</link><item><link>a</link></item></channel>', 'https://home.example/blog/a'],
    ['the feed URL, when the feed’s link is relative too', '<channel><title>t</title><link>/blog/</link><item><link>a</link></item></channel>', 'https://feed.example/blog/a'],
    ['nothing it can use, leaving the link out', '<channel><title>t</title><item><link>../a</link></item></channel>', 'https://feed.example/a'],
  ])('resolves RSS links against %s', (_case, channel, url) => {
    const feed = parseFeed(`<rss version="2.0">${channel}</rss>`, { source: 's', url: 'https://feed.example/x/feed.xml' });
    expect(feed.items[0]?.url).toBe(url);
  });
});

describe('dates', () => {
  it('reads odd dates, orders newest first with the undated last, and says how many were missing or unreadable', () => {
    const feed = parse('odd-dates.xml');
    expect(feed.items.map((entry) => [entry.id, entry.date?.toISOString() ?? null])).toEqual([
      ['iso', '2026-11-27T06:30:00.000Z'],
      ['wrong-day', '2026-11-26T08:00:00.000Z'],
      ['gmt-plus', '2026-11-25T08:00:00.000Z'],
      ['est', '2026-11-24T15:00:00.000Z'],
      ['dc-date', '2026-11-23T20:00:00.000Z'],
      ['impossible', null],
      ['garbage', null],
      ['missing', null],
    ]);
    expect(feed.warnings).toEqual(['1 item without a date', '2 items with a date that could not be read (e.g. "Mon, 31 Feb 2026 10:00:00 GMT")']);
  });

  it('falls back to the updated date when the published one cannot be read', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><id>1</id><title>a</title><published>yesterday</published><updated>2026-11-20T10:00:00Z</updated></entry></feed>`;
    expect(parseFeed(xml, { source: 's' }).items[0]?.date?.toISOString()).toBe('2026-11-20T10:00:00.000Z');
  });
});

describe('duplicates', () => {
  it('keeps the first item of each id and says how many were dropped', () => {
    const feed = parse('duplicates.xml');
    expect(feed.items.map((entry) => [entry.id, entry.title])).toEqual([
      ['same-guid', 'First copy'],
      ['other-guid', 'Unique'],
      ['https://dupes.example/c', 'No guid, same link'],
    ]);
    expect(feed.warnings).toEqual(['3 duplicate ids dropped']);
  });
});

describe('empty feeds', () => {
  it.each([
    ['an RSS channel', '<rss version="2.0"><channel><title>Quiet</title><link>https://quiet.example/</link></channel></rss>', 'rss'],
    ['an Atom feed', '<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title><link href="https://quiet.example/"/></feed>', 'atom'],
    ['a JSON Feed', '{"version":"https://jsonfeed.org/version/1.1","title":"Quiet","home_page_url":"https://quiet.example/","items":[]}', 'json'],
  ])('reads %s without items as a feed, with a warning', (_case, body, format) => {
    expect(parseFeed(body, { source: 's' })).toEqual({ format, title: 'Quiet', link: 'https://quiet.example/', items: [], warnings: ['the feed has no items'] });
  });
});

describe('enormous feeds', () => {
  /** An RSS feed of `count` items, oldest first, one an hour. */
  const enormous = (count: number): string => {
    const items: string[] = [];
    for (let i = 0; i < count; i++) {
      const date = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toUTCString();
      items.push(`<item><title>Item ${i}</title><link>https://big.example/${i}</link><pubDate>${date}</pubDate><description>&lt;p&gt;Body ${i}&lt;/p&gt;</description></item>`);
    }
    return `<rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>${items.join('\n')}</channel></rss>`;
  };
  const xml = enormous(20_000);

  it('keeps the newest 500 of 20,000 items and says so', () => {
    const feed = parseFeed(xml, { source: 'big' });
    expect(feed.items).toHaveLength(500);
    expect(feed.items[0]?.title).toBe('Item 19999');
    expect(feed.items[0]?.summary).toBe('Body 19999');
    expect(feed.items[499]?.title).toBe('Item 19500');
    expect(feed.warnings).toEqual(['capped at 500 items of 20000']);
  });

  it.each([
    [10, 'Item 19990', ['capped at 10 items of 20000']],
    [20_000, 'Item 0', []],
    [Infinity, 'Item 0', []],
  ])('keeps at most maxItems = %s', (maxItems, last, warnings) => {
    const feed = parseFeed(xml, { source: 'big', maxItems });
    expect(feed.items.at(-1)?.title).toBe(last);
    expect(feed.warnings).toEqual(warnings);
  });

  it('keeps undated items after dated ones when capping', () => {
    const mixed = `<rss version="2.0"><channel><title>t</title>
      <item><title>undated</title><guid>u</guid></item>
      <item><title>old</title><guid>o</guid><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item>
      <item><title>new</title><guid>n</guid><pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate></item>
    </channel></rss>`;
    const feed = parseFeed(mixed, { source: 's', maxItems: 2 });
    expect(feed.items.map((entry) => entry.title)).toEqual(['new', 'old']);
    expect(feed.warnings).toEqual(['capped at 2 items of 3']);
  });
});

describe('unsafe and incomplete items', () => {
  const feed = parse('unsafe.xml');
  const [clickMe, noLink, untitled, summaryOnly] = feed.items;

  it('drops a javascript: link and a javascript: enclosure', () => {
    expect(clickMe?.url).toBeNull();
    expect(clickMe?.image).toBeNull();
  });

  it('removes scripts, styles, frames, forms, handlers and unsafe URLs from content', () => {
    expect(clickMe?.contentHtml).toBe(
      '<p>Hello</p><a>bad link</a> <a>shouty</a> <a href="mailto:editor@unsafe.example">mail</a><img src="https://unsafe.example/ok.png" />',
    );
    expect(clickMe?.summary).toBe('Safe text after');
    expect(feed.title).toBe('Unsafe Things');
  });

  it('gives items without link or guid an id hashed from title and date', () => {
    expect(noLink).toMatchObject({ title: 'No link at all', url: null });
    expect(noLink?.id).toMatch(/^hash:[0-9a-f]{16}$/);
    const again = parseFeed(fixture('unsafe.xml'), { source: 'again' });
    expect(again.items.map((entry) => entry.id)).toEqual(feed.items.map((entry) => entry.id));
    expect(new Set(feed.items.map((entry) => entry.id)).size).toBe(4);
  });

  it.each([
    ['with nothing to go on', () => untitled, '(untitled)'],
    ['from the first words of the summary', () => summaryOnly, 'An item with neither title, link nor guid, whose summary…'],
  ])('titles an untitled item %s', (_case, entry, title) => {
    expect(entry()?.title).toBe(title);
  });
});

describe('encodings', () => {
  it.each([
    ['iso-8859-1.xml', 'Grüße aus Köln', 'Café, naïve, ½ price', 'Smørrebrød & crème brûlée'],
    ['windows-1252.xml', '“Smart” quotes', 'It’s 5 € — really…', 'Bullets • and daggers †'],
    ['shift-jis.xml', '日本語のフィード', 'こんにちは、世界', 'テスト記事です。'],
    ['utf-8-bom.xml', 'With a BOM', 'Zażółć gęślą jaźń', 'UTF-8 with a byte-order mark'],
    ['utf-16le-bom.xml', 'UTF-16 Ελληνικά', '日本語 and Ελληνικά', 'Sixteen bits a unit 🎉'],
  ])('reads %s', (name, feedTitle, itemTitle, summary) => {
    const feed = parse(name);
    expect(feed.title).toBe(feedTitle);
    expect(feed.items.map((entry) => [entry.title, entry.summary])).toEqual([[itemTitle, summary]]);
  });

  it('trusts the Content-Type charset over the XML declaration', () => {
    const body = iconv.encode('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Köln</title></channel></rss>', 'latin1');
    expect(parseFeed(body, { source: 's', contentType: 'application/rss+xml; charset=ISO-8859-1' }).title).toBe('Köln');
  });
});
