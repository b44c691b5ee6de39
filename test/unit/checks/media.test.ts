import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIssue } from '../../../src/checks/content.js';
import { checkImages, HEAVY_IMAGE_BYTES } from '../../../src/checks/media.js';
import type { MediaFile } from '../../../src/types.js';
import { makeArticle, makeAuthor, makeIssue } from '../../fixtures/unit/issue.js';

const media = (bytes: number): MediaFile => ({ source: '/c/images/a.png', name: '0123456789abcdef0123.png', bytes, width: 1200, height: 600, mtimeMs: 0 });

describe('checkImages', () => {
  it('warns once per local image over the limit, naming the file that names it, and not under it', () => {
    const heavyAuthor = makeAuthor('ada', 'Ada', { avatar: 'https://news.example.com/media/x.png', avatarFile: media(HEAVY_IMAGE_BYTES + 1) });
    const issue = makeIssue([
      makeArticle('a', 'A', '2026-11-24T10:00:00Z', { image: 'https://news.example.com/media/a.png', imageWidth: 1200, imageHeight: 600, imageFile: media(300 * 1024), author: heavyAuthor }),
      makeArticle('b', 'B', '2026-11-25T10:00:00Z', { image: 'https://news.example.com/media/b.png', imageWidth: 1200, imageHeight: 600, imageFile: media(HEAVY_IMAGE_BYTES), author: heavyAuthor }),
    ]);
    const checks = checkImages(issue);
    expect(checks.map((check) => [check.severity, check.file])).toEqual([
      ['warning', 'articles/a.md'],
      ['warning', 'authors/ada.md'],
    ]);
    expect(checks[0]?.message).toContain('"image" image is 300 KB, over 200 KB');
  });

  it('notes a remote lead image without a size, and not one with both', () => {
    const issue = makeIssue([
      makeArticle('a', 'A', '2026-11-24T10:00:00Z', { image: 'https://cdn.example.com/a.png' }),
      makeArticle('b', 'B', '2026-11-25T10:00:00Z', { image: 'https://cdn.example.com/b.png', imageWidth: 600, imageHeight: 300 }),
    ]);
    expect(checkImages(issue).map((check) => [check.severity, check.file])).toEqual([['info', 'articles/a.md']]);
  });

  it('gathers many unsized remote images (a feed) into one note', () => {
    const issue = makeIssue(
      Array.from({ length: 5 }, (_, i) => makeArticle(`f${i}`, `F${i}`, `2026-11-2${i + 3}T10:00:00Z`, { image: `https://cdn.example.com/${i}.png` })),
    );
    const checks = checkImages(issue);
    expect(checks).toHaveLength(1);
    expect(checks[0]?.message).toMatch(/^5 lead images have no size \(articles\/f0\.md, articles\/f1\.md, articles\/f2\.md and 2 more\)/);
  });
});

describe('local images in front matter and the link checks', () => {
  it('a front-matter image path is not a relative link', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-check-media-'));
    try {
      fs.mkdirSync(path.join(dir, 'content', 'articles'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'content', 'images'));
      fs.writeFileSync(path.join(dir, 'content', 'images', 'lead.png'), 'x');
      const body = 'Body without links.';
      fs.writeFileSync(path.join(dir, 'content', 'articles', 'a.md'), `---\ntitle: A\ndate: 2026-11-24\nimage: ../images/lead.png\nimageAlt: A lead\n---\n${body}`);
      const issue = makeIssue([
        makeArticle('a', 'A', '2026-11-24T10:00:00Z', { file: 'content/articles/a.md', body, image: 'https://news.example.com/media/0123456789abcdef0123.png', imageAlt: 'A lead' }),
      ]);
      const checks = checkIssue(issue, { maxSummaryLength: 300, contentDir: path.join(dir, 'content'), rootDir: dir, htmlBytes: 1000, clipBytes: 102 * 1024 });
      expect(checks.filter((check) => check.check === 'relative-link' || check.check === 'broken-link' || check.check === 'missing-alt')).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
