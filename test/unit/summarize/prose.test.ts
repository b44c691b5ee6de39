import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { extractProse, stripMarkdown } from '../../../src/summarize/prose.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/summarize/${name}`, import.meta.url), 'utf8');

describe('extractProse: Markdown syntax removed', () => {
  it.each([
    ['emphasis, strong, strikethrough', 'Some *emph*, __strong__ and ~~old~~ text.', 'Some emph, strong and old text.'],
    ['link becomes its text', 'Try [the new editor](https://example.com "Editor") today.', 'Try the new editor today.'],
    ['autolink', 'The docs live at <https://example.com/docs> now.', 'The docs live at https://example.com/docs now.'],
    ['inline code becomes text', 'Run `npm test -- --watch` before pushing.', 'Run npm test -- --watch before pushing.'],
    ['inline HTML tags removed', 'Press <kbd>Ctrl</kbd> and <span class="x">C</span> together.', 'Press Ctrl and C together.'],
    ['named and numeric entities decoded', 'Fish &amp; chips &mdash; &#169; 2026 &#x2014; done&hellip;', 'Fish & chips — © 2026 — done…'],
    ['unknown entities kept', 'A &madeup; entity stays.', 'A &madeup; entity stays.'],
    ['backslash escapes', 'Use \\*stars\\* and \\_underscores\\_ here.', 'Use *stars* and _underscores_ here.'],
    ['hard line breaks become spaces', 'First line  \nsecond line<br>third line.', 'First line second line third line.'],
    ['soft line breaks collapse', 'A paragraph\nwrapped over\nthree lines.', 'A paragraph wrapped over three lines.'],
  ])('%s', (_name, markdown, expected) => {
    expect(extractProse(markdown)).toEqual([expected]);
  });
});

describe('extractProse: what is not prose is dropped', () => {
  const kept = 'The council approved the plan on Tuesday.';
  it.each([
    ['ATX heading', `# The plan\n\n${kept}`],
    ['setext heading', `The plan\n========\n\n${kept}`],
    ['fenced code block', `${kept}\n\n\`\`\`js\nconst plan = true;\n\`\`\``],
    ['indented code block', `${kept}\n\n    const plan = true;`],
    ['table', `${kept}\n\n| Vote | Count |\n|------|-------|\n| Yes | 9 |`],
    ['raw HTML block', `<div class="note">Sponsored content block.</div>\n\n${kept}`],
    ['horizontal rule', `${kept}\n\n---\n\n***`],
    ['image-only paragraph', `![The council chamber](chamber.jpg)\n\n${kept}`],
    ['linked image', `[![Logo](logo.png)](https://example.com)\n\n${kept}`],
    ['italic caption after an image', `![Chamber](chamber.jpg)\n\n*The chamber during the vote, with all members present and voting.*\n\n${kept}`],
    ['short caption line after an image', `![Chamber](chamber.jpg)\n\nPhoto by Ana Lima on Unsplash\n\n${kept}`],
    ['caption in the same paragraph as the image', `![Chamber](chamber.jpg)\n_The chamber, 2026_\n\n${kept}`],
    ['byline', `By Jane Doe\n\n${kept}`],
    ['upper-case byline', `By JANE DOE FOR MAILONLINE\n\n${kept}`],
    ['DailyMail byline and timestamps', `By . Daily Mail Reporter . PUBLISHED: 10:11 EST, 3 January 2014 . | . UPDATED: 12:30 EST, 3 January 2014 . ${kept}`],
    ['published line', `Published 12 March 2026 · 6 min read\n\n${kept}`],
    ['last updated line', `Last updated at 5:42 PM on 3rd January 2012\n\n${kept}`],
    ['advertisement', `Advertisement\n\n${kept}`],
    ['copyright line', `${kept}\n\n© 2026 Harbour Gazette. All rights reserved.`],
    ['updated timestamp', `Updated: Mar 4, 2026 at 11:40\n\n${kept}`],
    ['subscribe', `${kept}\n\nSubscribe to our newsletter for more stories like this.`],
    ['sign up', `${kept}\n\nSign up for free to get the weekly digest.`],
    ['click here', `${kept} Click here to read the full report.`],
    ['read more', `${kept}\n\nRead more: How the vote went.`],
    ['follow us', `${kept}\n\nFollow us on Mastodon and Bluesky.`],
    ['share this', `${kept}\n\nShare this article with a friend!`],
    ['learn more', `${kept}\n\nLearn more.`],
    ['scroll down for video', `Scroll down for video\n\n${kept}`],
    ['list fragments', `${kept}\n\n- Faster builds\n- Smaller bundles`],
  ])('%s', (_name, markdown) => {
    expect(extractProse(markdown)).toEqual([kept]);
  });

  it('keeps sentence-like list items, one paragraph each', () => {
    expect(extractProse('- Compilation is incremental.\n- A cache is shared.\n- Fast\n\n1. Tests run less often.')).toEqual([
      'Compilation is incremental.',
      'A cache is shared.',
      'Tests run less often.',
    ]);
  });

  it('keeps block quotes as prose', () => {
    expect(extractProse('> The build was the top complaint in our survey.\n>\n> Flaky tests came second.')).toEqual([
      'The build was the top complaint in our survey.',
      'Flaky tests came second.',
    ]);
  });

  it('keeps a real paragraph after an image', () => {
    const text = 'The new chamber seats ninety members and opened after a two-year refit.';
    expect(extractProse(`![Chamber](chamber.jpg)\n\n${text}`)).toEqual([text]);
  });

  it('keeps sentences that only look like boilerplate at first glance', () => {
    const text =
      'By the time the vote was called, most members had left. Updated figures show 3 members voted. Copyright law was not discussed. Read the minutes of the meeting, and you will see why. Engineers reported from the site that the barrier held.';
    expect(extractProse(text)).toEqual([text]);
  });

  it('removes a boilerplate sentence and keeps the rest of its paragraph', () => {
    expect(extractProse('The plan passed. Advertisement. It starts in June.')).toEqual(['The plan passed. It starts in June.']);
  });

  it.each([
    ['(CNN)', '(CNN)A new law bans the procedure.', 'A new law bans the procedure.'],
    ['city and agency', 'Kathmandu, Nepal (CNN)Rescuers pulled a man from the rubble.', 'Rescuers pulled a man from the rubble.'],
    ['publication with a dash', '(The Valley Post) -- Stan Freberg has died.', 'Stan Freberg has died.'],
  ])('drops a wire dateline: %s', (_name, text, expected) => {
    expect(extractProse(text)).toEqual([expected]);
  });

  it.each([[''], ['   \n\n  '], ['# Only a heading'], ['```\nonly code\n```']])('gives no paragraphs for %j', (markdown) => {
    expect(extractProse(markdown)).toEqual([]);
  });
});

