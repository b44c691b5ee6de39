/**
 * The bundled sample once named images on a host that never resolves, so a
 * newcomer's first preview was full of broken images. Its images are files
 * now: every image of the built sample is published with it, sized, and the
 * sample passes its checks without a warning.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/util/paths.js';
import { parseFrontMatter } from '../../src/util/front-matter.js';
import { runCli } from '../helpers/cli.js';

const BASE = 'https://fieldnotes.northwind.example';

describe('the bundled sample without internet', () => {
  let dir: string;
  let html: string;
  let checks: { severity: string; message: string }[];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-sample-offline-'));
    fs.cpSync(path.join(PACKAGE_ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
    fs.copyFileSync(path.join(PACKAGE_ROOT, 'digest.config.yaml'), path.join(dir, 'digest.config.yaml'));
    const built = await runCli(['build', '--now', '2026-11-30T08:00:00'], { cwd: dir, env: { DIGEST_SECRET: 'sample-offline-secret-0123456789' } });
    expect(built.code, built.stderr).toBe(0);
    html = fs.readFileSync(path.join(dir, '.digest', 'issues', '2026-W48', 'email.html'), 'utf8');
    checks = (JSON.parse(fs.readFileSync(path.join(dir, '.digest', 'issues', '2026-W48', 'issue.json'), 'utf8')) as { checks: typeof checks }).checks;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names only local image files in its front matter', () => {
    const remote: string[] = [];
    for (const folder of ['articles', 'authors']) {
      for (const name of fs.readdirSync(path.join(PACKAGE_ROOT, 'content', folder))) {
        const file = path.join(PACKAGE_ROOT, 'content', folder, name);
        const { data } = parseFrontMatter(fs.readFileSync(file, 'utf8'), name);
        for (const key of ['image', 'avatar'] as const) {
          const value = (data as Record<string, unknown>)[key];
          if (typeof value === 'string' && /^https?:/i.test(value)) remote.push(`${folder}/${name} ${key}`);
        }
      }
    }
    expect(remote).toEqual([]);
  });

  it('every image of the email is published with the issue, with a width and a height', () => {
    const images = [...html.matchAll(/<img\b[^>]*>/g)].map((match) => match[0]);
    expect(images.length).toBeGreaterThanOrEqual(6);
    for (const tag of images) {
      const src = /src="([^"]+)"/.exec(tag)?.[1] ?? '';
      expect(src.startsWith(`${BASE}/media/`), src).toBe(true);
      expect(fs.existsSync(path.join(dir, '.digest', 'media', src.slice(`${BASE}/media/`.length))), src).toBe(true);
      expect(tag).toMatch(/\swidth="\d+"/);
      expect(tag).toMatch(/\sheight="\d+"/);
    }
  });

  it('passes its checks without a warning, and every committed image is small', () => {
    expect(checks.filter((check) => check.severity !== 'info')).toEqual([]);
    for (const name of fs.readdirSync(path.join(PACKAGE_ROOT, 'content', 'images'))) {
      expect(fs.statSync(path.join(PACKAGE_ROOT, 'content', 'images', name)).size, name).toBeLessThanOrEqual(30 * 1024);
    }
  });
});
