/**
 * Build-time benchmark: a whole `digest build` (collect, summarise, render,
 * MJML, personalise for the sample reader, write the files) for a week of 10
 * and of 50 articles, beside the floor — a bare `mjml2html` of the same MJML
 * with the same options.
 *
 *   node --import tsx bench/build.ts [--runs 15]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mjml2html from 'mjml';
import { parseConfig } from '../src/config/load.js';
import { weekWindow } from '../src/util/week.js';
import { buildIssue } from '../src/pipeline/build-step.js';
import { median, timeRuns } from './stats.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEEK = '2026-W48';

/** One row of the build benchmark. */
export interface BuildBenchRow {
  articles: number;
  buildMs: number;
  floorMs: number;
  ratio: number;
  htmlKb: number;
}

const PARAGRAPHS = [
  'We moved the nightly reconciliation job from a cron box to the queue workers. The change removed a single point of failure that had paged us four times this quarter. It also cut the median run time from forty minutes to eleven.',
  'The first attempt failed because the workers shared a connection pool with the web tier. Under load, web requests starved the job of connections and the job retried itself into a storm. We gave it its own pool with a hard cap.',
  'What we would do differently: measure first. Two of the three optimisations we planned turned out to be noise once we had real traces, and the one that mattered was a missing index nobody suspected.',
];

/** A workspace with a week of `articles` articles by the sample authors. */
export function makeWorkspace(articles: number): { dir: string; configFile: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-bench-'));
  fs.cpSync(path.join(REPO_ROOT, 'content', 'authors'), path.join(dir, 'content', 'authors'), { recursive: true });
  const authors = fs.readdirSync(path.join(dir, 'content', 'authors')).map((name) => name.replace(/\.md$/, ''));
  fs.mkdirSync(path.join(dir, 'content', 'articles'), { recursive: true });
  for (let i = 0; i < articles; i++) {
    const day = 23 + (i % 7);
    const body = [`## Part ${i + 1}`, ...PARAGRAPHS.map((p, n) => `${p} (Note ${i}.${n}.)`)].join('\n\n');
    fs.writeFileSync(
      path.join(dir, 'content', 'articles', `2026-11-${day}-article-${i}.md`),
      `---\ntitle: "Article ${i}: what we learned moving job ${i} to the queue"\ndate: 2026-11-${day}T${String(8 + (i % 10)).padStart(2, '0')}:00\nauthor: ${authors[i % authors.length]}\nsection: Engineering\n---\n${body}\n`,
    );
  }
  const configFile = path.join(dir, 'digest.config.yaml');
  fs.writeFileSync(
    configFile,
    'newsletter:\n  name: Bench Weekly\n  from: "Bench <bench@example.com>"\n  baseUrl: https://bench.example.com\ntimezone: Europe/Berlin\ndataDir: ./data\n',
  );
  return { dir, configFile };
}

/** Runs the build benchmark for each article count. */
export async function runBuildBench(options: { counts?: number[]; runs?: number } = {}): Promise<BuildBenchRow[]> {
  const rows: BuildBenchRow[] = [];
  for (const count of options.counts ?? [10, 50]) {
    const { dir, configFile } = makeWorkspace(count);
    try {
      const config = parseConfig(fs.readFileSync(configFile, 'utf8'), configFile);
      const week = weekWindow(WEEK, config.timezone);
      const now = new Date('2026-11-30T07:00:00Z');
      const build = () => buildIssue(config, week, { secret: 'bench-secret-0123456789', now });
      const built = await build();
      if (!built.rendered || built.issue.articles.length !== count) throw new Error(`expected ${count} articles`);
      const mjml = built.rendered.mjml;
      const floor = () =>
        mjml2html(mjml, { validationLevel: 'strict', keepComments: false, minify: true, minifyOptions: { minifyCss: false }, fonts: {} });
      const runs = options.runs ?? 15;
      // Interleave so both see the same machine state.
      const buildTimes: number[] = [];
      const floorTimes: number[] = [];
      for (let i = 0; i < runs; i++) {
        buildTimes.push(...(await timeRuns(build, 1, i === 0 ? 2 : 0)));
        floorTimes.push(...(await timeRuns(floor, 1, i === 0 ? 2 : 0)));
      }
      const buildMs = median(buildTimes);
      const floorMs = median(floorTimes);
      rows.push({ articles: count, buildMs, floorMs, ratio: buildMs / floorMs, htmlKb: built.htmlBytes / 1024 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** Prints the build benchmark table. */
export function printBuildBench(rows: BuildBenchRow[]): void {
  console.log('\nBuild an issue (median ms; floor = bare mjml2html of the same MJML, same options)');
  console.log('articles | digest build | floor mjml2html | ratio | HTML KB');
  for (const row of rows) {
    console.log(
      `${String(row.articles).padStart(8)} | ${row.buildMs.toFixed(1).padStart(12)} | ${row.floorMs.toFixed(1).padStart(15)} | ${row.ratio.toFixed(2).padStart(5)} | ${row.htmlKb.toFixed(1).padStart(7)}`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : undefined;
  printBuildBench(await runBuildBench({ runs }));
}
