/**
 * Preview benchmark: how long after an editor saves an article the preview
 * shows it, for a week of 10 and of 50 articles. Three measurements per save:
 * the new title in the real page (sidebar and email frame, Chromium), the
 * server-sent `change` event (node client, no browser), and the floor — a
 * bare `session.invalidate` + `snapshot` of the same issue in-process (the
 * rebuild the server must do, without watching, HTTP, SSE or a browser).
 *
 *   node --import tsx bench/preview.ts [--saves 20]
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DigestError } from '../src/errors.js';
import { clockFrom } from '../src/pipeline/clock.js';
import { silentLog } from '../src/pipeline/log.js';
import { CHROMIUM_ARGS, findChromium } from '../src/preview/screenshot.js';
import { startPreviewServer } from '../src/preview/server.js';
import { PreviewSession } from '../src/preview/session.js';
import { median, percentile, timeRuns } from './stats.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEEK = '2026-W48';
/** Friday of 2026-W48 in Berlin: the preview's upcoming week is the benchmarked one. */
const NOW = new Date('2026-11-27T12:00:00+01:00');
/** Gap after each save so the next one is a separate file event (the server debounces 30 ms). */
const SETTLE_MS = 150;
const WARMUP = 2;
const TIMEOUT_MS = 15_000;

/** One row of the preview benchmark (milliseconds). */
export interface PreviewBenchRow {
  articles: number;
  saves: number;
  /** Save → new title in the page; undefined when no Chromium was found. */
  pageP50?: number;
  pageP95?: number;
  sseP50: number;
  sseP95: number;
  floorP50: number;
  pageRatio?: number;
  sseRatio: number;
  /** `change` events per save: 1 expected; more means a save refreshed twice, fewer that saves were merged or missed. */
  changeEventsPerSave: number;
}

const PARAGRAPHS = [
  'We moved the nightly reconciliation job from a cron box to the queue workers. The change removed a single point of failure that had paged us four times this quarter. It also cut the median run time from forty minutes to eleven.',
  'The first attempt failed because the workers shared a connection pool with the web tier. Under load, web requests starved the job of connections and the job retried itself into a storm. We gave it its own pool with a hard cap.',
  'What we would do differently: measure first. Two of the three optimisations we planned turned out to be noise once we had real traces, and the one that mattered was a missing index nobody suspected.',
];

interface Workspace {
  dir: string;
  configFile: string;
  /** The article every save rewrites (the first of the week). */
  edited: string;
  /** Rewrites the edited article with a new title, as an editor's save does. */
  save(title: string): void;
}

function articleText(i: number, title: string, author: string): string {
  const day = 23 + (i % 7);
  const body = [`## Part ${i + 1}`, ...PARAGRAPHS.map((p, n) => `${p} (Note ${i}.${n}.)`)].join('\n\n');
  return `---\ntitle: "${title}"\ndate: 2026-11-${day}T${String(8 + (i % 10)).padStart(2, '0')}:00\nauthor: ${author}\nsection: Engineering\n---\n${body}\n`;
}

/** The same workspace as bench/build.ts: the repo's authors and `articles` generated articles in 2026-W48. */
function makeWorkspace(articles: number): Workspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-bench-preview-'));
  fs.cpSync(path.join(REPO_ROOT, 'content', 'authors'), path.join(dir, 'content', 'authors'), { recursive: true });
  const authors = fs.readdirSync(path.join(dir, 'content', 'authors')).map((name) => name.replace(/\.md$/, ''));
  const authorOf = (i: number) => authors[i % authors.length] ?? 'nobody';
  const fileOf = (i: number) => path.join(dir, 'content', 'articles', `2026-11-${23 + (i % 7)}-article-${i}.md`);
  fs.mkdirSync(path.join(dir, 'content', 'articles'), { recursive: true });
  for (let i = 0; i < articles; i++) {
    fs.writeFileSync(fileOf(i), articleText(i, `Article ${i}: what we learned moving job ${i} to the queue`, authorOf(i)));
  }
  const configFile = path.join(dir, 'digest.config.yaml');
  fs.writeFileSync(
    configFile,
    'newsletter:\n  name: Bench Weekly\n  from: "Bench <bench@example.com>"\n  baseUrl: https://bench.example.com\ntimezone: Europe/Berlin\ndataDir: ./data\n',
  );
  const edited = fileOf(0);
  return { dir, configFile, edited, save: (title) => fs.writeFileSync(edited, articleText(0, title, authorOf(0))) };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A node client of `/events` that timestamps every `change` event. */
interface EventStream {
  changes: number[];
  /** Resolves once `count` change events have arrived. */
  waitForChanges(count: number): Promise<void>;
  close(): void;
}

