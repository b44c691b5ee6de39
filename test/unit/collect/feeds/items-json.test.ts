import { describe, expect, it } from 'vitest';
import { feedItemsJson, parseFeed } from '../../../../src/collect/feeds/parse.js';

describe('feedItemsJson', () => {
  it('prints title, url, ISO date, author and summary of each item, in order', () => {
    const feed = parseFeed(
      `<rss version="2.0"><channel><title>t</title><link>https://j.example/</link>
        <item><title>Dated</title><link>/a</link><pubDate>Tue, 24 Nov 2026 09:30:00 +0100</pubDate><author>x@j.example (Jay)</author><description>&lt;p&gt;Sum&lt;/p&gt;</description></item>
        <item><title>Undated</title><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">&lt;p&gt;c&lt;/p&gt;</content:encoded></item>
      </channel></rss>`,
      { source: 's' },
    );
    expect(feedItemsJson(feed)).toEqual([
      { title: 'Dated', url: 'https://j.example/a', date: '2026-11-24T08:30:00.000Z', author: 'Jay', summary: 'Sum' },
      { title: 'Undated', url: null, date: null, author: null, summary: null },
    ]);
    expect(JSON.parse(JSON.stringify(feedItemsJson(feed)))).toEqual(feedItemsJson(feed));
  });
});
