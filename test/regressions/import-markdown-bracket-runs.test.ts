import { describe, expect, it } from 'vitest';
import { sanitizeMarkdown } from '../../src/import/sanitize-markdown.js';

// Link text was matched by a pattern that rescanned to the end of the text from every `[`:
// a few MB of brackets took minutes. Each case is 5 MB; finishing within the test timeout is the check.
describe('sanitising Markdown made of bracket runs', () => {
  it.each([
    ['only opening brackets', '['.repeat(5_000_000)],
    ['brackets between letters', '[a'.repeat(2_500_000)],
    ['closing brackets and parentheses', '](x'.repeat(1_700_000)],
    ['nested openings never closed', '[[a]'.repeat(1_250_000)],
  ])('%s', (_, input) => {
    const output = sanitizeMarkdown(input);
    expect(output.length).toBeGreaterThan(0);
    expect(output).not.toMatch(/javascript:/);
  });

  it('still neutralises an unsafe link inside a long run of brackets', () => {
    const output = sanitizeMarkdown(`${'['.repeat(100_000)}[click](javascript:alert(1))`);
    expect(output).not.toContain('javascript:');
    expect(output.endsWith('click')).toBe(true);
  });
});
