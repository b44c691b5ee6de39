import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed, type FeedItem, type ParsedFeed } from '../../../../src/collect/feeds/parse.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url));

/** An expected item: the fields a case names, the rest empty. */
const item = (fields: Partial<FeedItem> & Pick<FeedItem, 'id' | 'title'>): FeedItem => ({
  url: null,
  date: null,
  author: null,
  summary: null,
  contentHtml: null,
  image: null,
  categories: [],
  ...fields,
});

const cases: [string, ParsedFeed][] = [
  [
    'rss-2.0.xml',
    {
      format: 'rss',
      title: 'Queue Notes & Field Reports',
      link: 'https://queue.example/',
      warnings: [],
      items: [
        item({
          id: 'https://queue.example/posts/traces',
          title: 'What the traces told us',
          url: 'https://queue.example/posts/traces',
          date: new Date('2026-11-25T14:00:00Z'),
          author: 'Noor Haddad',
          summary: 'Two of three planned optimisations turned out to be noise.',
          image: 'https://cdn.queue.example/traces.webp',
          categories: ['Observability'],
        }),
        item({
          id: 'queue-2026-0042',
          title: 'Moving the nightly job to the queue',
          url: 'https://queue.example/posts/nightly-job',
          date: new Date('2026-11-24T08:30:00Z'),
          author: 'Jane Doe',
          summary: 'We moved the nightly reconciliation job from a cron box to the queue workers.',
          contentHtml:
            '<p>We moved the job. <img src="https://queue.example/img/queue.png" alt="The queue" /> See <a href="https://queue.example/posts/part-2">part 2</a>.</p>',
          image: 'https://queue.example/img/cover.jpg',
          categories: ['Engineering', 'Queues'],
        }),
        item({
          id: 'podcast-12',
          title: 'Episode 12: on-call without tears',
          url: 'https://queue.example/podcast/12',
          date: new Date('2026-11-23T07:00:00Z'),
          // RSS <author> is an email; with no name beside it, the email is all there is.
          author: 'podcast@queue.example',
          summary: 'Our monthly podcast.',
          // The enclosure is audio, so the Media RSS thumbnail is the image.
          image: 'https://queue.example/podcast/12.jpg',
        }),
      ],
    },
  ],
  [
    'rss-0.91.xml',
    {
      format: 'rss',
      title: 'Old School Café',
      link: 'http://oldschool.example/',
      warnings: ['2 items without a date'],
      items: [
        item({ id: 'http://oldschool.example/menu.html', title: 'Café menu for the week', url: 'http://oldschool.example/menu.html', summary: 'Crème brûlée is back.' }),
        item({ id: 'http://oldschool.example/hours.html', title: 'Opening hours', url: 'http://oldschool.example/hours.html' }),
      ],
    },
  ],
  [
    'rdf-1.0.xml',
    {
      format: 'rdf',
      title: 'RDF Weekly',
      link: 'https://rdf.example/',
      warnings: [],
      items: [
        item({ id: 'https://rdf.example/2026/11/second', title: 'Second RDF item', url: 'https://rdf.example/2026/11/second', date: new Date('2026-11-26T00:00:00Z') }),
        item({
          id: 'https://rdf.example/2026/11/first',
          title: 'First RDF item',
          url: 'https://rdf.example/2026/11/first',
          date: new Date('2026-11-24T08:00:00Z'),
          author: 'Ada Lovelace',
          summary: 'Short description.',
          contentHtml: '<p>Full <strong>content</strong>.</p>',
          categories: ['Semantics'],
        }),
      ],
    },
  ],
  [
    'atom-0.3.xml',
    {
      format: 'atom',
      title: 'Atom Zero Three',
      link: 'https://atom03.example/',
      warnings: [],
      items: [
        item({
          id: 'tag:atom03.example,2026:entry-2',
          title: 'Only modified',
          url: 'https://atom03.example/2026/11/modified',
          date: new Date('2026-11-26T10:00:00Z'),
          author: 'Entry Author',
        }),
        item({
          id: 'tag:atom03.example,2026:entry-1',
          title: 'An Atom 0.3 entry',
          url: 'https://atom03.example/2026/11/entry',
          // <issued> is the published date, before <modified>.
          date: new Date('2026-11-25T11:00:00Z'),
          author: 'Feed Author',
          summary: 'Summary of the entry.',
          contentHtml: '<p>Escaped <em>HTML</em> content.</p>',
        }),
      ],
    },
  ],
  [
    'atom-1.0.xml',
    {
      format: 'atom',
      title: 'Atom One',
      link: 'https://atom.example/',
      warnings: [],
      items: [
        item({
          id: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a',
          title: 'Compilers for everyone',
          url: 'https://atom.example/2026/compilers',
          date: new Date('2026-11-26T14:00:00Z'),
          author: 'Grace Hopper',
          summary: 'Why everyone should write one.',
          contentHtml: '<p>Write a <strong>compiler</strong>.</p>',
          image: 'https://atom.example/img/compilers.png',
          categories: ['Compilers', 'teaching'],
        }),
        item({
          id: 'urn:uuid:2225c695-cfb8-4ebb-aaaa-80da344efa6b',
          // type="text": the angle brackets are the title's own characters.
          title: 'Literal <angle> brackets & ampersands',
          url: 'https://atom.example/2026/literal',
          date: new Date('2026-11-25T10:00:00Z'),
          author: 'Entry Writer',
          contentHtml: '<p>Plain text content.</p><p>Second paragraph with &lt;tags&gt; shown as text.</p>',
          image: 'https://atom.example/img/literal.jpg',
        }),
      ],
    },
  ],
  [
    'json-feed-1.0.json',
    {
      format: 'json',
      title: 'JSON One Point Oh',
      link: 'https://json10.example/',
      warnings: [],
      items: [
        item({
          id: 'https://json10.example/2026/11/hello',
          title: 'Hello from JSON Feed 1.0',
          url: 'https://json10.example/2026/11/hello',
          date: new Date('2026-11-24T09:00:00Z'),
          author: 'Item-level Author',
          summary: 'A summary in plain text.',
          contentHtml: '<p>Hello <a href="https://json10.example/world">world</a>.</p>',
          image: 'https://json10.example/img/hello.png',
          categories: ['greetings', 'json'],
        }),
        item({
          id: '2',
          title: 'Inherits the feed author',
          url: 'https://json10.example/2026/11/second',
          date: new Date('2026-11-23T10:00:00Z'),
          author: 'Feed-level Author',
          contentHtml: '<p>Second.</p>',
        }),
      ],
    },
  ],
  [
    'json-feed-1.1.json',
    {
      format: 'json',
      title: 'JSON One Point One',
      link: 'https://json11.example/',
      warnings: [],
      items: [
        item({
          id: 'micro-1',
          title: 'Just shipped the new queue worker. Median run time went…',
          url: 'https://json11.example/2026/11/27/micro',
          date: new Date('2026-11-27T08:15:00Z'),
          author: 'Micro Blogger',
          contentHtml: '<p>Just shipped the new queue worker. Median run time went from forty minutes to eleven, and nobody was paged.</p>',
        }),
        item({
          id: 'link-post',
          title: 'A link post',
          url: 'https://elsewhere.example/article',
          date: new Date('2026-11-26T08:15:00Z'),
          author: 'Feed Authors Array',
          summary: 'Points elsewhere.',
          image: 'https://json11.example/photo.jpg',
        }),
      ],
    },
  ],
];

