import { describe, expect, it } from 'vitest';
import { formatDuration, pickLateArticles, type LatePolicy, type SentRecord } from '../../../src/collect/late.js';
import type { Article } from '../../../src/types.js';
import { weekWindow } from '../../../src/util/week.js';

const W47 = weekWindow('2026-W47', 'UTC');
const W48 = weekWindow('2026-W48', 'UTC');
const W49 = weekWindow('2026-W49', 'UTC');
const DAY = 86_400_000;

function article(title: string, iso: string, extra: Partial<Article> = {}): Article {
  const slug = title.toLowerCase().replace(/\s+/g, '-');
  return { file: `content/articles/${slug}.md`, slug, title, date: new Date(iso), url: `https://news.example.com/${slug}`, tags: [], draft: false, body: '', ...extra };
}

const SENT: SentRecord = {
  weeks: [
    { window: W47, sentAt: new Date('2026-11-23T08:00:00Z') },
    { window: W48, sentAt: new Date('2026-11-30T08:00:00Z') },
  ],
  articles: [
    { file: 'content/articles/sent-in-w48.md', url: 'https://news.example.com/sent-in-w48' },
    { file: 'feed Blog', url: 'https://blog.example.com/sent-item' },
    // Sent late in an earlier issue.
    { file: 'content/articles/sent-late.md', url: 'https://news.example.com/sent-late' },
  ],
};

const POLICY: LatePolicy = { mode: 'include', maxAgeMs: 14 * DAY, now: new Date('2026-12-07T08:00:00Z'), timeZone: 'UTC' };

describe('pickLateArticles for the issue of 2026-W49', () => {
  it.each([
    ['dated in a sent week, not sent', article('Backdated', '2026-11-26T10:00:00Z'), 'late'],
    ['sent in its week', article('Sent in W48', '2026-11-26T10:00:00Z'), 'not late'],
    ['already sent late elsewhere', article('Sent late', '2026-11-27T10:00:00Z'), 'not late'],
    ['a feed item sent in its week (same URL)', article('Item', '2026-11-25T10:00:00Z', { file: 'feed Blog', url: 'https://blog.example.com/sent-item' }), 'not late'],
    ['a new feed item of the same feed (file is shared)', article('New item', '2026-11-25T10:00:00Z', { file: 'feed Blog', url: 'https://blog.example.com/new' }), 'late'],
    ['a draft', article('Draft', '2026-11-26T10:00:00Z', { draft: true }), 'not late'],
    ['dated in the issue week itself', article('Current', '2026-12-01T10:00:00Z'), 'not late'],
    ['dated in a week never sent', article('Unsent week', '2026-11-12T10:00:00Z'), 'not late'],
    ['dated in a sent week, older than lateArticlesMaxAge', article('Too old', '2026-11-17T10:00:00Z'), 'too old'],
  ] as const)('%s', (_, candidate, expected) => {
    const pick = pickLateArticles([candidate], W49, SENT, POLICY);
    const outcome = pick.late.length === 1 ? 'late' : pick.excluded[0]?.detail?.includes('lateArticlesMaxAge') ? 'too old' : 'not late';
    expect(outcome).toBe(expected);
  });

  it('says which week was sent and when', () => {
    const [late] = pickLateArticles([article('Backdated', '2026-11-26T10:00:00Z')], W49, SENT, POLICY).late;
    expect(late?.late).toEqual({ week: '2026-W48', sentAt: SENT.weeks[1]?.sentAt, reason: 'late: its week 2026-W48 was sent on 2026-11-30 08:00 (UTC)' });
  });

  it('leaves them out, with the reason, under lateArticles: skip', () => {
    const pick = pickLateArticles([article('Backdated', '2026-11-26T10:00:00Z')], W49, SENT, { ...POLICY, mode: 'skip' });
    expect(pick.late).toEqual([]);
    expect(pick.excluded).toEqual([
      { title: 'Backdated', file: 'content/articles/backdated.md', reason: 'late', detail: 'late: its week 2026-W48 was sent on 2026-11-30 08:00 (UTC); left out (lateArticles: skip)' },
    ]);
  });

  it('never puts an article into an issue of a week before its own', () => {
    expect(pickLateArticles([article('Backdated', '2026-11-26T10:00:00Z')], W47, SENT, POLICY).late).toEqual([]);
  });

  it('sorts late articles oldest first', () => {
    const pick = pickLateArticles([article('B', '2026-11-27T10:00:00Z'), article('A', '2026-11-25T10:00:00Z')], W49, SENT, POLICY);
    expect(pick.late.map((entry) => entry.title)).toEqual(['A', 'B']);
  });
});

describe('formatDuration', () => {
  it.each([
    [14 * DAY, '14 days'],
    [DAY, '1 day'],
    [36 * 3_600_000, '36 hours'],
    [90 * 60_000, '90 minutes'],
    [1500, '1500 ms'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
