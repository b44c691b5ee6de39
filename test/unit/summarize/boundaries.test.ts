import { describe, it, expect } from 'vitest';
import { summarizeText } from '../../../src/summarize/index.js';
import { extractBlocks } from '../../../src/summarize/prose.js';
import { leansOnPrevious } from '../../../src/summarize/reference.js';
import { splitSentences } from '../../../src/summarize/sentences.js';

const BUDGETS = [120, 200, 300, 500];

/** Where each summary sentence comes from: its block and its position among all sentences. */
function sources(markdown: string, summary: string): Array<{ block: number; index: number; kind: string }> {
  const all = extractBlocks(markdown).flatMap((b, block) => splitSentences(b.text).map((text) => ({ text, block, kind: b.kind })));
  return splitSentences(summary).map((s) => {
    const index = all.findIndex((x) => x.text === s);
    return { block: all[index]?.block ?? -1, index, kind: all[index]?.kind ?? 'none' };
  });
}

/** The rules every summary keeps, whatever it picks. */
function expectReadable(markdown: string, budget: number): string {
  const summary = summarizeText(markdown, { maxLength: budget });
  expect(summary.length).toBeGreaterThan(0);
  expect(summary.length).toBeLessThanOrEqual(budget);
  const from = sources(markdown, summary);
  // Every sentence is a whole sentence of one block: nothing was joined across a boundary.
  expect(from.map((f) => f.index)).not.toContain(-1);
  // A quote's or a list item's sentences only go with sentences of the same block.
  if (from.some((f) => f.kind !== 'paragraph')) expect(new Set(from.map((f) => f.block)).size).toBe(1);
  const sentences = splitSentences(summary);
  // No sentence that introduces a list, code or quote without it.
  for (const s of sentences) expect(s).not.toMatch(/:["'”’)]*$/);
  // Never opens on a reference left behind; a leaning sentence comes right after its antecedent.
  expect(leansOnPrevious(sentences[0] ?? '')).toBe(false);
  sentences.forEach((s, i) => {
    if (i > 0 && leansOnPrevious(s)) expect(from[i]?.index).toBe((from[i - 1]?.index ?? -2) + 1);
  });
  return summary;
}

const LEAD = 'The city library reopened on Monday after a two-year renovation of its reading rooms and archive.';

describe('summaries never join text across a block boundary', () => {
  it.each([
    ['a quote beside paragraphs', `${LEAD}\n\n> The renovation of the library reading rooms took two years. Readers waited for the archive.\n\nThe archive now holds 40,000 maps of the city.`, 'The renovation of the library'],
    ['a colon before code', `${LEAD}\n\nThe library catalogue search for the renovated archive runs in CI:\n\n\`\`\`sh\nnpm run catalogue\n\`\`\`\n\nThe archive now holds 40,000 maps of the city.`, 'in CI'],
    ['a colon before a list', `${LEAD}\n\nThe renovated library archive and reading rooms gained three things:\n\n- Longer opening hours for the archive.\n- A reading room for the archive maps.\n\nThe archive now holds 40,000 maps of the city.`, 'three things'],
    ['a colon before a quote', `${LEAD}\n\nThe head librarian said of the renovated library archive:\n\n> We waited two years for these rooms.\n\nThe archive now holds 40,000 maps of the city.`, 'librarian said'],
    ['a colon before a table', `${LEAD}\n\nThe renovated library archive opening hours are:\n\n| Day | Hours |\n|---|---|\n| Monday | 9-17 |\n\nThe archive now holds 40,000 maps of the city.`, 'hours are'],
    ['list items beside paragraphs', `${LEAD}\n\n- The library archive renovation replaced every reading room window.\n- The library archive renovation added lifts to the reading rooms.\n\nThe archive now holds 40,000 maps of the city.`, 'replaced every'],
    ['a list interrupting a paragraph', `${LEAD}\nThe renovation of the library archive brought two changes\n- The library archive renovation replaced every reading room window.\n\nThe archive now holds 40,000 maps of the city.`, 'replaced every'],
    ['an HTML block', `${LEAD}\n\n<aside>The library renovation of the archive reading rooms was paid for by the city.</aside>\n\nThe archive now holds 40,000 maps of the city.`, 'paid for'],
    ['a setext heading', `${LEAD}\n\nThe renovated library archive reading rooms\n===========================================\n\nThe archive now holds 40,000 maps of the city.`, '====='],
    ['an ATX heading', `${LEAD}\n\n## The renovated library archive reading rooms\n\nThe archive now holds 40,000 maps of the city.`, '##'],
    ['a footnote', `${LEAD}[^1]\n\n[^1]: The library renovation of the archive reading rooms cost four million.\n\nThe archive now holds 40,000 maps of the city.`, 'four million'],
    ['a table cell', `${LEAD}\n\n| The library renovation of the archive reading rooms took two years. |\n|---|\n| It cost four million. |\n\nThe archive now holds 40,000 maps of the city.`, 'took two years'],
  ])('%s', (_name, markdown, absent) => {
    for (const budget of BUDGETS) {
      const summary = expectReadable(markdown, budget);
      if (absent !== 'The renovation of the library' && absent !== 'replaced every') expect(summary).not.toContain(absent);
    }
  });

  it('keeps a quote as the summary when the article is only that quote', () => {
    const quote = '> The library reopened on Monday after two years of work. Readers queued from seven in the morning.';
    expect(summarizeText(quote, { maxLength: 300 })).toBe(
      'The library reopened on Monday after two years of work. Readers queued from seven in the morning.',
    );
  });
});

describe('summaries never open on a reference left behind', () => {
  const TOKENS = 'Every theme of the design system maps colour tokens to the palette in one file.';
  it.each([
    ['"Each … these …"', `${TOKENS}\n\n## Tokens\n\nEach theme defines these 24 semantic colour tokens in terms of the palette of the design system.`],
    ['"These" after a list', `${TOKENS}\n\n- --surface\n- --text\n\nThese semantic colour tokens replaced the palette names of the design system everywhere.`],
    ['"This" after a heading', `${TOKENS}\n\n## Migration\n\nThis made the migration of the design system colour tokens mechanical for every team.`],
    ['"It" after code', `${TOKENS}\n\n\`\`\`css\n:root { --text: #111; }\n\`\`\`\n\nIt maps every semantic colour token of the design system to a palette token.`],
    ['"They" opening an article', `They replaced the palette names of the design system colour tokens everywhere.\n\n${TOKENS}`],
    ['"But" after a quote', `${TOKENS}\n\n> Colour is hard.\n\nBut the design system colour tokens made dark mode a theme file, not a quarter of work.`],
    ['"Such" after a table', `${TOKENS}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSuch design system colour tokens are cheap to rename once they describe purpose.`],
    ['"The latter" after an image', `${TOKENS}\n\n![Tokens](t.png)\n\nThe latter design system colour tokens are the ones components may use.`],
    ['"Both" after a heading', `${TOKENS}\n\n## Themes\n\nBoth themes of the design system now use desaturated colour tokens for links.`],
    ['"Here" after a heading', `${TOKENS}\n\n## Talks\n\nHere are the design system colour token talks worth your time.`],
    ['additive "also" after a heading', `${TOKENS}\n\n## Contrast\n\nThe design system also checks every pair of colour tokens for contrast in both themes.`],
  ])('%s', (_name, markdown) => {
    const leaning = extractBlocks(markdown)
      .flatMap((b) => splitSentences(b.text))
      .find((s) => leansOnPrevious(s));
    expect(leaning).toBeDefined();
    for (const budget of BUDGETS) {
      const summary = expectReadable(markdown, budget);
      expect(summary).not.toContain(leaning);
    }
  });

  it('keeps a leaning sentence when its antecedent comes with it', () => {
    const markdown = `${TOKENS} Each theme defines these 24 semantic colour tokens in terms of the palette.\n\nThe archive now holds 40,000 maps of the city.`;
    const summary = expectReadable(markdown, 300);
    expect(summary).toContain(`${TOKENS} Each theme defines these 24 semantic colour tokens in terms of the palette.`);
  });
});
