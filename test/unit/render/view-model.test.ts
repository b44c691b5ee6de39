import { describe, expect, it } from 'vitest';
import { buildViewModel, CARD_BIO_LENGTH, preheaderOf, subjectOf } from '../../../src/render/view-model.js';
import { recipientToken, RECIPIENT_FIELDS } from '../../../src/tokens.js';
import {
  KENJI,
  NEWSLETTER,
  NOOR,
  TOMAS,
  filler,
  makeArticle,
  makeAuthor,
  makeIssue,
  sampleIssue,
} from '../../fixtures/unit/issue.js';

/** Paths of every `undefined` in a value: Handlebars strict mode treats a missing key as an error. */
function undefinedPaths(value: unknown, at = '$'): string[] {
  if (value === undefined) return [at];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => undefinedPaths(child, `${at}.${key}`));
}

describe('buildViewModel', () => {
  it('has every key, with null for missing optional fields', () => {
    const bare = makeArticle('bare', 'Bare', '2026-11-24T09:00:00Z');
    const view = buildViewModel(makeIssue([bare]), { name: 'Field Notes', baseUrl: 'https://news.example.com' });
    expect(undefinedPaths(view)).toEqual([]);
    expect(view.newsletter).toEqual({ name: 'Field Notes', baseUrl: 'https://news.example.com', tagline: null, footer: null });
    expect(view.articles[0]).toEqual({
      number: 1,
      title: 'Bare',
      url: 'https://news.example.com/bare',
      dateLabel: 'Tue, Nov 24',
      section: null,
      summary: 'Summary of Bare.',
      teaser: 'Summary of Bare.',
      image: null,
      author: null,
      byline: null,
      lead: false,
      compact: false,
      moved: false,
    });
    expect(view.authors).toEqual([]);
  });

  it('has no undefined anywhere for a full issue, and null role/avatar/bio on a bare author', () => {
    const bareAuthor = makeAuthor('bare', 'Bare Author', { role: undefined, bioText: '', bioHtml: '', links: [] });
    const issue = sampleIssue();
    issue.articles.push(makeArticle('x', 'X', '2026-11-28T09:00:00Z', { author: bareAuthor }));
    const view = buildViewModel(issue, NEWSLETTER);
    expect(undefinedPaths(view)).toEqual([]);
    expect(view.authors.at(-1)).toEqual({
      id: 'bare',
      name: 'Bare Author',
      role: null,
      avatar: null,
      initials: 'BA',
      badgeColor: expect.stringMatching(/^#[0-9a-f]{6}$/),
      bio: null,
      links: [],
    });
  });

  it('fills the issue fields', () => {
    const view = buildViewModel(sampleIssue(), NEWSLETTER);
    expect(view.issue).toEqual({
      id: '2026-W48',
      subject: 'Field Notes · Nov 23 – 29, 2026',
      preheader:
        'Moving our queue to Postgres, and 2 more this week: Dark mode tokens we got wrong · Backfilling four billion rows',
      dateRange: 'Nov 23 – 29, 2026',
      intro: '3 new articles this week, starting with “Moving our queue to Postgres”.',
      note: null,
      archiveUrl: 'https://news.example.com/archive/2026-W48',
      articleCount: 3,
      authorsHeading: 'Authors this week',
    });
    expect(view.articles.map((article) => article.number)).toEqual([1, 2, 3]);
    expect(view.articles[2]?.image).toEqual({ src: 'https://cdn.example.com/img/rows.png', alt: 'A chart of rows over time', width: 552, height: 276 });
  });

  it('labels dates in the issue time zone', () => {
    // 23:30 UTC on Tuesday is already Wednesday in Berlin.
    const late = makeArticle('late', 'Late', '2026-11-24T23:30:00Z');
    expect(buildViewModel(makeIssue([late]), NEWSLETTER).articles[0]?.dateLabel).toBe('Wed, Nov 25');
  });

  it('uses the singular for one article and the title as image alt text when none is given', () => {
    const one = makeArticle('one', 'Only one', '2026-11-24T09:00:00Z', { image: 'https://cdn.example.com/1.png' });
    const view = buildViewModel(makeIssue([one]), NEWSLETTER);
    expect(view.issue.intro).toBe('One new article this week: “Only one”.');
    expect(view.issue.preheader).toBe('Only one');
    expect(view.issue.authorsHeading).toBe('Authors this week');
    expect(view.articles[0]?.image).toEqual({ src: 'https://cdn.example.com/1.png', alt: 'Only one', width: 552, height: 276 });
  });

  it('lists each author once, in order of first appearance, shared with the article cards', () => {
    const issue = makeIssue([
      makeArticle('a', 'A', '2026-11-24T09:00:00Z', { author: TOMAS }),
      makeArticle('b', 'B', '2026-11-25T09:00:00Z', { author: NOOR }),
      makeArticle('c', 'C', '2026-11-26T09:00:00Z', { author: TOMAS }),
      makeArticle('d', 'D', '2026-11-27T09:00:00Z'),
      makeArticle('e', 'E', '2026-11-28T09:00:00Z', { author: KENJI }),
    ]);
    const view = buildViewModel(issue, NEWSLETTER);
    expect(view.authors.map((author) => author.id)).toEqual(['tomas', 'noor', 'kenji']);
    expect(view.articles[0]?.author).toEqual(view.authors[0]);
    expect(view.articles[2]?.author).toEqual(view.authors[0]);
    expect(view.authors[0]).toMatchObject({ initials: 'TL', avatar: null, role: null });
    expect(view.authors[1]).toMatchObject({ initials: 'NH', avatar: 'https://cdn.example.com/avatars/noor.png' });
  });

  it(`shortens the card bio to ${CARD_BIO_LENGTH} characters at a sentence end`, () => {
    const wordy = makeAuthor('wordy', 'Wordy Writer', { bioText: filler(400) });
    const view = buildViewModel(makeIssue([makeArticle('a', 'A', '2026-11-24T09:00:00Z', { author: wordy })]), NEWSLETTER);
    const bio = view.authors[0]?.bio ?? '';
    expect(bio.length).toBeLessThanOrEqual(CARD_BIO_LENGTH);
    expect(filler(400).startsWith(bio)).toBe(true);
    expect(bio.endsWith('magna aliqua.')).toBe(true);
  });

  it('sets the recipient fields to the placeholders the personalize stage fills', () => {
    const view = buildViewModel(sampleIssue(), NEWSLETTER);
    expect(view.recipient).toEqual({
      greetingName: '[[digest:greetingName]]',
      email: '[[digest:email]]',
      unsubscribeUrl: '[[digest:unsubscribeUrl]]',
      preferencesUrl: '[[digest:preferencesUrl]]',
    });
    expect(Object.keys(view.recipient).sort()).toEqual([...RECIPIENT_FIELDS].sort());
    for (const field of RECIPIENT_FIELDS) expect(view.recipient[field]).toBe(recipientToken(field));
  });

  it('defuses placeholders written into content so they are never filled per recipient', () => {
    const sneaky = makeAuthor('sneaky', 'Eve [[digest:email]]', {
      role: 'Role [[digest:unsubscribeUrl]]',
      bioText: 'Bio [[digest:email]]',
      links: [{ label: 'Me [[digest:greetingName]]', url: 'https://eve.example.com' }],
    });
    const article = makeArticle('x', 'Title [[digest:email]]', '2026-11-24T09:00:00Z', {
      summary: 'Send to [[digest:email]] now',
      section: 'Section [[digest:email]]',
      image: 'https://cdn.example.com/x.png',
      imageAlt: 'Alt [[digest:greetingName]]',
      author: sneaky,
    });
    const view = buildViewModel(makeIssue([article]), NEWSLETTER);
    const { recipient, ...content } = view;
    expect(JSON.stringify(content)).not.toMatch(/\[\[digest:/);
    expect(view.articles[0]).toMatchObject({
      title: 'Title [[ digest:email]]',
      summary: 'Send to [[ digest:email]] now',
      section: 'Section [[ digest:email]]',
      image: { alt: 'Alt [[ digest:greetingName]]' },
    });
    expect(view.issue.preheader).toContain('Title [[ digest:email]]');
    expect(view.authors[0]).toMatchObject({
      name: 'Eve [[ digest:email]]',
      role: 'Role [[ digest:unsubscribeUrl]]',
      bio: 'Bio [[ digest:email]]',
      links: [{ label: 'Me [[ digest:greetingName]]' }],
    });
    expect(recipient.email).toBe('[[digest:email]]');
  });
});

describe('subjectOf and preheaderOf', () => {
  it('builds the subject from the newsletter name and date range', () => {
    expect(subjectOf({ dateRange: 'Nov 30 – Dec 6, 2026' }, { name: 'Field Notes' })).toBe(
      'Field Notes · Nov 30 – Dec 6, 2026',
    );
  });

  it('keeps the preheader within 140 characters', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      makeArticle(`a${i}`, `A fairly long article title number ${i}`, '2026-11-24T09:00:00Z'),
    );
    const preheader = preheaderOf(many);
    expect(preheader.length).toBeLessThanOrEqual(140);
    expect(preheader.startsWith('A fairly long article title number 0, and 11 more this week: A fairly long article title number 1 · ')).toBe(true);
    expect(preheader.endsWith('…')).toBe(true);
  });
});