describe('parseFeed formats', () => {
  it.each(cases)('reads %s', (name, expected) => {
    expect(parseFeed(fixture(name), { source: name })).toEqual(expected);
  });

  it.each([
    ['rss-2.0.xml', 'rss'],
    ['atom-1.0.xml', 'atom'],
    ['json-feed-1.1.json', 'json'],
  ])('reads %s given as a string as it does as bytes', (name, format) => {
    const fromString = parseFeed(fixture(name).toString('utf8'), { source: name });
    expect(fromString.format).toBe(format);
    expect(fromString).toEqual(parseFeed(fixture(name), { source: name }));
  });

  it('resolves relative links against the feed URL when the feed has no base of its own', () => {
    const xml = '<rss version="2.0"><channel><title>t</title><item><title>a</title><link>/posts/a</link></item></channel></rss>';
    expect(parseFeed(xml, { source: 's', url: 'https://host.example/feed.xml' }).items[0]?.url).toBe('https://host.example/posts/a');
    expect(parseFeed(xml, { source: 's' }).items[0]?.url).toBeNull();
  });

  it('uses an RSS guid as the link when it is a permalink', () => {
    const xml = `<rss version="2.0"><channel><title>t</title>
      <item><title>permalink</title><guid>https://host.example/p</guid></item>
      <item><title>not a permalink</title><guid isPermaLink="false">https://host.example/q</guid></item>
    </channel></rss>`;
    expect(parseFeed(xml, { source: 's' }).items.map((entry) => [entry.id, entry.url])).toEqual([
      ['https://host.example/p', 'https://host.example/p'],
      ['https://host.example/q', null],
    ]);
  });
});
