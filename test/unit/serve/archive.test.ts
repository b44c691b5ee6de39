import { describe, expect, it } from 'vitest';
import { archivePage, moreArticlesSection, movedUrls } from '../../../src/serve/archive.js';
import type { IssueJson } from '../../../src/util/issue-files.js';

const RECORD: IssueJson = {
  id: '2026-W48',
  articles: [
    { url: 'https://news.example.com/kept', title: 'Kept in the email', summary: 'Stays.', authorName: 'Noor' },
    { url: 'https://news.example.com/moved-1', title: 'Moved <one>', summary: 'First & moved.', authorName: 'Ada' },
    { url: 'https://news.example.com/moved-2', title: 'Moved two', summary: 'Second.', authorName: null },
  ],
  fit: { budget: 97280, bytes: 97000, compacted: [], moved: ['https://news.example.com/moved-1', 'https://news.example.com/moved-2'] },
};

describe('archivePage', () => {
  it('lists every moved article, escaped and linked, before </body>', () => {
    const page = archivePage('<html><body><p>email</p></body></html>', RECORD);
    expect(page.indexOf('id="more-articles"')).toBeGreaterThan(page.indexOf('<p>email</p>'));
    expect(page.endsWith('</body></html>')).toBe(true);
    expect(page).toContain('<a href="https://news.example.com/moved-1"');
    expect(page).toContain('Moved &lt;one&gt;');
    expect(page).toContain('Ada</span> · First &amp; moved.');
    expect(page).toContain('<a href="https://news.example.com/moved-2"');
    expect(page).not.toContain('href="https://news.example.com/kept"');
  });

  it('leaves the email as it is when nothing was moved, or the record is older than fitting', () => {
    const html = '<html><body>x</body></html>';
    expect(archivePage(html, { ...RECORD, fit: { budget: 1, bytes: 1, compacted: [], moved: [] } })).toBe(html);
    expect(archivePage(html, { id: '2026-W48' })).toBe(html);
    expect(archivePage(html, undefined)).toBe(html);
  });

  it('shows a moved URL missing from the articles by its URL, and never links a non-http one', () => {
    const record: IssueJson = { id: '2026-W48', fit: { moved: ['https://x.example/lost', 'javascript:alert(1)', 42] } };
    expect(movedUrls(record)).toEqual(['https://x.example/lost', 'javascript:alert(1)']);
    const section = moreArticlesSection(record);
    expect(section).toContain('href="https://x.example/lost"');
    expect(section).not.toContain('href="javascript:');
    expect(section).toContain('<strong>javascript:alert(1)</strong>');
  });
});
