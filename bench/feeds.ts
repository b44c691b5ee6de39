/**
 * Feed parsing benchmark: `parseFeed` (decode, sniff, feedsmith, clean every
 * item: plain-text titles and summaries, sanitised content, absolute URLs)
 * on a large RSS 2.0 and a large Atom feed generated in memory, beside the
 * floor — bare feedsmith parsing the same text — and rss-parser for comparison.
 *
 *   node --import tsx bench/feeds.ts [--items 5000] [--runs 7]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeed as feedsmithParse } from 'feedsmith';
import Parser from 'rss-parser';
import { parseFeed } from '../src/collect/feeds/parse.js';
import { median, timeRuns } from './stats.js';

/** One row of the feed benchmark (items per second, median of the runs). */
export interface FeedBenchRow {
  feed: string;
  items: number;
  kb: number;
  parseFeedPerSec: number;
  floorPerSec: number;
  /** How many times slower than the floor parseFeed is. */
  ratio: number;
  rssParserPerSec: number;
}

const START = Date.UTC(2026, 10, 30, 12);

function description(i: number): string {
  return `<p>Week ${i}: we moved <em>job ${i}</em> to the queue &amp; cut the median run from 40 to 11 minutes. <a href="/posts/${i}/details">Details</a>.</p><p>Second paragraph with a <strong>bold</strong> claim and an image <img src="/img/${i}.png" alt="chart ${i}">.</p>`;
}

function rssFeed(items: number): string {
  const entries: string[] = [];
  for (let i = 0; i < items; i++) {
    const date = new Date(START - i * 3_600_000).toUTCString();
    entries.push(
      `<item><title>Post ${i}: what we learned &amp; what we would change</title><link>https://bench.example/posts/${i}</link>` +
        `<guid isPermaLink="false">post-${i}</guid><pubDate>${date}</pubDate><author>jane@bench.example (Jane Doe)</author>` +
        `<category>Engineering</category><description><![CDATA[${description(i)}]]></description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench RSS</title><link>https://bench.example/</link><description>Bench</description>${entries.join('\n')}</channel></rss>`;
}

function atomFeed(items: number): string {
  const entries: string[] = [];
  for (let i = 0; i < items; i++) {
    const date = new Date(START - i * 3_600_000).toISOString();
    const escaped = description(i).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    entries.push(
      `<entry><title type="text">Post ${i}: what we learned</title><link rel="alternate" href="posts/${i}"/><id>tag:bench.example,2026:${i}</id>` +
        `<published>${date}</published><updated>${date}</updated><author><name>Noor Haddad</name></author>` +
        `<summary type="text">Summary of post ${i}.</summary><content type="html">${escaped}</content></entry>`,
    );
  }
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://bench.example/"><title>Bench Atom</title><link href="https://bench.example/"/><id>tag:bench.example,2026:feed</id><updated>2026-11-30T12:00:00Z</updated>${entries.join('\n')}</feed>`;
}

/** Runs the feed benchmark on an RSS 2.0 and an Atom feed of `items` items each. */
export async function runFeedBench(options: { items?: number; runs?: number } = {}): Promise<FeedBenchRow[]> {
  const count = options.items ?? 5000;
  const runs = options.runs ?? 7;
  const rssParser = new Parser();
  const rows: FeedBenchRow[] = [];
  for (const [name, text] of [
    ['RSS 2.0', rssFeed(count)],
    ['Atom 1.0', atomFeed(count)],
  ] as const) {
    // Keep every item so parseFeed cleans as many as the libraries read.
    const ours = async () => parseFeed(text, { source: 'bench', url: 'https://bench.example/feed', maxItems: count });
    const floor = async () => feedsmithParse(text);
    const theirs = () => rssParser.parseString(text);
    const parsed = await ours();
    if (parsed.items.length !== count) throw new Error(`expected ${count} items, got ${parsed.items.length}`);
    const times = { ours: [] as number[], floor: [] as number[], theirs: [] as number[] };
    // Interleave so all three see the same machine state.
    for (let i = 0; i < runs; i++) {
      const warmup = i === 0 ? 2 : 0;
      times.ours.push(...(await timeRuns(ours, 1, warmup)));
      times.floor.push(...(await timeRuns(floor, 1, warmup)));
      times.theirs.push(...(await timeRuns(theirs, 1, warmup)));
    }
    const perSec = (ms: number[]) => count / (median(ms) / 1000);
    rows.push({
      feed: name,
      items: count,
      kb: Buffer.byteLength(text) / 1024,
      parseFeedPerSec: perSec(times.ours),
      floorPerSec: perSec(times.floor),
      ratio: median(times.ours) / median(times.floor),
      rssParserPerSec: perSec(times.theirs),
    });
  }
  return rows;
}

/** Prints the feed benchmark table. */
export function printFeedBench(rows: FeedBenchRow[]): void {
  console.log('\nParse a feed (items/s, median; floor = bare feedsmith on the same text; rss-parser for comparison)');
  console.log('feed     |  items |     KB | parseFeed | floor feedsmith | ratio | rss-parser');
  for (const row of rows) {
    console.log(
      `${row.feed.padEnd(8)} | ${String(row.items).padStart(6)} | ${row.kb.toFixed(0).padStart(6)} | ${row.parseFeedPerSec.toFixed(0).padStart(9)} | ${row.floorPerSec.toFixed(0).padStart(15)} | ${row.ratio.toFixed(2).padStart(5)} | ${row.rssParserPerSec.toFixed(0).padStart(10)}`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = (name: string) => {
    const index = process.argv.indexOf(name);
    return index > 0 ? Number(process.argv[index + 1]) : undefined;
  };
  printFeedBench(await runFeedBench({ items: flag('--items'), runs: flag('--runs') }));
}
