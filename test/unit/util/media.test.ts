import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../../src/errors.js';
import { isLocalReference, isMediaName, measure, mediaContentType, mediaUrl, publishMedia, readLocalImage, MEDIA_MAX_BYTES } from '../../../src/util/media.js';
import { gif, jpeg, png, SVG, webp } from '../../fixtures/media/images.js';

describe('measure', () => {
  it.each([
    ['PNG', png(120, 60), 'png', 120, 60],
    ['JPEG', jpeg(640, 480), 'jpg', 640, 480],
    ['GIF', gif(33, 7), 'gif', 33, 7],
    ['WebP', webp(1200, 600), 'webp', 1200, 600],
  ])('reads the format and size of a %s from its header', (_label, bytes, extension, width, height) => {
    expect(measure(bytes)).toEqual({ extension, width, height });
  });

  it.each([
    ['an SVG', SVG],
    ['text', Buffer.from('not an image at all')],
    ['nothing', Buffer.alloc(0)],
  ])('says nothing of %s', (_label, bytes) => {
    expect(measure(bytes)).toBeUndefined();
  });
});

describe('references and names', () => {
  it.each([
    ['../images/a.png', true],
    ['/images/a.png', true],
    ['a.png', true],
    ['https://cdn.example.com/a.png', false],
    ['HTTP://cdn.example.com/a.png', false],
    ['//cdn.example.com/a.png', false],
    ['data:image/png;base64,AAAA', false],
  ])('%s is local: %s', (value, local) => {
    expect(isLocalReference(value)).toBe(local);
  });

  it.each([
    ['0123456789abcdef0123.png', true],
    ['0123456789abcdef0123.webp', true],
    ['0123456789abcdef0123.svg', false],
    ['0123456789ABCDEF0123.png', false],
    ['../0123456789abcdef01.png', false],
    ['0123456789abcdef0123.png/x', false],
    ['lead.png', false],
  ])('%s is a published name: %s', (name, valid) => {
    expect(isMediaName(name)).toBe(valid);
  });

  it('types by extension and URLs under baseUrl/media/', () => {
    expect(mediaContentType('0123456789abcdef0123.jpg')).toBe('image/jpeg');
    expect(mediaUrl('https://news.example.com/', { name: 'n.png' } as never)).toBe('https://news.example.com/media/n.png');
  });
});

describe('readLocalImage', () => {
  let dir: string;
  let content: string;
  let article: string;
  const origin = (field = 'image') => ({ sourceFile: article, contentDir: content, shownFile: 'content/articles/a.md', line: 4, field });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-media-'));
    content = path.join(dir, 'content');
    fs.mkdirSync(path.join(content, 'articles'), { recursive: true });
    fs.mkdirSync(path.join(content, 'images'));
    article = path.join(content, 'articles', 'a.md');
    fs.writeFileSync(path.join(content, 'images', 'lead.png'), png(40, 20));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('resolves a path relative to the file and a leading "/" from the content folder to the same image', () => {
    const relative = readLocalImage('../images/lead.png', origin());
    const rooted = readLocalImage('/images/lead.png', origin());
    expect(relative).toEqual(rooted);
    expect(relative).toMatchObject({ source: path.join(content, 'images', 'lead.png'), width: 40, height: 20, bytes: png(40, 20).length });
    expect(isMediaName(relative.name)).toBe(true);
    expect(relative.name.endsWith('.png')).toBe(true);
  });

  it('names an image by its bytes: another file with the same bytes has the same name, changed bytes a new one', () => {
    fs.writeFileSync(path.join(content, 'images', 'copy.png'), png(40, 20));
    fs.writeFileSync(path.join(content, 'images', 'other.png'), png(41, 20));
    const name = readLocalImage('../images/lead.png', origin()).name;
    expect(readLocalImage('../images/copy.png', origin()).name).toBe(name);
    expect(readLocalImage('../images/other.png', origin()).name).not.toBe(name);
  });

  it('takes the format from the bytes, not the file name', () => {
    fs.writeFileSync(path.join(content, 'images', 'photo.png'), jpeg(10, 10));
    expect(readLocalImage('../images/photo.png', origin()).name).toMatch(/\.jpg$/);
  });

  it.each([
    ['a missing file', '../images/nope.png', () => undefined, /"image" names an image that does not exist: \.\.\/images\/nope\.png/],
    ['an SVG', '../images/logo.svg', () => fs.writeFileSync(path.join(content, 'images', 'logo.svg'), SVG), /"image" is not a PNG, JPEG, GIF or WebP image/],
    ['a folder', '../images', () => undefined, /"image" is not a file/],
    ['a file outside the content folder', '../../secret.png', () => fs.writeFileSync(path.join(dir, 'secret.png'), png(1, 1)), /"image" points outside the content folder/],
    [
      'a file over the size limit',
      '../images/huge.png',
      () => fs.writeFileSync(path.join(content, 'images', 'huge.png'), Buffer.concat([png(1, 1), Buffer.alloc(MEDIA_MAX_BYTES)])),
      /"image" names an image of 1024 KB, over the 1024 KB limit/,
    ],
  ])('refuses %s, naming the file, line and field', (_label, reference, setUp, message) => {
    setUp();
    let thrown: unknown;
    try {
      readLocalImage(reference, origin());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: ErrorCodes.MEDIA_INVALID, file: 'content/articles/a.md', line: 4, field: 'image', message: expect.stringMatching(message) });
    expect((thrown as { hint?: string }).hint).toBeTruthy();
  });
});

describe('publishMedia', () => {
  it('copies each image once under its name and leaves existing ones alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-publish-'));
    try {
      const source = path.join(dir, 'lead.png');
      fs.writeFileSync(source, png(4, 4));
      const file = { source, name: '0123456789abcdef0123.png', bytes: 1, width: 4, height: 4, mtimeMs: 0 };
      const dataDir = path.join(dir, 'data');
      expect(publishMedia(dataDir, [file, file])).toEqual([file.name]);
      expect(fs.readFileSync(path.join(dataDir, 'media', file.name))).toEqual(png(4, 4));
      expect(publishMedia(dataDir, [file])).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
