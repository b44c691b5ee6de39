import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../../src/errors.js';
import { loadTemplates, renderIssue } from '../../../src/render/index.js';
import { PACKAGE_ROOT } from '../../../src/util/paths.js';
import { NEWSLETTER, sampleIssue } from '../../fixtures/unit/issue.js';

const BUNDLED = path.join(PACKAGE_ROOT, 'templates');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the bundled templates in a temp dir, with `edit` applied to one file. */
function templatesWith(relative: string, edit: (source: string) => string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-'));
  dirs.push(dir);
  fs.cpSync(BUNDLED, dir, { recursive: true });
  const file = path.join(dir, relative);
  const before = fs.readFileSync(file, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit did not change ${relative}`);
  fs.writeFileSync(file, after);
  return { dir, file };
}

function digestError(fields: Record<string, unknown>): unknown {
  return expect.objectContaining({ name: 'DigestError', ...fields });
}

describe('loadTemplates', () => {
  it('loads the bundled templates and lists every file read', () => {
    const templates = loadTemplates(BUNDLED);
    const relative = templates.files.map((file) => path.relative(BUNDLED, file)).sort();
    expect(relative).toEqual([
      path.join('layouts', 'digest.mjml.hbs'),
      ...fs.readdirSync(path.join(BUNDLED, 'partials')).map((name) => path.join('partials', name)),
      path.join('text', 'digest.txt.hbs'),
      ...fs.readdirSync(path.join(BUNDLED, 'locales')).map((name) => path.join('locales', name)),
    ].sort());
  });

  it('renders a copy of the templates the same as the bundled ones', async () => {
    const { dir } = templatesWith('partials/footer.mjml.hbs', (source) => `${source}\n`);
    const copy = await renderIssue(sampleIssue(), NEWSLETTER, loadTemplates(dir));
    const bundled = await renderIssue(sampleIssue(), NEWSLETTER, loadTemplates(BUNDLED));
    expect(copy.text).toBe(bundled.text);
    expect(copy.html).toBe(bundled.html);
  });

  it.each([
    ['partials/footer.mjml.hbs', 3, '<mj-section>\n  <mj-column>\n    {{#if newsletter.footer}<mj-text>x</mj-text>{{/if}}\n  </mj-column>\n</mj-section>\n'],
    ['partials/article.mjml.hbs', 2, '<mj-text>\n  <h2>{{title</h2>\n</mj-text>\n'],
    ['layouts/digest.mjml.hbs', 1, '<mjml>{{> header</mjml>\n'],
    ['text/digest.txt.hbs', 4, 'Hi\n\n{{issue.intro}}\n{{wrap issue.intro width=}}\n'],
  ])('reports a Handlebars syntax error in %s at line %i, at load time', (relative, line, source) => {
    const { dir, file } = templatesWith(relative, () => source);
    expect(() => loadTemplates(dir)).toThrow(
      digestError({ code: ErrorCodes.TEMPLATE_INVALID, file, line, message: expect.stringMatching(/^template error: /) }),
    );
  });

  it('reports a missing template file', () => {
    const { dir } = templatesWith('text/digest.txt.hbs', (source) => `${source}x`);
    fs.rmSync(path.join(dir, 'text', 'digest.txt.hbs'));
    expect(() => loadTemplates(dir)).toThrow(
      digestError({
        code: ErrorCodes.TEMPLATE_INVALID,
        message: 'template not found',
        file: path.join(dir, 'text', 'digest.txt.hbs'),
      }),
    );
  });
});

describe('strict mode', () => {
  it.each([
    ['layouts/digest.mjml.hbs', '{{issue.intro}}', '{{issue.intr}}', 'intr'],
    ['text/digest.txt.hbs', '{{issue.archiveUrl}}', '{{issue.archiveURL}}', 'archiveURL'],
    ['text/digest.txt.hbs', '{{recipient.unsubscribeUrl}}', '{{recipient.unsubscribeLink}}', 'unsubscribeLink'],
  ])('a misspelt field in %s (%s → %s) is TEMPLATE_INVALID naming that file', async (relative, from, to, key) => {
    const { dir, file } = templatesWith(relative, (source) => source.replace(from, to));
    const templates = loadTemplates(dir);
    await expect(renderIssue(sampleIssue(), NEWSLETTER, templates)).rejects.toThrow(
      digestError({ code: ErrorCodes.TEMPLATE_INVALID, file, message: expect.stringContaining(`"${key}" not defined`) }),
    );
  });

  it('a misspelt field in a partial is TEMPLATE_INVALID', async () => {
    // Which file it names is not asserted here: see the report (it names the layout).
    const { dir } = templatesWith('partials/article.mjml.hbs', (source) => source.replace('{{title}}', '{{titel}}'));
    await expect(renderIssue(sampleIssue(), NEWSLETTER, loadTemplates(dir))).rejects.toThrow(
      digestError({ code: ErrorCodes.TEMPLATE_INVALID, message: expect.stringContaining('"titel" not defined') }),
    );
  });

  it('a field that exists but is null renders nothing rather than failing', async () => {
    const issue = sampleIssue();
    const result = await renderIssue(issue, { name: 'Field Notes', baseUrl: 'https://news.example.com' }, loadTemplates(BUNDLED));
    expect(result.html).not.toContain('Harbour Street');
    expect(result.text).not.toMatch(/null|undefined/);
  });
});

describe('MJML', () => {
  it('rejects MJML that breaks the strict validation with MJML_INVALID', async () => {
    const { dir } = templatesWith('partials/header.mjml.hbs', () => '<mj-section><mj-text>no column</mj-text></mj-section>\n');
    await expect(renderIssue(sampleIssue(), NEWSLETTER, loadTemplates(dir))).rejects.toThrow(
      digestError({ code: ErrorCodes.MJML_INVALID }),
    );
  });
});
