import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates, renderIssue } from '../../src/render/index.js';
import { PACKAGE_ROOT } from '../../src/util/paths.js';
import { NEWSLETTER } from '../fixtures/unit/issue.js';
import { WEEK_AUTHORS, busyWeek } from '../fixtures/unit/week.js';

// Each article carried its author's card: 30 cards for 5 authors, bios cut mid-word, links run together.
describe('an author\'s card appears once per issue', () => {
  it('shows each bio once in a 30-article week, cut at a sentence end, with its links apart', async () => {
    const { html, text } = await renderIssue(busyWeek(30), NEWSLETTER, loadTemplates(path.join(PACKAGE_ROOT, 'templates')));
    for (const author of WEEK_AUTHORS) {
      const cut = 'Lives in Hamburg with two cats and a bicycle.';
      expect(html.split(author.bioText.slice(0, 40)).length - 1).toBe(1);
      expect(text.split(author.bioText.slice(0, 40)).length - 1).toBe(1);
      expect(html).toContain(`${author.bioText.slice(0, author.bioText.indexOf(cut))}${cut}<br>`);
      expect(html).not.toContain('On weekends');
    }
    expect(html).not.toMatch(/Website<\/a>\s*<a\b/);
  });
});
