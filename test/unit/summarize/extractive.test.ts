import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { summarizeProse, truncate } from '../../../src/summarize/extractive.js';
import { extractProse } from '../../../src/summarize/prose.js';
import { splitSentences } from '../../../src/summarize/sentences.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/summarize/${name}`, import.meta.url), 'utf8');

const BARRIER = [
  'Engineers finished the new flood barrier on the River Eden on Monday after two years of work.',
  'The flood barrier can hold back water two metres above the normal level of the river.',
  'Residents whose homes were flooded in 2015 welcomed the barrier at an opening ceremony.',
  'The barrier cost £12 million and was paid for by the county council and a government grant.',
  'Local bakers sold cakes to visitors during the ceremony, which lasted most of the afternoon.',
];

const HUGE_SENTENCE = `${'The committee reviewed every clause of the proposal in detail, '.repeat(12)}and then adjourned.`;

const INPUTS: Array<[string, string[]]> = [
  ['blog post', extractProse(fixture('blog-post.md'))],
  ['plain news', extractProse(fixture('news-plain.txt'))],
  ['short paragraphs', BARRIER],
  ['one huge sentence', [HUGE_SENTENCE]],
  ['one word without spaces', ['x'.repeat(500)]],
  ['emoji without spaces', ['😀'.repeat(300)]],
  ['many tiny sentences', Array.from({ length: 40 }, (_, i) => `Item ${i} is here.`)],
];
const BUDGETS = [1, 2, 10, 40, 80, 120, 200, 300, 500, 1000];

describe('summarizeProse: budget', () => {
  it.each(INPUTS.flatMap(([name, paragraphs]) => BUDGETS.map((budget) => [name, budget, paragraphs] as const)))(
    '%s within %i characters',
    (_name, budget, paragraphs) => {
      const summary = summarizeProse(paragraphs, budget);
      expect(summary.length).toBeLessThanOrEqual(budget);
      expect(summary.length).toBeGreaterThan(0);
      expect(summary).not.toMatch(/\s{2}|^\s|\s$/);
      expect(summary).not.toMatch(/[\uD800-\uDBFF]…?$/);
    },
  );

  it.each([
    [0, ''],
    [-5, ''],
    [Number.NaN, ''],
  ])('budget %d gives %j', (budget, expected) => {
    expect(summarizeProse(BARRIER, budget)).toBe(expected);
  });

  it.each([[[]], [['']], [['   ', '\n']]])('no prose (%j) gives ""', (paragraphs) => {
    expect(summarizeProse(paragraphs, 300)).toBe('');
  });
});