function openEvents(serverUrl: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const changes: number[] = [];
    let notify = () => {};
    const request = http.get(new URL('events', serverUrl), (response) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: hello$/m.test(message)) resolve(stream);
          if (/^event: change$/m.test(message)) {
            changes.push(performance.now());
            notify();
          }
        }
      });
    });
    request.on('error', reject);
    const stream: EventStream = {
      changes,
      waitForChanges: (count) =>
        new Promise((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`no change event within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
          notify = () => {
            if (changes.length < count) return;
            clearTimeout(timer);
            done();
          };
          notify();
        }),
      close: () => request.destroy(),
    };
  });
}

/** Waits until `title` shows in the sidebar's article list and in the email frame. */
async function waitForTitle(page: Page, title: string): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const list = document.querySelector<HTMLElement>('#included');
      const frame = document.querySelector<HTMLIFrameElement>('#frame');
      return Boolean(list?.innerText.includes(wanted) && frame?.contentDocument?.body?.innerText.includes(wanted));
    },
    title,
    { timeout: TIMEOUT_MS },
  );
}

/** The Chromium to drive, or undefined (with a message) when none is installed. */
function chromiumPath(): string | undefined {
  try {
    return findChromium(process.env);
  } catch (error) {
    if (!(error instanceof DigestError)) throw error;
    console.log(`Preview bench: ${error.message}; skipping save → page (${error.hint ?? ''})`);
    return undefined;
  }
}

/** Runs the preview benchmark for each article count. */
export async function runPreviewBench(options: { counts?: number[]; saves?: number } = {}): Promise<PreviewBenchRow[]> {
  const saves = options.saves ?? 20;
  const executablePath = chromiumPath();
  const rows: PreviewBenchRow[] = [];
  let browser: Browser | undefined;
  let titles = 0;
  // "Edited title 1." is not part of "Edited title 12.", so a stale title never matches.
  const nextTitle = () => `Edited title ${++titles}.`;
  try {
    if (executablePath) browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    for (const count of options.counts ?? [10, 50]) {
      const workspace = makeWorkspace(count);
      const clock = clockFrom(NOW);
      const session = new PreviewSession(workspace.configFile, workspace.dir, clock, {});
      const server = await startPreviewServer({ session, host: '127.0.0.1', port: 0, clock, env: {}, log: silentLog });
      let events: EventStream | undefined;
      try {
        const first = await session.snapshot(WEEK);
        if (!first.rendered || first.articles.length !== count) throw new Error(`expected ${count} articles: ${JSON.stringify(first.problems)}`);

        // 1. Save → new title in the real page (its own SSE client triggers the rebuild).
        const pageTimes: number[] = [];
        if (browser) {
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          try {
            // Author avatars are remote: block them so no run waits on the network.
            await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
            const page = await context.newPage();
            await page.goto(server.url);
            await waitForTitle(page, first.articles[0]?.title ?? '');
            for (let i = -WARMUP; i < saves; i++) {
              const title = nextTitle();
              const [ms = 0] = await timeRuns(
                () => {
                  workspace.save(title);
                  return waitForTitle(page, title);
                },
                1,
                0,
              );
              if (i >= 0) pageTimes.push(ms);
              await sleep(SETTLE_MS);
            }
          } finally {
            await context.close();
          }
        }

        // 2 and 3, interleaved so both see the same machine state; no browser is connected now.
        events = await openEvents(server.url);
        const sseTimes: number[] = [];
        const floorTimes: number[] = [];
        let measuredFrom = 0;
        for (let i = -WARMUP; i < saves; i++) {
          if (i === 0) measuredFrom = events.changes.length;
          const before = events.changes.length;
          const start = performance.now();
          workspace.save(nextTitle());
          await events.waitForChanges(before + 1);
          if (i >= 0) sseTimes.push((events.changes[before] ?? start) - start);
          await sleep(SETTLE_MS);

          // The floor: a changed file, then only the rebuild (the watcher has had its turn during the sleep).
          const title = nextTitle();
          workspace.save(title);
          await sleep(SETTLE_MS);
          let snapshot = first;
          const [ms = 0] = await timeRuns(
            async () => {
              session.invalidate([workspace.edited]);
              snapshot = await session.snapshot(WEEK);
            },
            1,
            0,
          );
          if (!snapshot.articles.some((article) => article.title === title)) throw new Error('the floor rebuild missed the saved title');
          if (i >= 0) floorTimes.push(ms);
        }
        // Each measured save is followed by a floor save, which the watcher broadcasts too.
        const changeEventsPerSave = (events.changes.length - measuredFrom) / (2 * saves);
        const floorP50 = median(floorTimes);
        const pageP50 = pageTimes.length ? median(pageTimes) : undefined;
        const sseP50 = median(sseTimes);
        rows.push({
          articles: count,
          saves,
          pageP50,
          pageP95: pageTimes.length ? percentile(pageTimes, 95) : undefined,
          sseP50,
          sseP95: percentile(sseTimes, 95),
          floorP50,
          pageRatio: pageP50 === undefined ? undefined : pageP50 / floorP50,
          sseRatio: sseP50 / floorP50,
          changeEventsPerSave,
        });
      } finally {
        events?.close();
        await server.close();
        fs.rmSync(workspace.dir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser?.close();
  }
  return rows;
}

/** Prints the preview benchmark table. */
export function printPreviewBench(rows: PreviewBenchRow[]): void {
  const ms = (value: number | undefined, width: number) => (value === undefined ? 'n/a' : value.toFixed(1)).padStart(width);
  const ratio = (value: number | undefined, width: number) => (value === undefined ? 'n/a' : value.toFixed(2)).padStart(width);
  console.log(`\nPreview: save an article → refresh (ms over ${rows[0]?.saves ?? 0} saves; floor = session.invalidate + snapshot, no watcher/HTTP/SSE/browser)`);
  console.log('articles | page p50 | page p95 | SSE p50 | SSE p95 | floor p50 | page/floor | SSE/floor');
  for (const row of rows) {
    console.log(
      `${String(row.articles).padStart(8)} | ${ms(row.pageP50, 8)} | ${ms(row.pageP95, 8)} | ${ms(row.sseP50, 7)} | ${ms(row.sseP95, 7)} | ${ms(row.floorP50, 9)} | ${ratio(row.pageRatio, 10)} | ${ratio(row.sseRatio, 9)}`,
    );
  }
  const odd = rows.filter((row) => row.changeEventsPerSave !== 1);
  for (const row of odd) console.log(`note: ${row.articles} articles: ${row.changeEventsPerSave.toFixed(2)} change events per save (1 expected)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const savesFlag = process.argv.indexOf('--saves');
  const saves = savesFlag > 0 ? Number(process.argv[savesFlag + 1]) : undefined;
  printPreviewBench(await runPreviewBench({ saves }));
}
