/**
 * The delivered email as a reader sees it in Chromium: light and dark, on a
 * 375 px phone, and in a client that drops every <style> (Gmail's apps with
 * other accounts). Assertions read computed styles, not the markup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { startPreview } from '../helpers/preview.js';
import type { Workspace } from '../helpers/workspace.js';
import { deliverGeneratedWeek, deliverSample, NOW, type DeliveredIssue } from './helpers/delivered.js';
import { imageBoxes, readerView, separatedPairs, titleLooks, unsubscribeLink } from './helpers/reader-view.js';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The email with every <style> element removed, as clients that drop them show it. */
function withoutStyles(html: string): string {
  return html.replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '');
}

/** What a browser's default link looks like: the colour every unstyled title would take. */
const DEFAULT_LINK_BLUE = 'rgb(0, 0, 238)';

let browser: Browser;
let page: Page;
const issues: DeliveredIssue[] = [];

interface View {
  colorScheme: 'light' | 'dark';
  width: number;
  styles: boolean;
  images: boolean;
}

/**
 * Shows `issue` in the one shared page. Images under baseUrl/media/ are
 * answered from dataDir/media (what `digest serve` publishes) or, with
 * `images: false`, refused like a client that blocks them; nothing else
 * leaves the machine.
 */
async function show(issue: DeliveredIssue, view: View): Promise<void> {
  await page.unrouteAll();
  await page.route(/^https?:/, async (route) => {
    const url = route.request().url();
    const name = url.startsWith(`${issue.baseUrl}/media/`) ? url.slice(`${issue.baseUrl}/media/`.length) : undefined;
    if (!view.images || !name || !fs.existsSync(path.join(issue.mediaDir, name))) return route.abort();
    return route.fulfill({ body: fs.readFileSync(path.join(issue.mediaDir, name)), contentType: name.endsWith('.png') ? 'image/png' : 'application/octet-stream' });
  });
  await page.setViewportSize({ width: view.width, height: 900 });
  await page.emulateMedia({ colorScheme: view.colorScheme });
  await page.setContent(view.styles ? issue.html : withoutStyles(issue.html), { waitUntil: 'load' });
}

