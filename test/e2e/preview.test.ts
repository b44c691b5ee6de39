import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { freePort } from '../helpers/ports.js';
import { listeningAddresses, startDigest, type RunningDigest } from '../helpers/process.js';
import { articleText, createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

const NOW = '2026-11-26T12:00:00+01:00';
const LIVE_TIMEOUT = 5_000;

/** Visible text of the page and of every frame in it. */
async function visibleText(page: Page): Promise<string> {
  const parts: string[] = [];
  for (const frame of page.frames()) parts.push(await frameText(frame));
  return parts.join('\n');
}

async function frameText(frame: Frame): Promise<string> {
  return frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
}

/** Waits until `text` is (or is no longer) visible anywhere on the page; fails after 5 s. */
async function waitForText(page: Page, text: string, present = true): Promise<void> {
  const deadline = Date.now() + LIVE_TIMEOUT;
  while ((await visibleText(page)).includes(text) !== present) {
    if (Date.now() > deadline) throw new Error(`"${text}" ${present ? 'did not appear' : 'did not go away'} within ${LIVE_TIMEOUT} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('digest preview in a real Chromium', () => {
  let ws: Workspace;
  let preview: RunningDigest;
  let browser: Browser;
  let page: Page;
  let port: number;
  let url: string;

  beforeAll(async () => {
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-queues', { title: 'Queues in Postgres', date: '2026-11-24T09:30', author: 'ada', section: 'Data' });
    writeArticle(ws, '2026-11-25-oncall', { title: 'On-call notes', date: '2026-11-25', author: 'lin' });
    writeArticle(ws, '2026-11-26-draft', { title: 'Half-written thoughts', date: '2026-11-26', author: 'lin', draft: true });
    writeArticle(ws, '2026-11-10-old', { title: 'An older post', date: '2026-11-10', author: 'ada' });
    writeArticle(ws, '2026-12-02-next', { title: 'Next week already', date: '2026-12-02', author: 'ada' });
    port = await freePort();
    preview = startDigest(['preview', '--config', ws.configFile, '--now', NOW, '--port', String(port)], { cwd: ws.dir });
    url = (await preview.waitFor(/(http:\/\/127\.0\.0\.1:\d+\/)/))[1]!;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await waitForText(page, 'Queues in Postgres');
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    ws?.remove();
  });

  it('serves on 127.0.0.1 only, at the given port', () => {
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    expect(listeningAddresses(port)).toEqual(['127.0.0.1']);
  });

  it('shows the upcoming issue: its titles inside the email frame, its size in KB, and why others are left out', async () => {
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    const emailText = await frameText(frame!);
    expect(emailText).toContain('Queues in Postgres');
    expect(emailText).toContain('On-call notes');
    expect(emailText).toContain('Hi Alex,');
    const text = await visibleText(page);
    // The meter measures against size.budget (default 95 KB), with Gmail's clip point as context.
    expect(text).toMatch(/\d+\.\d KB of 95 KB budget · Gmail clips at 102 KB/);
    expect(text).toContain('Issue 2026-W48');
    expect(text).toMatch(/draft\s*Half-written thoughts/i);
    expect(text).toMatch(/before the week\s*An older post/i);
    expect(text).toMatch(/after the week\s*Next week already/i);
  });

  it('switches to the mobile width and the plain-text part', async () => {
    await page.click('[data-mode=mobile]');
    expect(await page.locator('#frame').evaluate((frame) => frame.getBoundingClientRect().width)).toBe(375);
    await page.click('[data-mode=text]');
    await expect.poll(() => page.locator('#text').innerText()).toContain('Read more: https://news.test.example/queues');
    await page.click('[data-mode=desktop]');
    expect(await page.locator('#frame').evaluate((frame) => frame.getBoundingClientRect().width)).toBeGreaterThanOrEqual(600);
  });

  it('shows a saved title change within 5 s, keeping the chosen width and the scroll position', async () => {
    await page.click('[data-mode=mobile]');
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame())!;
    await frame.evaluate(() => window.scrollTo(0, 400));
    const before = await frame.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(0);

    writeArticle(ws, '2026-11-24-queues', { title: 'Queues in Postgres, revisited', date: '2026-11-24T09:30', author: 'ada', section: 'Data' });
    await waitForText(page, 'Queues in Postgres, revisited');

    expect(await page.locator('#frame').evaluate((element) => element.getBoundingClientRect().width)).toBe(375);
    const after = page.frames().find((candidate) => candidate !== page.mainFrame())!;
    await expect.poll(() => after.evaluate(() => window.scrollY)).toBe(before);
    await page.click('[data-mode=desktop]');
  });

  it('shows an error naming the file for invalid front matter, and recovers when it is fixed', async () => {
    const file = path.join(ws.dir, 'content/articles/2026-11-25-oncall.md');
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, '---\ntitle: "On-call notes\ndate: 2026-11-25\n---\nBody.\n');
    try {
      await expect.poll(() => page.locator('#overlay').isVisible(), { timeout: LIVE_TIMEOUT }).toBe(true);
      expect(await page.locator('#overlay').innerText()).toMatch(/content\/articles\/2026-11-25-oncall\.md:\d+/);
    } finally {
      fs.writeFileSync(file, good);
    }
    await expect.poll(() => page.locator('#overlay').isVisible(), { timeout: LIVE_TIMEOUT }).toBe(false);
    await waitForText(page, 'On-call notes');
  });

  it('moves between weeks with the week picker', async () => {
    await page.click('#next');
    await waitForText(page, 'Issue 2026-W49');
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame())!;
    await expect.poll(() => frameText(frame)).toContain('Next week already');
    await page.click('#today');
    await waitForText(page, 'Issue 2026-W48');
  });

  it('sends a [TEST] copy to one address through the capture server, lists it in the outbox, and leaves the ledger alone', async () => {
    await page.fill('#test-to', 'editor@example.com');
    await page.click('#test-form button');
    await expect.poll(() => page.locator('#test-result').innerText(), { timeout: 10_000 }).toMatch(/Sent \[TEST\] to editor@example\.com/);
    const dir = path.join(ws.dataDir, 'test-sends', '2026-W48');
    expect(fs.readdirSync(dir)).toEqual(['editor@example.com.eml']);
    const mail = await simpleParser(fs.readFileSync(path.join(dir, 'editor@example.com.eml')));
    expect(mail.subject).toBe('[TEST] Test Weekly · Nov 23 – 29, 2026');
    expect(fs.existsSync(path.join(ws.dataDir, 'outbox'))).toBe(false);

    await expect.poll(() => page.locator('#outbox').innerText()).toContain('editor@example.com');
    await page.click('#outbox li');
    await expect.poll(() => page.locator('#message-subject').innerText()).toMatch(/^\[TEST\] Test Weekly/);
    await page.click('[data-part=headers]');
    await expect.poll(() => page.locator('#message-body').innerText()).toContain('List-Unsubscribe-Post');
    await page.click('#close-message');
  });

  it('renders the checks panel', async () => {
    writeArticle(ws, '2026-11-27-noauthor', {
      title: 'No author here',
      date: '2026-11-27',
      body: 'A post that links to [a missing page](./missing.md) and has more prose after it so that a summary exists.',
    });
    await waitForText(page, 'No author here');
    const checks = await page.locator('#checks').innerText();
    expect(checks).toMatch(/missing-author/);
    expect(checks).toMatch(/broken-link/);
    fs.rmSync(path.join(ws.dir, 'content/articles/2026-11-27-noauthor.md'));
    await waitForText(page, 'No author here', false);
  });
});

describe('digest preview --screenshot', () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = createWorkspace();
    ws.write('content/articles/2026-11-24-a.md', articleText({ title: 'Screenshot me', date: '2026-11-24', author: 'lin' }));
  });
  afterAll(() => ws.remove());

  it('writes a PNG of the upcoming issue at the given width and exits', async () => {
    const run = startDigest(['preview', '--screenshot', 'shot.png', '--width', '375', '--now', NOW], { cwd: ws.dir });
    await run.waitFor(/Wrote shot\.png/, 60_000).catch((error) => {
      throw new Error(`${error}\n${run.output()}`);
    });
    if (run.child.exitCode === null) await new Promise((resolve) => run.child.once('exit', resolve));
    expect(run.child.exitCode).toBe(0);
    const png = fs.readFileSync(path.join(ws.dir, 'shot.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(375);
    expect(png.readUInt32BE(20)).toBeGreaterThan(400);
  });
});
