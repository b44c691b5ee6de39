/**
 * What the checks of the email cost, for a week of 10 and of 50 articles,
 * beside the floor (a bare `mjml2html` of the same MJML): the checks every
 * build runs (contrast, alt text, links, headers) and client support, which
 * only `digest check` runs (caniemail plus the MJML skeleton's compile).
 *
 *   node --import tsx bench/checks.ts [--runs 9]
 */
import fs from 'node:fs';
import mjml2html from 'mjml';
import { checkClientSupport } from '../src/checks/client-support.js';
import { checkEmail } from '../src/checks/email.js';
import { mjmlSkeleton } from '../src/checks/mjml-skeleton.js';
import { parseConfig } from '../src/config/load.js';
import { buildIssue } from '../src/pipeline/build-step.js';
import { compileMjml } from '../src/render/mjml.js';
import { weekWindow } from '../src/util/week.js';
import { makeWorkspace } from './build.js';
import { median, timeRuns } from './stats.js';

/** One row of the checks benchmark: medians in ms and their ratios to the floor. */
export interface ChecksBenchRow {
  articles: number;
  floorMs: number;
  emailChecksMs: number;
  clientSupportMs: number;
}

/** Runs the checks benchmark for each article count. */
export async function runChecksBench(options: { counts?: number[]; runs?: number } = {}): Promise<ChecksBenchRow[]> {
  const rows: ChecksBenchRow[] = [];
  for (const count of options.counts ?? [10, 50]) {
    const { dir, configFile } = makeWorkspace(count);
    try {
      const config = parseConfig(fs.readFileSync(configFile, 'utf8'), configFile);
      const built = await buildIssue(config, weekWindow('2026-W48', config.timezone), { secret: 'bench-secret-0123456789', now: new Date('2026-11-30T07:00:00Z') });
      const { rendered, sampleHtml } = built;
      if (!rendered || sampleHtml === undefined) throw new Error(`expected ${count} articles`);
      const runs = options.runs ?? 9;
      const floor = () => mjml2html(rendered.mjml, { validationLevel: 'strict', keepComments: false, minify: true, minifyOptions: { minifyCss: false }, fonts: {} });
      const email = async () => checkEmail({ html: sampleHtml, headers: {} }, config.theme.accent);
      const clients = async () => {
        const skeleton = await compileMjml(mjmlSkeleton(rendered.mjml), 'skeleton');
        return checkClientSupport({ html: sampleHtml, skeletonHtml: skeleton.html, clients: config.check.clients, templateFiles: [] });
      };
      rows.push({
        articles: count,
        floorMs: median(await timeRuns(floor, runs)),
        emailChecksMs: median(await timeRuns(email, runs)),
        clientSupportMs: median(await timeRuns(clients, runs)),
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** Prints the rows as a table. */
export function printChecksBench(rows: readonly ChecksBenchRow[]): void {
  console.log('\nEmail checks (median ms; × = share of a bare mjml2html of the same MJML)');
  console.log('articles  mjml2html  build checks      client support (check only)');
  for (const row of rows) {
    const ratio = (ms: number) => `${ms.toFixed(0)} ms (${(ms / row.floorMs).toFixed(2)}×)`;
    console.log(`${String(row.articles).padEnd(10)}${`${row.floorMs.toFixed(0)} ms`.padEnd(11)}${ratio(row.emailChecksMs).padEnd(18)}${ratio(row.clientSupportMs)}`);
  }
}

if (process.argv[1]?.endsWith('checks.ts')) {
  const runsArg = process.argv.indexOf('--runs');
  printChecksBench(await runChecksBench({ runs: runsArg > 0 ? Number(process.argv[runsArg + 1]) : undefined }));
}