describe('summarizeProse: whole sentences in document order', () => {
  const whole = INPUTS.filter(([name]) => !name.includes('huge') && !name.includes('without spaces'));
  it.each(whole.flatMap(([name, paragraphs]) => [150, 300, 600].map((budget) => [name, budget, paragraphs] as const)))(
    '%s at %i characters',
    (_name, budget, paragraphs) => {
      const source = paragraphs.flatMap((p) => splitSentences(p));
      const picked = splitSentences(summarizeProse(paragraphs, budget));
      expect(picked.length).toBeGreaterThan(0);
      // Each picked sentence ends a source sentence (a run-in caption may be cut off its front)...
      const positions = picked.map((s) => source.findIndex((t) => t.endsWith(s)));
      expect(positions).not.toContain(-1);
      // ...and they come in document order, each once.
      expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
    },
  );

  it('cuts a first sentence longer than the budget at a word boundary and ends it with …', () => {
    const summary = summarizeProse([HUGE_SENTENCE], 100);
    expect(summary.endsWith('…')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(100);
    const head = summary.slice(0, -1);
    expect(HUGE_SENTENCE.startsWith(head)).toBe(true);
    expect(HUGE_SENTENCE[head.length]).toMatch(/[\s,]/);
  });

  it('cuts a long first sentence when it says more than the short sentences that fit', () => {
    const lede =
      'Engineers finished the new flood barrier on the River Eden on Monday after two years of work, protecting four hundred homes that flooded in 2015.';
    const summary = summarizeProse([lede, 'The mayor was there on the day.', 'Cake was sold at the opening.'], 100);
    expect(summary.endsWith('…')).toBe(true);
    expect(lede.startsWith(summary.slice(0, -1))).toBe(true);
  });

  it('keeps whole sentences when they say more than a cut first sentence', () => {
    const lede = `It was a bright and windy day in the valley, and ${'the hills looked green and the sky was blue, '.repeat(3)}as it often is.`;
    const summary = summarizeProse([lede, ...BARRIER], 100);
    expect(summary.endsWith('…')).toBe(false);
    expect(summary).toMatch(/flood barrier/);
  });

  it('returns a text that fits as it is', () => {
    expect(summarizeProse(['The barrier opened on Monday after two years of work.'], 300)).toBe(
      'The barrier opened on Monday after two years of work.',
    );
  });

  it('keeps short texts whole even when every sentence is a fragment', () => {
    expect(summarizeProse(['Big news. We launched. Try it.'], 300)).toBe('Big news. We launched. Try it.');
  });

  it('fills the budget with several sentences when they fit', () => {
    const summary = summarizeProse(BARRIER, 300);
    expect(splitSentences(summary).length).toBeGreaterThanOrEqual(3);
    expect(summary.length).toBeGreaterThan(200);
  });

  it('is deterministic', () => {
    const paragraphs = extractProse(fixture('news-plain.txt'));
    expect(summarizeProse(paragraphs, 250)).toBe(summarizeProse(paragraphs, 250));
  });
});

describe('summarizeProse: content', () => {
  it('chooses the sentence about the topic over an off-topic opener', () => {
    const paragraphs = [
      'It was a bright and windy day in the valley, and the hills looked green.',
      ...BARRIER,
      'The flood barrier will be inspected every spring by engineers from the council.',
    ];
    const summary = summarizeProse(paragraphs, 100);
    expect(summary).toMatch(/flood barrier/);
  });

  it('does not repeat a sentence that appears twice', () => {
    const repeated = [BARRIER[0] ?? '', BARRIER[1] ?? '', BARRIER[0] ?? '', BARRIER[3] ?? ''];
    const summary = summarizeProse(repeated, 400);
    expect(summary.split(BARRIER[0] ?? '').length - 1).toBeLessThanOrEqual(1);
  });

  it.each([
    ['advertisement', 'Advertisement.'],
    ['call to action', 'Subscribe to our weekly newsletter to get stories about the flood barrier first.'],
    ['click here', 'Click here to read the full report on the flood barrier and the river.'],
    ['byline', 'By Jane Doe and John Smith.'],
    ['credit line', "The Valley Post's Jane Doe contributed to this report."],
    ['dateline credit', "Ann O'Neill reported from Boston."],
  ])('skips boilerplate: %s', (_name, boilerplate) => {
    const summary = summarizeProse([boilerplate, ...BARRIER], 1000);
    expect(summary).not.toContain(boilerplate);
    expect(summary).toContain(BARRIER[0]);
  });

  it('skips a caption that ran into the next sentence', () => {
    const paragraphs = [
      'Opening day: Engineers at the flood barrier on the River Eden, pictured on Monday The new flood barrier on the River Eden opened on Monday after two years of work.',
      ...BARRIER.slice(1),
    ];
    const summary = summarizeProse(paragraphs, 400);
    expect(summary).not.toContain('Opening day');
    expect(summary).toContain('The new flood barrier on the River Eden opened on Monday after two years of work.');
  });

  it.each([
    ['opens a quote it does not close', "'We have waited for this barrier for ten years and the river has flooded our homes twice."],
    ['closes a quote it did not open', "Now the water can rise as much as it likes and our homes will be safe.'"],
  ])('skips a sentence that %s', (_name, dangling) => {
    const summary = summarizeProse([...BARRIER.slice(0, 2), dangling, ...BARRIER.slice(2)], 1000);
    expect(summary).not.toContain(dangling);
  });

  it('skips very short fragments when longer sentences fit', () => {
    const summary = summarizeProse(['He was 88.', ...BARRIER], 300);
    expect(summary).not.toContain('He was 88.');
  });
});

describe('truncate', () => {
  it.each([
    ['Short enough.', 20, 'Short enough.'],
    ['The committee reviewed every clause', 20, 'The committee…'],
    ['Words, with commas, here', 13, 'Words, with…'],
    ['Unbreakable', 5, 'Unbr…'],
    ['Anything', 1, '…'],
    ['Anything', 0, ''],
    ['😀😀😀', 4, '😀…'],
  ])('%j in %i -> %j', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
    expect(truncate(text, max).length).toBeLessThanOrEqual(max);
  });
});
