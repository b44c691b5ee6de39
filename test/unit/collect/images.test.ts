import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle, readArticles } from '../../../src/collect/articles.js';
import { parseAuthor } from '../../../src/collect/authors.js';
import { FileCache, type ParseResult } from '../../../src/collect/cache.js';
import type { Article } from '../../../src/types.js';
import { ErrorCodes } from '../../../src/errors.js';
import { png } from '../../fixtures/media/images.js';

const BASE = 'https://news.example.com';
let dir: string;
let content: string;
let articleFile: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-images-'));
  content = path.join(dir, 'content');
  fs.mkdirSync(path.join(content, 'articles', '2026'), { recursive: true });
  fs.mkdirSync(path.join(content, 'images'));
  fs.mkdirSync(path.join(content, 'authors'));
  fs.writeFileSync(path.join(content, 'images', 'lead.png'), png(1200, 600));
  fs.writeFileSync(path.join(content, 'images', 'face.png'), png(160, 160));
  articleFile = path.join(content, 'articles', '2026', '2026-11-24-q.md');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const context = () => ({ timeZone: 'UTC', baseUrl: BASE, authorIds: new Set<string>(), contentDir: content });
const article = (...lines: string[]) => `---\ntitle: Q\ndate: 2026-11-24\n${lines.join('\n')}\n---\nBody.\n`;

describe('article images', () => {
  it('publishes a local file under baseUrl/media/ with the size read from it', () => {
    const parsed = parseArticle(article('image: ../../images/lead.png', 'imageAlt: A queue'), 'articles/2026/q.md', context(), articleFile);
    expect(parsed.image).toMatch(/^https:\/\/news\.example\.com\/media\/[0-9a-f]{20}\.png$/);
    expect(parsed.image?.endsWith(parsed.imageFile?.name ?? '?')).toBe(true);
    expect(parsed).toMatchObject({ imageWidth: 1200, imageHeight: 600, imageAlt: 'A queue' });
    expect(parsed.imageFile?.source).toBe(path.join(content, 'images', 'lead.png'));
  });

  it('resolves a leading "/" from the content folder', () => {
    const parsed = parseArticle(article('image: /images/lead.png'), 'q.md', context(), articleFile);
    expect(parsed.imageFile?.source).toBe(path.join(content, 'images', 'lead.png'));
  });

  it.each([
    ['both given: they win (a 2× image shown smaller)', ['imageWidth: 600', 'imageHeight: 300'], 600, 300],
    ['the width alone: the height keeps the proportions', ['imageWidth: 560'], 560, 280],
    ['the height alone: the width keeps the proportions', ['imageHeight: 100'], 200, 100],
  ])('front-matter size for a local image, %s', (_label, lines, width, height) => {
    const parsed = parseArticle(article('image: /images/lead.png', ...lines), 'q.md', context(), articleFile);
    expect([parsed.imageWidth, parsed.imageHeight]).toEqual([width, height]);
  });

  it('keeps a remote image as it is, sized only by the front matter', () => {
    const sized = parseArticle(article('image: https://cdn.example.com/a.png', 'imageWidth: 1200', 'imageHeight: 628'), 'q.md', context(), articleFile);
    expect(sized).toMatchObject({ image: 'https://cdn.example.com/a.png', imageWidth: 1200, imageHeight: 628 });
    expect(sized.imageFile).toBeUndefined();
    const unsized = parseArticle(article('image: https://cdn.example.com/a.png'), 'q.md', context(), articleFile);
    expect(unsized.imageWidth).toBeUndefined();
  });

  it('fails on a missing file, naming the article, line and field', () => {
    expect(() => parseArticle(article('section: Ops', 'image: ../../images/gone.png'), 'articles/2026/q.md', context(), articleFile)).toThrow(
      expect.objectContaining({ code: ErrorCodes.MEDIA_INVALID, file: 'articles/2026/q.md', line: 5, field: 'image', message: expect.stringContaining('gone.png') }),
    );
  });

  it.each([['imageWidth: 0'], ['imageWidth: 12.5'], ['imageHeight: "tall"']])('rejects %s', (line) => {
    expect(() => parseArticle(article('image: /images/lead.png', line), 'q.md', context(), articleFile)).toThrow(
      expect.objectContaining({ code: ErrorCodes.FRONT_MATTER_INVALID }),
    );
  });

  it('reads the image again in a long-running process when the file is replaced', () => {
    const file = path.join(content, 'articles', '2026-11-25-cached.md');
    fs.writeFileSync(file, article('image: ../images/swap.png'));
    fs.writeFileSync(path.join(content, 'images', 'swap.png'), png(10, 10));
    const cache = new FileCache<ParseResult<Article>>();
    const first = readArticles(content, context(), cache).results.find((entry) => entry.file.endsWith('cached.md'));
    fs.writeFileSync(path.join(content, 'images', 'swap.png'), png(20, 10));
    const second = readArticles(content, context(), cache).results.find((entry) => entry.file.endsWith('cached.md'));
    const widths = [first, second].map((entry) => (entry?.result.ok ? entry.result.value.imageWidth : undefined));
    expect(widths).toEqual([10, 20]);
    fs.rmSync(file);
  });
});

describe('author avatars', () => {
  it('publishes a local avatar with its size', () => {
    const author = parseAuthor('---\nname: Ada\navatar: ../images/face.png\n---\nBio.\n', 'authors/ada.md', {
      sourceFile: path.join(content, 'authors', 'ada.md'),
      contentDir: content,
      baseUrl: BASE,
    });
    expect(author.avatar).toMatch(/^https:\/\/news\.example\.com\/media\/[0-9a-f]{20}\.png$/);
    expect(author).toMatchObject({ avatarWidth: 160, avatarHeight: 160 });
  });

  it('keeps an https avatar without a size', () => {
    const author = parseAuthor('---\nname: Ada\navatar: https://cdn.example.com/a.jpg\n---\n', 'authors/ada.md');
    expect(author.avatar).toBe('https://cdn.example.com/a.jpg');
    expect(author.avatarWidth).toBeUndefined();
  });

  it('fails on a missing avatar file, naming the author file and field', () => {
    expect(() =>
      parseAuthor('---\nname: Ada\navatar: ../images/nobody.png\n---\n', 'authors/ada.md', { sourceFile: path.join(content, 'authors', 'ada.md'), contentDir: content, baseUrl: BASE }),
    ).toThrow(expect.objectContaining({ code: ErrorCodes.MEDIA_INVALID, file: 'authors/ada.md', line: 3, field: 'avatar' }));
  });
});