/** axe-core's colour-contrast rule on the page as shown: the violations, as "ratio text" lines. */
async function axeContrast(): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { nodes: { any: { data?: { contrastRatio?: number } }[]; target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] });
    return result.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${node.any[0]?.data?.contrastRatio ?? '?'}:1 ${JSON.stringify(node.target)}`),
    );
  });
}

beforeAll(async () => {
  // Built one after the other: the machine is shared, and each run is a whole build and send.
  issues.push(await deliverSample());
  issues.push(await deliverGeneratedWeek(30));
  browser = await launchChromium();
  page = await browser.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const issue of issues) fs.rmSync(issue.dir, { recursive: true, force: true });
});

describe.each([0, 1])('the delivered email, issue %#', (index) => {
  const issue = () => {
    const found = issues[index];
    if (!found) throw new Error('issue not delivered');
    return found;
  };

  it.each(['light', 'dark'] as const)('%s: every text is at least 4.5:1 against the background behind it', async (colorScheme) => {
    await show(issue(), { colorScheme, width: 600, styles: true, images: true });
    const view = await readerView(page);
    expect(view.texts).toBeGreaterThan(issue().articles.length);
    expect(view.failures, `${issue().label}, ${colorScheme}`).toEqual([]);
    expect(await axeContrast(), `${issue().label}, ${colorScheme}: axe color-contrast`).toEqual([]);
  });

  it('without <style>: readable text, titles that are not default blue underlined links, visible separators', async () => {
    await show(issue(), { colorScheme: 'light', width: 600, styles: false, images: true });
    const view = await readerView(page);
    expect(view.failures, issue().label).toEqual([]);
    const looks = await titleLooks(page, issue().articles);
    const shownTitles = looks.filter((look) => look.found);
    // Every article is linked by its title (those moved to the archive excepted: none at 30).
    expect(shownTitles.map((look) => look.title)).toEqual(issue().articles.map((article) => article.title));
    expect(shownTitles.filter((look) => look.color === DEFAULT_LINK_BLUE || look.underlined), 'blue or underlined titles').toEqual([]);
    const pairs = await separatedPairs(page, issue().articles.map((article) => article.url), 4);
    expect(pairs).toHaveLength(4);
    expect(pairs.filter((pair) => !pair.separated), 'titles with nothing visible between them').toEqual([]);
  });

  it('without <style> in dark mode: still readable', async () => {
    await show(issue(), { colorScheme: 'dark', width: 600, styles: false, images: true });
    expect((await readerView(page)).failures, issue().label).toEqual([]);
  });

  it.each(['light', 'dark'] as const)('375 px wide, %s: nothing wider than the screen, text still readable', async (colorScheme) => {
    await show(issue(), { colorScheme, width: 375, styles: true, images: true });
    const view = await readerView(page);
    expect(view.overflowing, issue().label).toEqual([]);
    expect(view.scrollWidth).toBeLessThanOrEqual(view.viewportWidth);
    expect(view.failures).toEqual([]);
  });

  it('images have width and height, load from baseUrl/media/, and keep their space when blocked', async () => {
    await show(issue(), { colorScheme: 'light', width: 600, styles: true, images: true });
    const loaded = await imageBoxes(page);
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((image) => image.width === null || image.height === null).map((image) => image.src), 'images without width or height').toEqual([]);
    // Local images load from what the build published; remote ones (a fixture author's avatar) have no network here.
    const published = loaded.filter((image) => image.src.startsWith(`${issue().baseUrl}/media/`));
    expect(published.length).toBeGreaterThan(0);
    expect(published.filter((image) => !image.loaded).map((image) => image.src), 'published images that did not load').toEqual([]);
    await show(issue(), { colorScheme: 'light', width: 600, styles: true, images: false });
    const blocked = await imageBoxes(page);
    for (const [i, image] of blocked.entries()) {
      const before = loaded[i];
      // The box a blocked image keeps is the one it has loaded (its height set by attributes and styles).
      expect(image.boxHeight, `${image.src} blocked`).toBeGreaterThanOrEqual((before?.boxHeight ?? 0) * 0.95);
      expect(image.boxHeight).toBeGreaterThan(0);
    }
  });

  it.each([
    ['light, 600 px', { colorScheme: 'light', width: 600, styles: true }],
    ['dark, 375 px', { colorScheme: 'dark', width: 375, styles: true }],
    ['without <style>', { colorScheme: 'light', width: 600, styles: false }],
  ] as const)('the footer unsubscribe link is visible: %s', async (_label, view) => {
    await show(issue(), { ...view, images: false });
    const link = await unsubscribeLink(page);
    expect(link).toMatchObject({ found: true, visible: true, insideViewportWidth: true });
    expect(link.text.length).toBeGreaterThan(3);
  });
});

describe('the sample in the preview, with no network', () => {
  it('shows every image of the email, loaded from the preview server', async () => {
    const sample = issues[0];
    if (!sample) throw new Error('issue not delivered');
    const preview = await startPreview({ dir: sample.dir, configFile: path.join(sample.dir, 'digest.config.yaml') } as Workspace, NOW);
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      // Anything but the preview server itself is unreachable, as on a machine without internet.
      await tab.route(/^https?:/, (route) => (route.request().url().startsWith(preview.url) ? route.continue() : route.abort()));
      await tab.goto(`${preview.url}?week=2026-W48`);
      const frame = tab.frameLocator('#frame');
      await frame.locator('img').first().waitFor();
      const images = await frame.locator('img').evaluateAll((list) =>
        (list as HTMLImageElement[]).map((img) => ({ src: img.getAttribute('src') ?? '', loaded: img.complete && img.naturalWidth > 0 })),
      );
      expect(images.length).toBeGreaterThanOrEqual(6);
      await expect.poll(async () => (await frame.locator('img').evaluateAll((list) => (list as HTMLImageElement[]).filter((img) => !(img.complete && img.naturalWidth > 0)).map((img) => img.src)))).toEqual([]);
      expect(images.every((image) => image.src.startsWith('/media/'))).toBe(true);
    } finally {
      await context.close();
      await preview.close();
    }
  });
});
