import { describe, it, expect } from 'vitest';
import { extractBlocks, type ProseBlock } from '../../../src/summarize/prose.js';

const P = 'The council approved the plan on Tuesday.';
const Q = 'Nobody expected the vote to pass.';

/** Blocks reduced to what the tests compare: kind, continues, introduces, follows. */
const shape = (markdown: string): Array<[string, ProseBlock['kind'], boolean, boolean, boolean]> =>
  extractBlocks(markdown).map((b) => [b.text, b.kind, b.continues, b.introduces, b.follows]);

describe('extractBlocks: each block keeps its kind and its neighbours', () => {
  it.each([
    ['two paragraphs', `${P}\n\n${Q}`, [[P, 'paragraph', false, false, false], [Q, 'paragraph', true, false, false]]],
    ['a heading between paragraphs', `${P}\n\n## Next\n\n${Q}`, [[P, 'paragraph', false, false, false], [Q, 'paragraph', false, false, false]]],
    ['a setext heading between paragraphs', `${P}\n\nNext steps\n----------\n\n${Q}`, [[P, 'paragraph', false, false, false], [Q, 'paragraph', false, false, false]]],
    ['a quote after a paragraph', `${P}\n\n> ${Q}`, [[P, 'paragraph', false, true, false], [Q, 'quote', false, false, false]]],
    ['a paragraph after a quote', `> ${Q}\n\n${P}`, [[Q, 'quote', false, false, false], [P, 'paragraph', false, false, false]]],
    ['two paragraphs of one quote', `> ${P}\n>\n> ${Q}`, [[P, 'quote', false, false, false], [Q, 'quote', true, false, false]]],
    ['list items', `${P}\n\n- One item is here.\n- Another item is here.`, [[P, 'paragraph', false, true, false], ['One item is here.', 'list-item', false, false, false], ['Another item is here.', 'list-item', false, false, false]]],
    ['a list interrupting a paragraph', `${P}\n- One item is here.`, [[P, 'paragraph', false, true, false], ['One item is here.', 'list-item', false, false, false]]],
    ['fenced code interrupting a paragraph', `${P}\n\`\`\`\ncode\n\`\`\`\n${Q}`, [[P, 'paragraph', false, true, false], [Q, 'paragraph', false, false, true]]],
    ['indented code between paragraphs', `${P}\n\n    code();\n\n${Q}`, [[P, 'paragraph', false, true, false], [Q, 'paragraph', false, false, true]]],
    ['a table interrupting a paragraph', `${P}\n| a | b |\n|---|---|\n| 1 | 2 |\n\n${Q}`, [[P, 'paragraph', false, true, false], [Q, 'paragraph', false, false, true]]],
    ['an HTML block between paragraphs', `${P}\n\n<div>Note</div>\n\n${Q}`, [[P, 'paragraph', false, true, false], [Q, 'paragraph', false, false, true]]],
    ['an image between paragraphs', `${P}\n\n![A chart](c.png)\n\n${Q}`, [[P, 'paragraph', false, true, false], [Q, 'paragraph', false, false, true]]],
    ['a horizontal rule between paragraphs', `${P}\n\n---\n\n${Q}`, [[P, 'paragraph', false, false, false], [Q, 'paragraph', false, false, false]]],
  ] as const)('%s', (_name, markdown, expected) => {
    expect(shape(markdown)).toEqual(expected);
  });

  it.each([
    ['a footnote definition', `${P}[^1]\n\n[^1]: The vote was recorded by the clerk.\n\n${Q}`],
    ['a footnote with a label', `${P}[^vote]\n\n[^vote]: The vote was recorded by the clerk.\n\n${Q}`],
  ])('drops %s and its reference, and breaks the flow', (_name, markdown) => {
    expect(shape(markdown)).toEqual([
      [P, 'paragraph', false, false, false],
      [Q, 'paragraph', false, false, false],
    ]);
  });

  it('gives every item of a nested list its own block', () => {
    const blocks = extractBlocks('- The first point holds.\n  - A nested point holds.\n- The last point holds.');
    expect(blocks.map((b) => [b.text, b.kind, b.continues])).toEqual([
      ['The first point holds.', 'list-item', false],
      ['A nested point holds.', 'list-item', false],
      ['The last point holds.', 'list-item', false],
    ]);
  });

  it('keeps the paragraphs of one loose list item together', () => {
    const blocks = extractBlocks('- The first point holds.\n\n  It holds for a reason.\n\n- The last point holds.');
    expect(blocks.map((b) => b.continues)).toEqual([false, true, false]);
  });
});
