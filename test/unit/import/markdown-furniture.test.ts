import { describe, expect, it } from 'vitest';
import { findFurniture } from '../../../src/import/furniture.js';
import { splitItems, splitSentences } from '../../../src/import/text-lines.js';
import { dropMarkdownFurniture, plainText } from '../../../src/import/markdown-furniture.js';

const OPEN = 'The article opens with a paragraph that is long enough to be prose, as articles do.';
const CLOSE = 'The article goes on with another paragraph that is long enough to be prose here.';
const around = (block: string) => `${OPEN}\n\n${block}\n\n${CLOSE}`;

describe('dropMarkdownFurniture drops', () => {
  it.each<[string, string]>([
    ['a box of paragraphs', 'Get the full picture with the\n\nAcme\n\nInsight Platform.\n\n[Learn more.](https://acme.test)'],
    ['a box of lines with breaks', 'Get the full picture with the  \nAcme  \nInsight Platform.  \n[Learn more.](https://acme.test)'],
    ['a box in one soft-wrapped paragraph', 'Get the full picture with the\nAcme\nInsight Platform.\nLearn more.'],
    ['a lone lead-in question and its button', 'Still waiting on CI?\n\n[Try Buildkite free](https://x.test)'],
    ['a pager of links', '[← Older posts](https://x.test/2) · [Newer posts →](https://x.test/)'],
    ['a pager whose links are gone', '« Previous entry Next entry »'],
    ['share links with a label', 'Share: [X](https://x.test) | [LinkedIn](https://l.test) | [Email](mailto:a@b.test)'],
    ['a list of share links', '- [Share on Bluesky](https://b.test)\n- [Copy link](https://x.test/p)'],
    ['"back to top"', '[Back to top ↑](#top)'],
    ['a related list under its heading', '### Related articles\n\n- [A first title](https://x.test/1)\n- [A second title](https://x.test/2)'],
    ['a sign-up section', '## Newsletter\n\nFresh posts from the team, once a month.\n\n[Subscribe](https://x.test/s)'],
    ['a comments section left empty', '## Comments\n\nNo comments yet'],
  ])('%s', (_label, block) => {
    const result = dropMarkdownFurniture(around(block));
    expect(result.body).toBe(`${OPEN}\n\n${CLOSE}`);
    expect(result.dropped.length).toBeGreaterThan(0);
  });

  it('drops a sign-up section whose form is gone at the end of the article', () => {
    const markdown = `${OPEN}\n\n${CLOSE}\n\n### Newsletter\n\nOne email a month, no spam.`;
    expect(dropMarkdownFurniture(markdown).body).toBe(`${OPEN}\n\n${CLOSE}`);
  });

  it('keeps a "Newsletter" section with the article\'s text', () => {
    const markdown = `${OPEN}\n\n## Newsletter\n\n${CLOSE}`;
    expect(dropMarkdownFurniture(markdown).body).toBe(markdown);
  });

  it('drops a call after a short sentence, and keeps the sentence', () => {
    expect(dropMarkdownFurniture(around('It worked.\n\n[Learn more.](https://x.test)')).body).toBe(`${OPEN}\n\nIt worked.\n\n${CLOSE}`);
  });

  it('drops the line after a break and the break with it', () => {
    expect(dropMarkdownFurniture('A first line of the box with text  \n[Read more →](https://x.test)').body).toBe('A first line of the box with text');
  });
});

describe('dropMarkdownFurniture keeps the article', () => {
  it.each<[string, string]>([
    ['a long sentence with "learn more"', 'If you want to learn more about how the cache keys work, the guide we wrote last year has every detail.'],
    ['a paragraph that says something before "Read more"', 'If false, no caches will be used. Read more about caching below.'],
    ['a heading that reads like a call, above prose', '## Get started\n\nInstall the tool with npm and run it once in the repository root.'],
    ['a "Search" heading above prose', '## Search\n\nWe moved search to an incremental index fed by the change log.'],
    ['a list the article introduces', 'We post every release note on:\n\n- Mastodon\n- Bluesky'],
    ['a list with an item of furniture words', '- Share on X\n- Caching the install'],
    ['a loose list whose items go on', '- comments\n\n  Whether comments are kept in the output.\n\n- clone\n\n  Whether the tree is copied first.'],
    ['quotes', '> Learn more.\n>\n> Subscribe'],
    ['code', '```\nSign up\nLearn more\nNext post\n```'],
    ['indented code', '    Subscribe\n    Back to top'],
    ['tables', '| Share | Subscribe |\n| --- | --- |\n| Next post | Learn more |'],
    ['a soft-wrapped paragraph with a call-like line', 'A consumer can\nsubscribe to the tracing channel to see every\nfetch the cache makes, with its timing.'],
  ])('%s', (_label, block) => {
    const markdown = around(block);
    expect(dropMarkdownFurniture(markdown)).toEqual({ body: markdown, dropped: [] });
  });
});

describe('plainText', () => {
  it.each<[string, string]>([
    ['[Learn **more**.](https://x.test "t")', 'Learn more.'],
    ['![chart](https://x.test/c.png) Caption', 'Caption'],
    ['Read \\*this\\* &amp; `that`  ', 'Read *this* & that'],
    ['snake_case stays, _emphasis_ goes', 'snake_case stays, emphasis goes'],
    ['Line<br>', 'Line'],
  ])('%j → %j', (markdown, text) => {
    expect(plainText(markdown)).toBe(text);
  });
});

describe('furniture rules', () => {
  it.each<[string, string[]]>([
    ['← Older posts | Newer posts →', ['← Older posts', 'Newer posts →']],
    ['Share: Twitter · Email', ['Share', 'Twitter', 'Email']],
    ['An ordinary line', ['An ordinary line']],
  ])('splitItems(%j)', (line, items) => {
    expect(splitItems(line)).toEqual(items);
  });

  it.each<[string, string[]]>([
    ['Get the full picture. Learn more.', ['Get the full picture.', 'Learn more.']],
    ['Version 2.5 is out. "Try it" today!', ['Version 2.5 is out.', '"Try it" today!']],
    ['One sentence only', ['One sentence only']],
  ])('splitSentences(%j)', (text, sentences) => {
    expect(splitSentences(text)).toEqual(sentences);
  });

  it.each<[string, boolean]>([
    ['Previous entry Next entry', false],
    ['Home Search', false],
    ['Next steps', true],
    ['the next post will cover sharding', true],
  ])('a line of items side by side: %j kept %s', (line, kept) => {
    expect(findFurniture([{ text: line, kind: 'line' }]).keep).toEqual([kept]);
  });
});
