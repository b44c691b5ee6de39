import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { DEFAULT_SUMMARY_LENGTH, extractBlocks, summarizeProse, summarizeText, toSummary } from '../../../src/summarize/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/summarize/${name}`, import.meta.url), 'utf8');
const options = { maxLength: DEFAULT_SUMMARY_LENGTH };

describe('toSummary', () => {
  const body = fixture('blog-post.md');

  it.each([
    ['plain summary', 'We cut CI time from 11 minutes to 90 seconds.', 'We cut CI time from 11 minutes to 90 seconds.'],
    ['Markdown stripped', 'We cut **CI time** with [a cache](https://example.com) &amp; `--incremental`.', 'We cut CI time with a cache & --incremental.'],
    ['whitespace trimmed and collapsed', '  Two\n  lines   of\tsummary.  ', 'Two lines of summary.'],
  ])('front-matter summary wins: %s', (_name, summary, expected) => {
    expect(toSummary({ summary, body }, options)).toBe(expected);
  });

  it('keeps a front-matter summary whole, even over the budget', () => {
    const summary = 'An author-written summary that is much longer than the tiny budget given here.';
    expect(toSummary({ summary, body }, { maxLength: 20 })).toBe(summary);
  });

  it.each([[undefined], [''], ['   \n ']])('falls back to the body when the summary is %j', (summary) => {
    const result = toSummary({ ...(summary === undefined ? {} : { summary }), body }, options);
    expect(result).toBe(summarizeProse(extractBlocks(body), DEFAULT_SUMMARY_LENGTH));
    expect(result.length).toBeGreaterThan(0);
  });

  it.each([[''], ['   '], ['# Heading only\n\n```\ncode\n```']])('gives "" for a body without prose (%j)', (emptyBody) => {
    expect(toSummary({ body: emptyBody }, options)).toBe('');
  });
});

describe('summarizeText', () => {
  it('defaults to a 300-character budget', () => {
    expect(DEFAULT_SUMMARY_LENGTH).toBe(300);
  });

  it.each([
    ['blog-post.md', ['The problem', 'npm run build', 'Sign up', 'Priya', 'Build times', '#', '*']],
    ['news-plain.txt', ['PUBLISHED', 'Scroll down', 'Market day', 'Click here', "'Now it is happening.'"]],
  ])('summarizes %s within the budget, without boilerplate', (name, absent) => {
    const summary = summarizeText(fixture(name), options);
    expect(summary.length).toBeGreaterThan(100);
    expect(summary.length).toBeLessThanOrEqual(DEFAULT_SUMMARY_LENGTH);
    for (const text of absent) expect(summary).not.toContain(text);
  });

  it('summarizes the news fixture with sentences about the ban', () => {
    expect(summarizeText(fixture('news-plain.txt'), options)).toMatch(/plastic bag ban|ban, approved/);
  });
});
