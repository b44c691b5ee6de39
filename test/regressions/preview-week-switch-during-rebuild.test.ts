import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from '../../src/preview/server.js';
import { launchChromium } from '../helpers/browser.js';
import { startPreview } from '../helpers/preview.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

// A rebuild that finished after the editor picked another week switched the
// page back to the old week.
describe('picking a week while a rebuild is in flight', () => {
  let ws: Workspace;
  let server: PreviewServer;
  let browser: Browser;

  beforeAll(async () => {
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-a', { title: 'This week', date: '2026-11-24', author: 'ada' });
    writeArticle(ws, '2026-12-01-b', { title: 'Next week', date: '2026-12-01', author: 'ada' });
    server = await startPreview(ws, '2026-11-26T12:00:00+01:00');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    ws?.remove();
  });

  it('keeps the week the editor picked', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await expect.poll(() => page.locator('#issue').innerText()).toContain('2026-W48');

    // Hold back the rebuild of the current week so the editor's click lands while it is in flight.
    let delayed = 0;
    await page.route(/\/api\/state(\?week=2026-W48)?$/, async (route) => {
      delayed++;
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    writeArticle(ws, '2026-11-24-a', { title: 'This week, edited', date: '2026-11-24', author: 'ada' });
    await expect.poll(() => delayed, { timeout: 5_000 }).toBeGreaterThan(0);
    await page.click('#next');

    await expect.poll(() => page.locator('#issue').innerText(), { timeout: 5_000 }).toContain('2026-W49');
    await page.waitForTimeout(1_200);
    expect(await page.locator('#issue').innerText()).toContain('2026-W49');
    expect(await page.locator('#included').innerText()).toContain('Next week');
  });
});
