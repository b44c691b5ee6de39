import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { summarizeText } from '../../src/summarize/index.js';
import { extractBlocks } from '../../src/summarize/prose.js';
import { splitSentences } from '../../src/summarize/sentences.js';

// A summary stitched a block quote to a sentence that introduced a code block
// ("…numbers under ten are words, in CI: The guide lives in the handbook.").
const ARTICLE = readFileSync(new URL('../fixtures/summarize/style-guide-quote-code.md', import.meta.url), 'utf8');

describe('summaries keep to block boundaries', () => {
  it.each([120, 200, 300, 400, 600])('at %i characters: no quote glued to prose, no sentence that introduces a block', (budget) => {
    const summary = summarizeText(ARTICLE, { maxLength: budget });
    expect(summary.length).toBeGreaterThan(0);
    expect(summary.length).toBeLessThanOrEqual(budget);
    // The quote, the sentences ending with ":" and the text inside the HTML block stay out.
    for (const absent of ['Write for the reader who skims', 'Numbers under ten', 'in CI:', 'as well:', 'we ship:', 'Headings use sentence case', 'The linter runs on every pull request']) {
      expect(summary).not.toContain(absent);
    }
    expect(summary).not.toMatch(/:\s/);
    // Every sentence of the summary is a whole sentence of one paragraph of the article.
    const paragraphs = extractBlocks(ARTICLE).filter((b) => b.kind === 'paragraph').flatMap((b) => splitSentences(b.text));
    for (const sentence of splitSentences(summary)) expect(paragraphs).toContain(sentence);
  });

  it('summarises the paragraphs themselves', () => {
    expect(summarizeText(ARTICLE, { maxLength: 300 })).toMatch(/^Our documentation style guide is short on purpose/);
  });
});
