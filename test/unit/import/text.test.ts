import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { paragraphUnits, parseMetaLine, parseTextArticle } from '../../../src/import/text.js';
import {
  classifyLine,
  isBioOf,
  isKickerLike,
  isPersonName,
  isRelatedHeading,
  isTitleLike,
  matchKey,
  parseByline,
  sectionFromKicker,
} from '../../../src/import/text-lines.js';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/import');

describe('classifyLine', () => {
  it.each([
    // calls to action
    ['Learn more.', 'promo'],
    ['Learn more →', 'promo'],
    ['Read more', 'promo'],
    ['Read more about our pricing', 'promo'],
    ['Sign up now', 'promo'],
    ['Sign up for free', 'promo'],
    ['Subscribe to our newsletter', 'promo'],
    ['Subscribe', 'promo'],
    ['Get started', 'promo'],
    ['Get started today!', 'promo'],
    ['Try it free', 'promo'],
    ['Try Acme free for 14 days', 'promo'],
    ['Book a demo', 'promo'],
    ['Click here to read the full report.', 'promo'],
    ['Continue reading', 'promo'],
    // navigation leftovers
    ['No previous article', 'navigation'],
    ['Next article', 'navigation'],
    ['Next article →', 'navigation'],
    ['← Previous article', 'navigation'],
    ['Previous post', 'navigation'],
    ['Back to blog', 'navigation'],
    ['Back to all posts', 'navigation'],
    ['Share this article', 'navigation'],
    ['Share on Twitter', 'navigation'],
    ['Share on LinkedIn', 'navigation'],
    ['LinkedIn', 'navigation'],
    ['Copy link', 'navigation'],
    ['Related posts', 'navigation'],
    ['You might also like', 'navigation'],
    ['Skip to content', 'navigation'],
    ['6 min read', 'navigation'],
    ['Accept all cookies', 'navigation'],
    ['We use cookies to improve your experience.', 'navigation'],
    ['Home / Blog / Engineering', 'navigation'],
    ['© 2026 Acme Inc. All rights reserved.', 'navigation'],
    // newsletter sign-up prompts
    ['Enter your email', 'signup'],
    ['Enter your email address to subscribe', 'signup'],
    ['Email address', 'signup'],
    ['Join 10,000 readers', 'signup'],
    ['Join 10,000 readers who get our best posts every week.', 'signup'],
    ['Join 25k+ engineers reading our weekly digest', 'signup'],
    ['Join thousands of developers who read us every Monday.', 'signup'],
    ['Get the latest posts delivered right to your inbox', 'signup'],
    ['No spam. Unsubscribe anytime.', 'signup'],
    ['Stay up to date', 'signup'],
    ['Thanks for subscribing!', 'signup'],
    // more calls to action
    ['Book your demo →', 'promo'],
    ['Request a free trial', 'promo'],
    ['Ready to see where your builds spend their time?', 'promo'],
    ['Want to try it yourself?', 'promo'],
    ['Download the report', 'promo'],
    ['Get your free copy', 'promo'],
    ['See Acme in action', 'promo'],
    ['Watch the webinar', 'promo'],
    ['Talk to an expert', 'promo'],
    ['Get in touch', 'promo'],
    ['Join the waitlist', 'promo'],
    ['Save your seat', 'promo'],
    ['Explore the platform', 'promo'],
    ['See pricing', 'promo'],
    ['Learn how Acme does it', 'promo'],
    ['Watch now', 'promo'],
    ['Apply today', 'promo'],
    ['Get the app', 'promo'],
    ['Upgrade to Pro', 'promo'],
    ['Get early access', 'promo'],
    ['Get 20% off', 'promo'],
    ['Use code SPRING25', 'promo'],
    ['Claim your offer', 'promo'],
    // pagination and sharing in their many wordings
    ['No new articles', 'navigation'],
    ['No newer posts', 'navigation'],
    ['No older entries', 'navigation'],
    ['No more posts to show', 'navigation'],
    ['No articles found', 'navigation'],
    ['Older posts', 'navigation'],
    ['Newer posts →', 'navigation'],
    ['« Older entries', 'navigation'],
    ['Next post', 'navigation'],
    ['Next', 'navigation'],
    ['Prev', 'navigation'],
    ['Previous article', 'navigation'],
    ['Next post: Why our tests are flaky', 'navigation'],
    ['Previous: How we moved to Postgres', 'navigation'],
    ['Earlier stories', 'navigation'],
    ['Load more articles', 'navigation'],
    ['See all posts', 'navigation'],
    ['View all articles', 'navigation'],
    ['Show more', 'navigation'],
    ['All posts', 'navigation'],
    ['Page 2 of 5', 'navigation'],
    ['1 2 3 Next', 'navigation'],
    ['Back to top', 'navigation'],
    ['Back to top ↑', 'navigation'],
    ['Scroll to top', 'navigation'],
    ['Go back', 'navigation'],
    ['Return to the homepage', 'navigation'],
    ['Share this', 'navigation'],
    ['Share this post on Facebook', 'navigation'],
    ['Share via email', 'navigation'],
    ['Tweet this', 'navigation'],
    ['Email this article', 'navigation'],
    ['Print this page', 'navigation'],
    ['Follow us on Twitter and LinkedIn', 'navigation'],
    ['Was this article helpful?', 'navigation'],
    ['No comments yet', 'navigation'],
    ['Join the discussion', 'navigation'],
  ])('%j is %s', (line, reason) => {
    expect(classifyLine(line)).toBe(reason);
  });

  it.each([
    'Our CI pipeline used to take forty minutes for every pull request.',
    'Sign-up flows were the biggest source of support tickets last year, so we rebuilt them from scratch over two quarters.',
    'Get started with the API by installing the SDK, creating a token in the dashboard and calling the health endpoint to check it works.',
    'Learning more about our users changed the roadmap.',
    'Subscribers to the beta saw the change first, and their feedback shaped the final design in ways we did not expect.',
    'Next, we looked at the test suite.',
    'The previous article in this series covered caching.',
    'Share of traffic by region',
    'Join us',
    'Jane Doe',
    'ENGINEERING',
    'How we cut our build times in half',
    'News',
    'New',
    'More',
    'Posts',
    'Updates',
    'Next steps',
    'The next post covers caching in more detail.',
    'Older posts were never migrated, so their links broke.',
    'Share of traffic by region',
    'Explore the data yourself',
    'Watch out for flaky tests',
    'Ready for production',
    'Get the full picture with the',
    '',
  ])('keeps %j', (line) => {
    // "Join us" is a CTA-looking phrase that is not in any list: content unless it matches exactly.
    expect(classifyLine(line)).toBeUndefined();
  });
});

