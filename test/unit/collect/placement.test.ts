import { describe, expect, it } from 'vitest';
import { placeInvalidArticle, toleratedBecause } from '../../../src/collect/placement.js';
import { weekWindow } from '../../../src/util/week.js';

const WEEK = weekWindow('2026-W48', 'UTC');

describe('placing an article that failed validation', () => {
  it.each([
    ['a draft with an unknown author', 'date: 2025-11-20\nauthor: nobody\ndraft: true', 'a draft'],
    ['a draft without a date', 'title: x\ndraft: true', 'a draft'],
    ['dated a year before, unknown field', 'date: 2025-11-20\nauthr: ada', 'dated before the week'],
    ['dated after the week, no title', 'date: 2026-12-03', 'dated after the week'],
    ['dated in the week', 'date: 2026-11-25\nauthor: nobody', undefined],
    ['without a date', 'title: No date', undefined],
    ['with an unreadable date', 'date: next tuesday', undefined],
    ['with front matter that does not parse', 'date: [2026-11-25', undefined],
    ['with draft: "yes" (not a boolean) and no date', 'draft: "yes"', undefined],
  ])('%s', (_, frontMatter, expected) => {
    const placement = placeInvalidArticle(`---\n${frontMatter}\n---\nBody.\n`, 'content/articles/x.md', 'UTC');
    expect(toleratedBecause(placement, WEEK)).toBe(expected);
  });
});
