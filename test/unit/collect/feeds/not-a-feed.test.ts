import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../../src/collect/feeds/parse.js';
import { advertisedFeeds, NOT_A_FEED_HINT } from '../../../../src/collect/feeds/sniff.js';
import { DigestError, ErrorCodes, formatError } from '../../../../src/errors.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url));

/** The DigestError parseFeed throws for `body`. */
function failure(body: Buffer | string, url?: string): DigestError {
  try {
    parseFeed(body, { source: 'the-source', url });
  } catch (error) {
    if (error instanceof DigestError) return error;
    throw error;
  }
  throw new Error('parseFeed accepted the body');
}

describe('parseFeed on things that are not feeds', () => {
  it.each([
    ['an empty string', '', 'the feed is empty'],
    ['an empty Buffer', Buffer.alloc(0), 'the feed is empty'],
    ['whitespace and a BOM', '\ufeff  \n\t', 'the feed is empty'],
    ['plain text', fixture('not-a-feed.txt'), 'the response is plain text ("User-agent: * Disallow: /private/"), not a feed'],
    ['long plain text', 'word '.repeat(100_000), 'the response is plain text ("word word word word word word word word…"), not a feed'],
    ['an HTML page', fixture('page-without-feed.html'), 'the response is an HTML page, not a feed'],
    ['an HTML page without a doctype', '<html><head><title>x</title></head></html>', 'the response is an HTML page, not a feed'],
    ['an HTML page after junk', 'junk <html><body>x</body></html>', 'the response is an HTML page, not a feed'],
    ['truncated XML', fixture('truncated.xml'), 'the XML ends before its closing </rss> (truncated?)'],
    ['XML cut after the channel', '<rss version="2.0"><channel><title>t</title><item><title>a</title></item></channel>', 'the XML ends before its closing </rss> (truncated?)'],
    ['XML cut inside the root tag', '<?xml version="1.0"?><rss version="2.', 'the XML ends before its closing </rss> (truncated?)'],
    ['Atom cut short', '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry>', 'the XML ends before its closing </feed> (truncated?)'],
    ['malformed XML', fixture('malformed.xml'), 'the RSS feed cannot be read: Unexpected end of title'],
    ['XML nested beyond reason', `<rss version="2.0"><channel>${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}</channel></rss>`, 'the RSS feed cannot be read: Maximum nested tags exceeded'],
    ['an RSS root without a channel', '<rss version="2.0"><nothing/></rss>', 'the RSS feed cannot be read: it holds no channel, items or entries'],
    ['an empty RSS root', '<?xml version="1.0"?>\n<rss version="2.0" />', 'the <rss> element is empty, not a feed'],
    ['a sitemap', fixture('sitemap.xml'), 'the response is an XML document of another kind (<urlset>), not a feed'],
    ['an SVG image', '<?xml version="1.0"?><!-- drawn by hand --><svg xmlns="http://www.w3.org/2000/svg"><title>x</title></svg>', 'the response is an XML document of another kind (<svg>), not a feed'],
    ['markup that is not XML', '<<< not >>>', 'the response is markup that is not XML, not a feed'],
    ['JSON that is not a JSON Feed', fixture('not-json-feed.json'), 'the response is JSON but not a JSON Feed (no "version": "https://jsonfeed.org/version/1.1")'],
    ['a JSON array', '[{"title":"x"}]', 'the response is JSON but not a JSON Feed (no "version": "https://jsonfeed.org/version/1.1")'],
  ])('rejects %s', (_case, body, message) => {
    const error = failure(body);
    expect(error.code).toBe(ErrorCodes.FEED_INVALID);
    expect(error.message).toBe(message);
    expect(error.file).toBe('the-source');
    expect(error.hint).toBe(NOT_A_FEED_HINT);
  });

  it('rejects malformed JSON with the parser’s reason, on one line', () => {
    const error = failure('{"version": "https://jsonfeed.org/version/1.1", "items": [');
    expect(error.code).toBe(ErrorCodes.FEED_INVALID);
    expect(error.message).toMatch(/^the JSON is malformed \(.+\)$/);
    expect(error.message).not.toContain('\n');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('names the feed an HTML page advertises, resolved against its <base> and URL', () => {
    const error = failure(fixture('page-with-feed-links.html'), 'https://blog.example/index.html');
    expect(error.message).toBe('the response is an HTML page, not a feed');
    expect(error.hint).toBe('the page advertises its feed at https://blog.example/blog/feed.xml?format=rss&full=1 — use that URL instead (it lists 2 feeds; this is the first)');
  });

  it('prints as one line without a stack', () => {
    const line = formatError(failure(fixture('page-with-feed-links.html'), 'https://blog.example/'));
    expect(line).toBe(
      'the-source: the response is an HTML page, not a feed — the page advertises its feed at https://blog.example/blog/feed.xml?format=rss&full=1 — use that URL instead (it lists 2 feeds; this is the first)',
    );
  });

  it('does not expand entities declared in a DOCTYPE (billion laughs)', () => {
    const started = performance.now();
    const feed = parseFeed(fixture('billion-laughs.xml'), { source: 'laughs' });
    expect(feed.items.map((item) => item.title)).toEqual(['&lol9;']);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('advertisedFeeds', () => {
  it.each([
    ['RSS, Atom and JSON Feed links', '<link rel="alternate" type="application/rss+xml" href="/rss"><link rel="alternate" type="application/atom+xml" href="/atom"><link rel="alternate" type="application/feed+json" href="/json">', 'https://s.example/page', ['https://s.example/rss', 'https://s.example/atom', 'https://s.example/json']],
    ['attributes in any order, case and quoting', "<LINK HREF='feed.xml' TYPE='Application/RSS+XML' REL='Alternate Home'>", 'https://s.example/blog/', ['https://s.example/blog/feed.xml']],
    ['a type with parameters', '<link rel="alternate" type="application/atom+xml; charset=utf-8" href="/a">', 'https://s.example/', ['https://s.example/a']],
    ['the same feed twice', '<link rel="alternate" type="application/rss+xml" href="/rss"><link rel="alternate" type="application/rss+xml" href="https://s.example/rss">', 'https://s.example/', ['https://s.example/rss']],
    ['no page URL to resolve against', '<link rel="alternate" type="application/rss+xml" href="/rss">', null, ['/rss']],
    ['stylesheets, translations and icons', '<link rel="stylesheet" href="/s.css"><link rel="alternate" hreflang="de" href="/de/"><link rel="icon" type="application/rss+xml" href="/i">', 'https://s.example/', []],
    ['a REST API link', '<link rel="alternate" type="application/json" href="https://s.example/wp-json/wp/v2/pages/2">', 'https://s.example/', []],
    ['a javascript: href', '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">', 'https://s.example/', []],
  ])('finds %s', (_case, html, pageUrl, feeds) => {
    expect(advertisedFeeds(html, pageUrl)).toEqual(feeds);
  });
});
