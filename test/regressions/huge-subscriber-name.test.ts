import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { createPersonalizer, GREETING_NAME_MAX_LENGTH, largestHtmlBytes } from '../../src/personalize/index.js';
import { loadTemplates, renderIssue } from '../../src/render/index.js';
import { PACKAGE_ROOT } from '../../src/util/paths.js';
import { NEWSLETTER, sampleIssue } from '../fixtures/unit/issue.js';

const OPTIONS = {
  from: 'Field Notes <news@news.example.com>',
  baseUrl: NEWSLETTER.baseUrl,
  listId: 'field-notes.news.example.com',
  listName: 'Field Notes',
  secret: 'a-test-secret-of-reasonable-length',
};

// An imported name of megabytes went into the greeting whole, so one reader's
// copy could be any size, far past the size budget every other copy kept.
describe('a subscriber name of megabytes', () => {
  it('greets with at most 64 characters, and the copy is no larger than the largest the budget counts', async () => {
    const rendered = await renderIssue(sampleIssue(), NEWSLETTER, loadTemplates(path.join(PACKAGE_ROOT, 'templates')));
    const personalizer = createPersonalizer(rendered, OPTIONS);
    const names = [`${'Anne-Sophie-'.repeat(400_000)}Smith`, 'q'.repeat(4_000_000), `Jo ${'x'.repeat(4_000_000)}`];
    for (const name of names) {
      const reader = { id: 7, uid: 'a'.repeat(24), email: 'reader@example.com', name, status: 'active' as const };
      expect(personalizer.fieldsFor(reader).greetingName.length).toBeLessThanOrEqual(GREETING_NAME_MAX_LENGTH);
      const { htmlPart } = personalizer.messageFor(reader);
      const parsed = await simpleParser(`Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n${htmlPart}\r\n--b--\r\n`);
      const html = typeof parsed.html === 'string' ? parsed.html : '';
      expect(html).toContain('Unsubscribe');
      expect(Buffer.byteLength(html)).toBeLessThanOrEqual(largestHtmlBytes(rendered.html, OPTIONS.baseUrl));
    }
  });
});
