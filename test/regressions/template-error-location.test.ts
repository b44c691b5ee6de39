import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DigestError } from '../../src/errors.js';
import { loadTemplates } from '../../src/render/index.js';
import { renderIssue } from '../../src/render/index.js';
import { NEWSLETTER, sampleIssue } from '../fixtures/unit/issue.js';

const BUNDLED = path.resolve(import.meta.dirname, '..', '..', 'templates');

// Errors inside a partial named the layout, and runtime errors had no line.
describe('template errors name the file and line where they are', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function copyWith(relative: string, edit: (source: string) => string): string {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-tpl-'));
    fs.cpSync(BUNDLED, dir, { recursive: true });
    const file = path.join(dir, relative);
    fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')));
    return dir;
  }

  async function renderError(templatesDir: string): Promise<DigestError> {
    try {
      await renderIssue(sampleIssue(), NEWSLETTER, loadTemplates(templatesDir));
    } catch (error) {
      if (error instanceof DigestError) return error;
      throw error;
    }
    throw new Error('expected a DigestError');
  }

  it('a misspelt field in a partial names the partial and its line', async () => {
    const templates = copyWith('partials/article.mjml.hbs', (source) => source.replace('{{title}}', '{{titel}}'));
    const error = await renderError(templates);
    expect(error.code).toBe('TEMPLATE_INVALID');
    expect(error.file).toMatch(/partials\/article\.mjml\.hbs$/);
    const expectedLine = fs.readFileSync(path.join(templates, 'partials/article.mjml.hbs'), 'utf8').split('\n').findIndex((line) => line.includes('{{titel}}')) + 1;
    expect(expectedLine).toBeGreaterThan(1);
    expect(error.line).toBe(expectedLine);
    expect(error.message).toBe('template error: "titel" not defined');
  });

  it('a misspelt field in the layout names the layout and its line', async () => {
    const templates = copyWith('layouts/digest.mjml.hbs', (source) => source.replace('{{issue.intro}}', '{{issue.intor}}'));
    const error = await renderError(templates);
    expect(error.file).toMatch(/layouts\/digest\.mjml\.hbs$/);
    const expectedLine = fs.readFileSync(path.join(templates, 'layouts/digest.mjml.hbs'), 'utf8').split('\n').findIndex((line) => line.includes('issue.intor')) + 1;
    expect(error.line).toBe(expectedLine);
  });
});
