import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTemplates, renderIssue } from '../../../src/render/index.js';
import { PACKAGE_ROOT } from '../../../src/util/paths.js';
import { NEWSLETTER, sampleIssue } from '../../fixtures/unit/issue.js';

const BUNDLED = path.join(PACKAGE_ROOT, 'templates');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function copyOfTemplates(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-'));
  dirs.push(dir);
  fs.cpSync(BUNDLED, dir, { recursive: true });
  return dir;
}

describe('loadTemplates keeps compiled templates per file contents', () => {
  it('renders the same on every load of unchanged templates', async () => {
    const dir = copyOfTemplates();
    const first = await renderIssue(sampleIssue(), NEWSLETTER, loadTemplates(dir));
    const again = await renderIssue(sampleIssue(), NEWSLETTER, loadTemplates(dir));
    expect(again.mjml).toBe(first.mjml);
    expect(again.text).toBe(first.text);
  });

  it('renders an edit of a partial or of the text template on the next load', async () => {
    const dir = copyOfTemplates();
    const before = await renderIssue(sampleIssue(), NEWSLETTER, loadTemplates(dir));
    const footer = path.join(dir, 'partials', 'footer.mjml.hbs');
    fs.writeFileSync(footer, fs.readFileSync(footer, 'utf8').replace('</mj-section>', '<!-- edited footer --></mj-section>'));
    const text = path.join(dir, 'text', 'digest.txt.hbs');
    fs.writeFileSync(text, `${fs.readFileSync(text, 'utf8')}\nEdited plain text.\n`);
    const after = await renderIssue(sampleIssue(), NEWSLETTER, loadTemplates(dir));
    expect(before.mjml).not.toContain('edited footer');
    expect(after.mjml).toContain('edited footer');
    expect(after.text).toContain('Edited plain text.');
    expect(before.text).not.toContain('Edited plain text.');
  });

  it('still reports a syntax error on every load, not only the first', () => {
    const dir = copyOfTemplates();
    fs.writeFileSync(path.join(dir, 'partials', 'footer.mjml.hbs'), '<mj-text>{{#if x}</mj-text>\n');
    expect(() => loadTemplates(dir)).toThrow(/template error/);
    expect(() => loadTemplates(dir)).toThrow(/template error/);
  });
});
