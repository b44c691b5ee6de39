import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractHtmlArticle } from '../../src/import/html.js';
import { readMarkdownArticle } from '../../src/import/markdown.js';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const page = (block: string) =>
  [
    'ENGINEERING',
    'How we cut our build times in half',
    'March 3, 2026',
    'Our CI pipeline used to take forty minutes for every pull request, so engineers batched their changes.',
    block,
    'We set ourselves a goal of twenty minutes and reached nineteen within a quarter of steady work.',
  ].join('\n\n');

// In a copied page whose promotional block is split over short lines, only the last line
// ("Learn more.") was dropped; the rest of the box stayed in the article.
describe('a promotional block split over short lines is dropped whole', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  it.each<[string, string]>([
    ['the reported box', 'Get the full picture with the\nAcme\nInsight Platform.\nLearn more.'],
    ['another product and button', 'Know where every build\nminute goes with\nBuildWatch Pro.\nStart your free trial'],
    ['the call first', 'Read more about how the\nAcme Insight\nPlatform works.'],
    ['a question and a button', 'Want faster builds?\nBook a demo'],
  ])('%s', async (_label, block) => {
    ws.write('page.txt', page(block));
    const result = await runCli(['import', 'page.txt', '--dry-run'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    const body = result.stdout.split('---\n')[2] ?? '';
    expect(body.trim()).toBe(
      'Our CI pipeline used to take forty minutes for every pull request, so engineers batched their changes.\n\n' +
        'We set ourselves a goal of twenty minutes and reached nineteen within a quarter of steady work.',
    );
    expect(result.stderr).toMatch(/left out \d+ calls to action/);
  });
});

const PROSE_BEFORE = 'Our CI pipeline used to take forty minutes for every pull request, so engineers batched their changes and reviews grew.';
const PROSE_AFTER = 'We set ourselves a goal of twenty minutes and reached nineteen within a quarter of steady work by three engineers.';
const PROSE_END = 'Caching the dependency install was the biggest single win, taking nine minutes down to forty seconds on warm runners.';

const htmlPage = (block: string) =>
  '<!doctype html><html><head><title>How we cut our build times in half</title>' +
  '<meta property="article:published_time" content="2026-03-03T09:00:00Z"></head>' +
  `<body><article><h1>How we cut our build times in half</h1><p>${PROSE_BEFORE}</p>${block}<p>${PROSE_AFTER}</p><p>${PROSE_END}</p></article></body></html>`;

const markdownFile = (block: string) =>
  `---\ntitle: How we cut our build times in half\ndate: 2026-03-03\n---\n${PROSE_BEFORE}\n\n${block}\n\n${PROSE_AFTER}\n\n${PROSE_END}\n`;

/** The article's Markdown body in a dry run's output (after the front matter). */
const bodyOf = (stdout: string) => stdout.slice(stdout.indexOf('\n---\n', stdout.indexOf('---\n') + 4) + 5).trim();

// HTML pages and Markdown files did not go through the rules of copied text: the whole box stayed.
describe('a promotional block over short lines is dropped from HTML pages and Markdown files too', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  it.each<[string, string, string]>([
    ['one <p> per line', 'page.html', htmlPage(['See where every deploy', 'spends its minutes with', 'Pipeline Radar.', '<a href="/trial">Start your free trial</a>'].map((line) => `<p>${line}</p>`).join(''))],
    ['lines split by <br>', 'page.html', htmlPage('<p>All your incidents, one<br>timeline, in<br>PagerGrid.<br><a href="/pagergrid">Read more →</a></p>')],
    ['a <div> of short lines', 'page.html', htmlPage('<div class="promo-box"><div>Ship on Fridays again with</div><div>Release Guard</div><div>by Acme.</div><div><a href="/demo">Book a demo</a></div></div>')],
    ['one short paragraph ending in its button', 'page.html', htmlPage('<p>Plan every sprint in half the time with Sprintly. <a href="/sprintly">Find out more</a></p>')],
    ['a lone lead-in question', 'page.html', htmlPage('<p>Tired of flaky tests?</p><p><a href="/flakehunter">Try FlakeHunter free</a></p>')],
    ['a lead-in whose button the page drops', 'page.html', htmlPage('<p>Every alert, one<br>inbox with<br>Pagerly.</p><button type="button">Learn more</button>')],
    ['a lead-in above a sign-up form', 'page.html', htmlPage('<div class="box"><p>Know which tests</p><p>flake before your users do.</p><form><input type="email"><button type="submit">Start free trial</button></form></div>')],
    ['a newsletter box Readability keeps', 'page.html', htmlPage('<div class="signup-box"><h3>Newsletter</h3><p>One email a month with our best engineering posts.</p><p><a href="/subscribe">Subscribe</a></p></div>')],
    ['Markdown lines of one paragraph', 'post.md', markdownFile('Tired of juggling\nspreadsheets? Meet\nPlanboard.\n[Learn more](https://planboard.test)')],
    ['Markdown paragraphs', 'post.md', markdownFile('Know where every build\n\nminute goes with\n\n**BuildWatch Pro**.\n\n[Get started today](https://buildwatch.test)')],
    ['a Markdown sign-up section', 'post.md', markdownFile('### Stay in the loop\n\nA short note every Friday.\n\n[Sign up now](https://example.test/s)')],
  ])('%s', async (_label, file, text) => {
    ws.write(file, text);
    const result = await runCli(['import', file, '--dry-run'], { cwd: ws.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(bodyOf(result.stdout)).toBe(`${PROSE_BEFORE}\n\n${PROSE_AFTER}\n\n${PROSE_END}`);
    expect(result.stderr).toMatch(/left out \d+ calls? to action/);
  });
});

describe('the article itself stays as it was', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  it('keeps a long sentence with "learn more", a "Get started" heading, lists, quotes and code of an HTML page', async () => {
    const block =
      '<p>If you want to learn more about how the cache keys work, the guide we wrote last year has every detail of the scheme.</p>' +
      '<h2>Get started</h2><p>Install the tool with npm and run it once in the repository root, then commit the generated file.</p>' +
      '<p>We post every release note on:</p><ul><li>Mastodon</li><li>Bluesky</li></ul>' +
      '<blockquote><p>Learn more.</p></blockquote><pre><code>Sign up\nLearn more\n</code></pre>';
    ws.write('page.html', htmlPage(block));
    const result = await runCli(['import', 'page.html', '--dry-run'], { cwd: ws.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(bodyOf(result.stdout)).toBe(
      [
        PROSE_BEFORE,
        'If you want to learn more about how the cache keys work, the guide we wrote last year has every detail of the scheme.',
        '## Get started',
        'Install the tool with npm and run it once in the repository root, then commit the generated file.',
        'We post every release note on:',
        '- Mastodon\n- Bluesky',
        '> Learn more.',
        '```\nSign up\nLearn more\n```',
        PROSE_AFTER,
        PROSE_END,
      ].join('\n\n'),
    );
    expect(result.stderr).not.toContain('left out');
  });

  it.each<[string, string]>([
    ['blog-post.html', 'https://blog.acme.test/engineering/ci-build-times'],
    ['article.md', ''],
  ])('imports the fixture %s without leaving anything out', async (fixture, url) => {
    const text = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/import', fixture), 'utf8');
    ws.write(fixture, text);
    const result = await runCli(['import', fixture, '--dry-run', '--author', 'ada'], { cwd: ws.dir });
    expect(result.code, result.stderr).toBe(0);
    const expected = fixture.endsWith('.html') ? extractHtmlArticle(text, { url })?.body : readMarkdownArticle(text, fixture).body;
    expect(bodyOf(result.stdout)).toBe(expected);
    expect(result.stderr).not.toContain('left out');
  });
});
