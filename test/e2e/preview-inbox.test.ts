import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from '../../src/preview/server.js';
import { launchChromium } from '../helpers/browser.js';
import { startPreview } from '../helpers/preview.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

const NOW = '2026-11-26T12:00:00+01:00';
const LIVE_TIMEOUT = 5_000;
const ISSUE_FILE = 'content/issues/2026-W48.md';

function issueFile(subject: string, preheader: string, featured?: string): string {
  const lead = featured ? `featured: ${featured}\n` : '';
  return `---\nsubject: ${JSON.stringify(subject)}\npreheader: ${JSON.stringify(preheader)}\n${lead}---\nA short note from the editors.\n`;
}

/** What a reader sees of the inbox row: its visible text by part, and where it sits. */
async function inboxRow(page: Page) {
  return page.evaluate(() => {
    const text = (id: string) => (document.getElementById(id) as HTMLElement).innerText;
    const row = document.getElementById('inbox') as HTMLElement;
    const frame = document.getElementById('frame') as HTMLElement;
    const subject = document.getElementById('inbox-subject') as HTMLElement;
    return {
      visible: row.offsetParent !== null && row.getBoundingClientRect().height > 0,
      name: text('inbox-from-name'),
      address: text('inbox-from-address'),
      subject: text('inbox-subject'),
      preheader: text('inbox-preheader'),
      whole: row.innerText.replace(/\s+/g, ' ').trim(),
      subjectWeight: Number(getComputedStyle(subject).fontWeight),
      rowBottom: row.getBoundingClientRect().bottom,
      frameTop: frame.getBoundingClientRect().top,
      rowWidth: row.getBoundingClientRect().width,
      frameWidth: frame.getBoundingClientRect().width,
    };
  });
}

async function apiState(url: string): Promise<{ subject: string | null; preheader: string | null }> {
  const response = await fetch(`${url}api/state?week=2026-W48`);
  return (await response.json()) as { subject: string | null; preheader: string | null };
}

describe('the preview shows the email as the inbox lists it', () => {
  let ws: Workspace;
  let preview: PreviewServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-queues', { title: 'Queues in Postgres', date: '2026-11-24T09:30', author: 'ada' });
    writeArticle(ws, '2026-11-25-oncall', { title: 'On-call notes', date: '2026-11-25', author: 'lin' });
    preview = await startPreview(ws, NOW);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${preview.url}?week=2026-W48`);
    await page.waitForSelector('#inbox:not([hidden])', { timeout: LIVE_TIMEOUT });
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    ws?.remove();
  });

  it('shows From (name and address), the subject and the preheader in one row above the email', async () => {
    const row = await inboxRow(page);
    const state = await apiState(preview.url);
    expect(row.name).toBe('Test Weekly');
    expect(row.address).toBe('<news@test.example>');
    expect(state.subject).toBeTruthy();
    expect(row.subject).toBe(state.subject);
    expect(row.preheader).toBe(state.preheader);
    // One row, in the order inboxes use: sender, then subject, then preheader.
    const order = ['Test Weekly', '<news@test.example>', state.subject ?? '', state.preheader ?? ''].map((part) => row.whole.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(row.subjectWeight).toBeGreaterThanOrEqual(600);
    expect(row.rowBottom).toBeLessThanOrEqual(row.frameTop);
    expect(row.rowWidth).toBe(row.frameWidth);
  });

  it('follows the width of the mobile view', async () => {
    await page.click('[data-mode=mobile]');
    await expect.poll(async () => (await inboxRow(page)).rowWidth).toBe(375);
    await page.click('[data-mode=desktop]');
  });

  it('shows the default preheader with the titles, and updates it when an article is saved', async () => {
    expect((await inboxRow(page)).preheader).toContain('Queues in Postgres');
    writeArticle(ws, '2026-11-24-queues', { title: 'Queues in Postgres, revisited', date: '2026-11-24T09:30', author: 'ada' });
    await expect.poll(async () => (await inboxRow(page)).preheader, { timeout: LIVE_TIMEOUT }).toContain('Queues in Postgres, revisited');
  });

  it("shows the issue file's subject and preheader, and a saved change to them, as the row and the delivered email agree", async () => {
    ws.write(ISSUE_FILE, issueFile('Queues, and why we left Redis', 'Two stories from the platform team'));
    await expect.poll(async () => (await inboxRow(page)).preheader, { timeout: LIVE_TIMEOUT }).toBe('Two stories from the platform team');
    expect((await inboxRow(page)).subject).toBe('Queues, and why we left Redis');
    expect((await apiState(preview.url)).subject).toBe('Queues, and why we left Redis');

    expect(await page.locator('#inbox-source').innerText()).toBe('from content/issues/2026-W48.md');

    ws.write(ISSUE_FILE, issueFile('Redis → Postgres: the whole story', 'And on-call notes', '2026-11-25-oncall'));
    await expect.poll(async () => (await inboxRow(page)).subject, { timeout: LIVE_TIMEOUT }).toBe('Redis → Postgres: the whole story');
    expect((await inboxRow(page)).preheader).toBe('And on-call notes');
    // The article the issue file names is marked as the lead story in the list beside the email.
    const lead = page.locator('#included li', { has: page.locator('.reason.lead') });
    await expect.poll(() => lead.count()).toBe(1);
    expect(await lead.innerText()).toContain('On-call notes');
  });

  it('names the issue file and the key in the problems overlay when it is invalid, and recovers', async () => {
    ws.write(ISSUE_FILE, '---\nsubject: Fine\nsubjcet: typo\n---\n');
    await expect.poll(() => page.locator('#overlay').isVisible(), { timeout: LIVE_TIMEOUT }).toBe(true);
    expect(await page.locator('#overlay').innerText()).toMatch(/content\/issues\/2026-W48\.md:3\s+"subjcet" is not a known field/);
    fs.rmSync(path.join(ws.dir, ISSUE_FILE));
    await expect.poll(() => page.locator('#overlay').isVisible(), { timeout: LIVE_TIMEOUT }).toBe(false);
  });

  it("lists a featured value that names no article as a check naming the file and the value", async () => {
    ws.write(ISSUE_FILE, '---\nfeatured: 2026-11-24-queus\n---\n');
    await expect.poll(() => page.locator('#checks').innerText(), { timeout: LIVE_TIMEOUT }).toContain('"featured" names "2026-11-24-queus"');
    expect(await page.locator('#checks').innerText()).toContain('content/issues/2026-W48.md:2');
    expect(await page.locator('#overlay').isVisible()).toBe(false);
    fs.rmSync(path.join(ws.dir, ISSUE_FILE));
  });
});
