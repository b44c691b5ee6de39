import { describe, expect, it } from 'vitest';
import { slugFromFileName } from '../../src/collect/articles.js';
import { truncateText } from '../../src/render/format.js';

// truncateText dropped a whole word that still fit, and went over tiny budgets.
describe('truncateText keeps every word that fits', () => {
  it.each([
    ['Hello world again', 12, 'Hello world…'],
    ['Hello world again', 13, 'Hello world…'],
    ['hello world', 0, ''],
    ['hello world', 1, '…'],
  ])('truncateText(%j, %i) = %j', (text, max, expected) => {
    expect(truncateText(text, max)).toBe(expected);
    expect(truncateText(text, max).length).toBeLessThanOrEqual(Math.max(max, 0));
  });
});

// Non-ASCII letters were dropped from slugs ("café" → "caf").
describe('slugs keep the base letter of accented characters', () => {
  it.each([
    ['2026-11-24-café-notes.md', 'cafe-notes'],
    ['Tomás Lindqvist.md', 'tomas-lindqvist'],
  ])('%s → %s', (file, slug) => {
    expect(slugFromFileName(file)).toBe(slug);
  });
});
