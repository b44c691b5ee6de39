import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { summarizeText } from '../../src/summarize/index.js';
import { splitSentences } from '../../src/summarize/sentences.js';

// A summary opened with a sentence whose reference was left behind
// ("Each theme defines these 24 semantic tokens…" without the list it refers to).
const ARTICLE = readFileSync(new URL('../fixtures/summarize/tokens-dangling-reference.md', import.meta.url), 'utf8');
const SENTENCES = ARTICLE.split(/\n\n+/).flatMap((p) => splitSentences(p.replace(/\n/g, ' ')));
const before = (sentence: string): string | undefined => SENTENCES[SENTENCES.indexOf(sentence) - 1];

describe('summaries never keep a reference without its antecedent', () => {
  it.each([120, 200, 300, 400, 600])('at %i characters', (budget) => {
    const summary = summarizeText(ARTICLE, { maxLength: budget });
    expect(summary.length).toBeGreaterThan(0);
    expect(summary.length).toBeLessThanOrEqual(budget);
    // Their antecedents are a list, a heading or nothing: they can never come.
    for (const absent of ['Each theme defines these', 'This made the migration', 'The fix was a second layer', 'The latter rule']) {
      expect(summary).not.toContain(absent);
    }
    // Sentences that lean on the one before come right after it.
    const picked = splitSentences(summary);
    picked.forEach((sentence, i) => {
      if (/^(?:It|They|Those|Both|Such)\b/.test(sentence)) expect(picked[i - 1]).toBe(before(sentence));
    });
    expect(picked[0]).not.toMatch(/^(?:It|They|Those|Both|Such|This|These|The latter)\b/);
  });
});
