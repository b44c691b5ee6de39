import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { startPublicServer, type PublicServer } from '../../src/serve/index.js';
import { openStore, type Store } from '../../src/store/db.js';
import type { PreviewServer } from '../../src/preview/server.js';
import { runCli } from '../helpers/cli.js';
import { startPreview } from '../helpers/preview.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';
import { gif, png } from '../fixtures/media/images.js';

const NOW = '2026-11-30T08:00:00';
const ENV = { DIGEST_SECRET: 'media-test-secret-0123456789abcdef' };
const MEDIA_URL = /https:\/\/news\.test\.example\/media\/([0-9a-f]{20}\.(?:png|gif))/g;

describe('local images: build, digest serve and the preview', () => {
  let ws: Workspace;
  let store: Store;
  let server: PublicServer;
  let preview: PreviewServer;
  let html: string;
  let names: string[];

  beforeAll(async () => {
    ws = createWorkspace();
    fs.mkdirSync(path.join(ws.dir, 'content', 'images'), { recursive: true });
    fs.writeFileSync(path.join(ws.dir, 'content', 'images', 'lead.png'), png(1200, 600));
    fs.writeFileSync(path.join(ws.dir, 'content', 'images', 'lin.gif'), gif(160, 160));
    ws.write('content/authors/lin.md', '---\nname: Lin Osei\navatar: /images/lin.gif\n---\nLin runs the platform team.\n');
    writeArticle(ws, '2026-11-24-streaming', { title: 'Streaming', date: '2026-11-24T09:30', author: 'lin', extra: 'image: ../images/lead.png\nimageAlt: A stream' });
    const built = await runCli(['build', '--now', NOW], { cwd: ws.dir, env: ENV });
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout + built.stderr).toMatch(/Published 2 images to .*media/);
    html = ws.read('data/issues/2026-W48/email.html');
    names = [...new Set([...html.matchAll(MEDIA_URL)].map((match) => match[1] ?? ''))].sort();
    const config = loadConfig(undefined, ws.dir);
    store = openStore(config.dataDir);
    server = await startPublicServer({ config, store, secret: ENV.DIGEST_SECRET, clock: { now: () => new Date(NOW) }, host: '127.0.0.1', port: 0, requestsPerMinute: 1 });
    preview = await startPreview(ws, NOW);
  });

  afterAll(async () => {
    await server?.close();
    await preview?.close();
    store?.close();
    ws?.remove();
  });

  it('names both images under baseUrl/media/ and publishes them in dataDir/media', () => {
    expect(names).toHaveLength(2);
    for (const name of names) expect(fs.existsSync(path.join(ws.dataDir, 'media', name))).toBe(true);
    expect(fs.readFileSync(path.join(ws.dataDir, 'media', names.find((name) => name.endsWith('.png')) ?? ''))).toEqual(png(1200, 600));
  });

  it('serves a published image with its type and long-lived caching, outside the rate limit', async () => {
    for (let i = 0; i < 3; i++) {
      for (const name of names) {
        const response = await fetch(new URL(`media/${name}`, server.url));
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe(name.endsWith('.png') ? 'image/png' : 'image/gif');
        expect(response.headers.get('cache-control')).toContain('immutable');
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(Buffer.from(await response.arrayBuffer())).toEqual(fs.readFileSync(path.join(ws.dataDir, 'media', name)));
      }
    }
  });

  it('answers 304 to a revalidation and HEAD without a body', async () => {
    const url = new URL(`media/${names[0]}`, server.url);
    const etag = (await fetch(url)).headers.get('etag') ?? '';
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const head = await fetch(url, { method: 'HEAD' });
    expect([head.status, (await head.arrayBuffer()).byteLength]).toEqual([200, 0]);
  });

  it.each([
    ['an unpublished name', '/media/0123456789abcdef0123.png'],
    ['a source file name', '/media/lead.png'],
    ['a way out of the folder', '/media/..%2F..%2Fdigest.config.yaml'],
    ['the store', '/media/..%2Fdigest.sqlite'],
    ['an SVG name', '/media/0123456789abcdef0123.svg'],
  ])('answers 404 to %s', async (_label, pathname) => {
    const response = await fetch(new URL(pathname, server.url));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('the preview shows the images from its own server, and the email otherwise as sent', async () => {
    const state = (await (await fetch(new URL('api/state?week=2026-W48', preview.url))).json()) as { html: string; mediaPrefix: string };
    expect(state.mediaPrefix).toBe('https://news.test.example/media/');
    expect([...new Set([...state.html.matchAll(MEDIA_URL)].map((match) => match[1]))].sort()).toEqual(names);
    const shown = await (await fetch(new URL('email.html?week=2026-W48', preview.url))).text();
    expect(shown).not.toContain('https://news.test.example/media/');
    expect(shown).toBe(state.html.split(state.mediaPrefix).join('/media/'));
    for (const name of names) {
      const response = await fetch(new URL(`media/${name}`, preview.url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^image\//);
    }
    expect((await fetch(new URL('media/0123456789abcdef0123.png', preview.url))).status).toBe(404);
  });

  it('a missing image fails the build, naming the article and field', async () => {
    writeArticle(ws, '2026-11-25-missing', { title: 'Missing', date: '2026-11-25', extra: 'image: ../images/gone.png' });
    try {
      const built = await runCli(['build', '--now', NOW], { cwd: ws.dir, env: ENV });
      expect(built.code).toBe(1);
      expect(built.stderr).toMatch(/2026-11-25-missing\.md:\d+: "image" names an image that does not exist: \.\.\/images\/gone\.png/);
      expect(built.stderr).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(path.join(ws.dir, 'content', 'articles', '2026-11-25-missing.md'));
    }
  });
});
