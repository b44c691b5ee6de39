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
import { generateWeek } from './generate-week.js';
import { median, timeRuns } from './stats.js';

const WEEK = '2026-W48';

/** One row of the build benchmark. */
export interface BuildBenchRow {
  articles: number;
  buildMs: number;
  floorMs: number;
  ratio: number;
  /** Bytes of the HTML part as the sample reader gets it. */
  htmlBytes: number;
  /** {@link htmlBytes} over the articles of the issue. */
  bytesPerArticle: number;
}

/** A workspace with a generated week of `articles` articles. */
export function makeWorkspace(articles: number): { dir: string; configFile: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-bench-'));
  generateWeek(path.join(dir, 'content'), articles);
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
      if (!built.rendered) throw new Error(`the generated week of ${count} articles did not render`);
      // Fitting to the size budget may move articles out of the email; bytes per article count those in it.
      const inIssue = built.issue.articles.length;
      if (inIssue !== count) console.log(`note: ${count} generated articles, ${inIssue} in the issue`);
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
      const htmlBytes = Buffer.byteLength(built.sampleHtml ?? built.rendered.html);
      rows.push({ articles: count, buildMs, floorMs, ratio: buildMs / floorMs, htmlBytes, bytesPerArticle: htmlBytes / Math.max(inIssue, 1) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** Prints the build benchmark table. */
export function printBuildBench(rows: BuildBenchRow[]): void {
  console.log('\nBuild an issue (median ms; floor = bare mjml2html of the same MJML, same options)');
  console.log('articles | digest build | floor mjml2html | ratio | HTML KB | bytes/article');
  for (const row of rows) {
    console.log(
      `${String(row.articles).padStart(8)} | ${row.buildMs.toFixed(1).padStart(12)} | ${row.floorMs.toFixed(1).padStart(15)} | ${row.ratio.toFixed(2).padStart(5)} | ${(row.htmlBytes / 1024).toFixed(1).padStart(7)} | ${row.bytesPerArticle.toFixed(0).padStart(13)}`,
    );
  }
  for (const row of rows) {
    if (row.ratio > 2) console.log(`warning: building ${row.articles} articles takes ${row.ratio.toFixed(2)}× a bare mjml2html (aim: at most 2×)`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : undefined;
  printBuildBench(await runBuildBench({ runs }));
}