describe('line shapes', () => {
  it.each([
    ['Next article →', 'next article'],
    ['  Learn   more.  ', 'learn more'],
    ['» Read more «', 'read more'],
    ['Don’t miss out!', "don't miss out"],
  ])('matchKey(%j) = %j', (line, key) => {
    expect(matchKey(line)).toBe(key);
  });

  it.each([
    ['ENGINEERING', true],
    ['Product updates', true],
    ['Design systems at scale', true],
    ['How we cut our build times in half', false],
    ['Engineering.', false],
    ['March 3, 2026', false],
    ['- Engineering', false],
  ])('isKickerLike(%j) = %s', (line, expected) => {
    expect(isKickerLike(line)).toBe(expected);
  });

  it.each([
    ['How we cut our build times in half', true],
    ['Is Postgres a good queue?', true],
    ['Our pipeline took forty minutes.', false],
    ['x'.repeat(201), false],
  ])('isTitleLike(%j) = %s', (line, expected) => {
    expect(isTitleLike(line)).toBe(expected);
  });

  it.each([
    ['ENGINEERING', 'Engineering'],
    ['PRODUCT UPDATES', 'Product updates'],
    ['AI AND ML', 'AI and ML'],
    ['Product updates', 'Product updates'],
    ['  Engineering  ', 'Engineering'],
  ])('sectionFromKicker(%j) = %j', (kicker, section) => {
    expect(sectionFromKicker(kicker)).toBe(section);
  });

  it.each([
    ['Jane Doe', true],
    ['Ana María de la Cruz', true],
    ['J. R. Okafor', true],
    ['Zoë O’Neil-Smith', true],
    ['Jane', false],
    ['Related Posts And Other Things Here Now', false],
    ['jane doe', false],
    ['Jane Doe.', false],
    ['Agent 007', false],
  ])('isPersonName(%j) = %s', (line, expected) => {
    expect(isPersonName(line)).toBe(expected);
  });

  it.each([
    ['Jane Doe is a staff engineer at Acme.', 'Jane Doe', true],
    ['Jane Doe, a staff engineer, writes about builds.', 'Jane Doe', true],
    ['Jane Doe’s team owns the build system at Acme.', 'Jane Doe', true],
    ['Jane Doesmith is someone else entirely.', 'Jane Doe', false],
    ['Jane Doe writes.', 'Jane Doe', false],
    ['She is a staff engineer at Acme, says Jane Doe.', 'Jane Doe', false],
  ])('isBioOf(%j, %j) = %s', (bio, name, expected) => {
    expect(isBioOf(bio, name)).toBe(expected);
  });

  it.each([
    ['By Jane Doe', 'Jane Doe'],
    ['by Jane Doe', 'Jane Doe'],
    ['By the way, this is prose.', undefined],
    ['Jane Doe', undefined],
  ])('parseByline(%j) = %j', (line, name) => {
    expect(parseByline(line)).toBe(name);
  });

  it.each([['Related posts'], ['More from the blog'], ['Read next'], ['Keep reading']])('%j introduces related articles', (line) => {
    expect(isRelatedHeading(line)).toBe(true);
  });
});

