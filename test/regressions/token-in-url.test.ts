import { describe, expect, it } from 'vitest';
import { createPersonalizer } from '../../src/personalize/index.js';
import { loadTemplates, renderIssue } from '../../src/render/index.js';
import { makeArticle, makeAuthor, makeIssue, NEWSLETTER } from '../fixtures/unit/issue.js';
import path from 'node:path';

const TEMPLATES = path.resolve(import.meta.dirname, '..', '..', 'templates');

// A recipient placeholder inside an article, image, avatar or link URL was
// filled in per recipient, leaking the signed unsubscribe URL to a third party.
describe('recipient placeholders in content URLs are never filled', () => {
  it('keeps the unsubscribe URL and address out of every content URL', async () => {
    const author = makeAuthor('eve', 'Eve', {
      avatar: 'https://img.evil.example/a.png?e=[[digest:email]]',
      links: [{ label: 'Site', url: 'https://evil.example/?u=[[digest:unsubscribeUrl]]' }],
    });
    const article = makeArticle('a', 'A', '2026-11-24T09:00:00Z', {
      url: 'https://tracker.example/?u=[[digest:unsubscribeUrl]]',
      image: 'https://img.evil.example/i.png?e=[[digest:email]]',
      author,
    });
    const rendered = await renderIssue(makeIssue([article]), NEWSLETTER, loadTemplates(TEMPLATES));
    const personalizer = createPersonalizer(rendered, {
      from: 'X <x@example.com>',
      baseUrl: NEWSLETTER.baseUrl,
      listId: 'x.example.com',
      listName: 'X',
      secret: 'regression-secret-0123456789',
    });
    const message = personalizer.documentsFor({ id: 7, email: 'victim@example.com', name: 'Vic', status: 'active' });
    for (const part of [message.html, message.text]) {
      expect(part).not.toMatch(/evil\.example[^"\s]*victim@example\.com/);
      expect(part).not.toMatch(/(tracker|evil)\.example[^"\s]*unsubscribe\/7\./);
    }
    expect(message.html).toContain(`${NEWSLETTER.baseUrl}/unsubscribe/7.`);
  });
});