describe('extractProse: whole articles', () => {
  it('reads a blog post: paragraphs in order, no headings, code, tables, captions or calls to action', () => {
    const prose = extractProse(fixture('blog-post.md'));
    expect(prose[0]).toBe(
      'Our monorepo build used to take eleven minutes on every pull request. After switching to incremental compilation with a shared cache, the median build now takes 90 seconds, and the slowest builds finish in under three minutes.',
    );
    expect(prose).toContain('The build was the most common complaint in our developer survey, ahead of flaky tests.');
    expect(prose).toContain('Compilation is incremental, so unchanged packages are skipped.');
    const all = prose.join('\n');
    for (const absent of ['Priya', 'Published', 'Build times', 'The problem', 'npm run build', '11 min', 'callout', 'Sign up', 'Share this', '**', '](']) {
      expect(all).not.toContain(absent);
    }
    expect(prose.at(-1)).toMatch(/^Two packages generated code/);
  });

  it('reads plain text on one line: boilerplate runs and calls to action removed', () => {
    const prose = extractProse(fixture('news-plain.txt'));
    expect(prose).toHaveLength(1);
    const [text = ''] = prose;
    expect(text.startsWith('A coastal town in Cornwall has voted to ban single-use plastic bags')).toBe(true);
    expect(text.endsWith('The council will review the plastic bag ban after six months.')).toBe(true);
    for (const absent of ['PUBLISHED', 'UPDATED', 'Harbour Gazette Reporter', 'Scroll down', 'Click here']) {
      expect(text).not.toContain(absent);
    }
  });
});

describe('stripMarkdown', () => {
  it.each([
    ['A *short* summary with [a link](https://x.y) &amp; `code`.', 'A short summary with a link & code.'],
    ['  Spaces\n and\tnewlines   collapse. ', 'Spaces and newlines collapse.'],
    ['# Not a heading inline', '# Not a heading inline'],
    ['Subscribe is kept when the author wrote it.', 'Subscribe is kept when the author wrote it.'],
  ])('%j -> %j', (markdown, expected) => {
    expect(stripMarkdown(markdown)).toBe(expected);
  });
});