describe('parseMetaLine (date and byline lines near the top)', () => {
  it.each([
    ['March 3, 2026', { date: '2026-03-03', kind: 'published' }],
    ['Published 2026-03-03', { date: '2026-03-03', kind: 'published' }],
    ['Published: March 3, 2026', { date: '2026-03-03', kind: 'published' }],
    ['Posted on 3 March 2026', { date: '2026-03-03', kind: 'published' }],
    ['Updated March 5, 2026', { date: '2026-03-05', kind: 'updated' }],
    ['Tuesday, March 3rd, 2026', { date: '2026-03-03', kind: 'published' }],
    ['Mar. 3, 2026 at 9:30 AM', { date: '2026-03-03', kind: 'published' }],
    ['By Jane Doe', { byline: 'Jane Doe' }],
    ['By Jane Doe · March 3, 2026 · 6 min read', { byline: 'Jane Doe', date: '2026-03-03', kind: 'published' }],
    ['March 3, 2026 | 6 min read', { date: '2026-03-03', kind: 'published' }],
  ])('%j → %j', (line, expected) => {
    expect(parseMetaLine(line)).toEqual(expected);
  });

  it.each([['March 33, 2026'], ['2026-02-30'], ['In March 2026 we moved.'], ['How we cut our build times'], ['6 min read']])('%j is no date or byline line', (line) => {
    expect(parseMetaLine(line)).toBeUndefined();
  });
});

describe('paragraphUnits', () => {
  it('takes each line as a paragraph (copied web text) and drops blank lines', () => {
    expect(paragraphUnits('Title\n\nFirst paragraph.\nSecond paragraph.\r\n\r\n\n- item')).toEqual(['Title', 'First paragraph.', 'Second paragraph.', '- item']);
  });

  it('joins a hard-wrapped paragraph', () => {
    const text = 'Our CI pipeline used to take forty minutes for every pull\nrequest, so engineers batched their changes to avoid the\nwait.\n\nNext paragraph.';
    expect(paragraphUnits(text)).toEqual([
      'Our CI pipeline used to take forty minutes for every pull request, so engineers batched their changes to avoid the wait.',
      'Next paragraph.',
    ]);
  });
});

describe('parseTextArticle', () => {
  it('reads the fixture: kicker, title, date, body, author block; drops promo, navigation and sign-up lines', () => {
    const article = parseTextArticle(fs.readFileSync(path.join(FIXTURES, 'article.txt'), 'utf8'));
    expect(article).toMatchObject({
      kicker: 'ENGINEERING',
      section: 'Engineering',
      title: 'How we cut our build times in half',
      date: '2026-03-03',
      author: { name: 'Jane Doe', bio: 'Jane Doe is a staff engineer at Acme, where she works on build tooling and developer experience.' },
    });
    expect(article.body).toBe(
      [
        'Our CI pipeline used to take forty minutes for every pull request. Engineers batched their changes to avoid the wait, and large reviews got slower.',
        'We set ourselves a goal of twenty minutes and reached nineteen within a quarter.',
        '## Caching the install',
        'The biggest single win was caching the node_modules folder keyed by the lock file. Installing dependencies took nine minutes on a cold runner.',
        '- Shards are rebalanced every night.\n- A failing shard is retried once.',
      ].join('\n\n'),
    );
    expect(article.dropped.map((entry) => entry.reason).sort()).toEqual(
      ['navigation', 'navigation', 'navigation', 'navigation', 'promo', 'promo', 'promo', 'related', 'related', 'signup', 'signup'].sort(),
    );
  });

  it.each([
    ['no kicker', 'How we cut our build times\n\nOur pipeline took forty minutes for every pull request.', { title: 'How we cut our build times' }],
    ['a mixed-case kicker', 'Product updates\nLattice 4.2\nLattice 4.2 is out with a queue for toasts and a new spacing scale.', { section: 'Product updates', title: 'Lattice 4.2' }],
    ['a date between kicker and title', 'DATA\nMarch 3, 2026\nBackfilling four billion rows\nWe backfilled four billion rows without downtime last month.', { section: 'Data', title: 'Backfilling four billion rows', date: '2026-03-03' }],
    ['a question as title', 'Is Postgres a good queue?\n\nFor most teams, yes: it is simpler than running Redis too.', { title: 'Is Postgres a good queue?' }],
    ['published wins over updated', 'A title\nUpdated March 9, 2026\nPublished 2026-03-03\nThe body has a sentence that is long enough here.', { title: 'A title', date: '2026-03-03' }],
    ['a byline near the top', 'A title\nBy Jane Doe\nThe body has a sentence that is long enough here.', { title: 'A title', byline: 'Jane Doe' }],
  ])('reads the head with %s', (_, text, expected) => {
    const article = parseTextArticle(text);
    expect(article).toMatchObject(expected);
    expect(article.section).toBe((expected as { section?: string }).section);
  });

  it('keeps a date line in the body when it is not near the top', () => {
    const body = Array.from({ length: 9 }, (_, index) => `Paragraph ${index + 1} has enough words to be prose here.`);
    const article = parseTextArticle(['A title', ...body, 'March 3, 2026'].join('\n'));
    expect(article.date).toBeUndefined();
    expect(article.body).toContain('March 3, 2026');
  });

  it('finds no author block when prose follows the name and bio', () => {
    const article = parseTextArticle('A title\n\nJane Doe\nJane Doe is a staff engineer at Acme who writes.\n\nAnd then the article goes on for a while longer.');
    expect(article.author).toBeUndefined();
    expect(article.body).toContain('Jane Doe is a staff engineer');
  });

  it('needs the bio to begin with the name', () => {
    const article = parseTextArticle('A title\n\nThe body is here and it is long enough.\n\nJane Doe\nShe is a staff engineer at Acme and writes.');
    expect(article.author).toBeUndefined();
  });

  it('escapes Markdown in plain text so punctuation stays text', () => {
    const article = parseTextArticle('A title\n\n# not a heading, *not emphasis*, [not](javascript:alert(1)) a link, <script>alert(1)</script>.');
    expect(article.body).toBe('\\# not a heading, \\*not emphasis\\*, \\[not\\](javascript:alert(1)) a link, \\<script>alert(1)\\</script>.');
  });

  it('renders numbered and bulleted lists', () => {
    const article = parseTextArticle('A title\n\nSteps we took:\n1. Cache\n2) Shard\n• Slim image');
    expect(article.body).toBe('Steps we took:\n\n1. Cache\n2. Shard\n- Slim image');
  });

  it('has no title when the text starts with prose', () => {
    expect(parseTextArticle('This is a sentence that is clearly a paragraph of prose.').title).toBeUndefined();
  });
});

describe('parseTextArticle endings', () => {
  it('drops related titles that are questions and still finds the author block before them', () => {
    const text = [
      'A title',
      'The article body is a paragraph that ends with a full stop.',
      'Jane Doe',
      'Jane Doe is a staff engineer at Acme and writes about builds.',
      'Keep reading',
      'Why did our builds get slow again this year?',
      'Is Postgres a good queue for most teams?',
    ].join('\n');
    const article = parseTextArticle(text);
    expect(article.author?.name).toBe('Jane Doe');
    expect(article.body).toBe('The article body is a paragraph that ends with a full stop.');
  });
});

describe('titles that read like calls to action', () => {
  it.each([
    ['a tutorial title', 'TUTORIALS\nGet started with Postgres queues\nMarch 3, 2026\nThis guide moves a job queue from Redis to Postgres in an afternoon.', 'Get started with Postgres queues'],
    ['a title followed by prose', 'Subscribe to events with webhooks\n\nWebhooks let your service react to changes without polling our API.', 'Subscribe to events with webhooks'],
  ])('keeps %s', (_, text, title) => {
    const article = parseTextArticle(text);
    expect(article.title).toBe(title);
    expect(article.dropped).toEqual([]);
  });

  it('drops a banner above the title', () => {
    const article = parseTextArticle('Start your free trial today\nENGINEERING\nHow we cut our build times\nOur pipeline took forty minutes for every pull request.');
    expect(article).toMatchObject({ section: 'Engineering', title: 'How we cut our build times' });
    expect(article.dropped).toEqual([{ line: 'Start your free trial today', reason: 'promo' }]);
  });
});
