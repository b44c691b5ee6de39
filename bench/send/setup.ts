/**
 * What the send benchmark and its RSS child share: the repo's sample issue
 * compiled once, a temp store with N subscribers, and the sink process.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { weekWindow } from '../../src/util/week.js';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { compileIssue } from '../../src/pipeline/compile.js';
import { openStore, type Store } from '../../src/store/db.js';
import { saveIssue } from '../../src/store/issues.js';
import { upsertSubscribers, type SubscriberInput } from '../../src/store/subscribers.js';
import type { RenderedIssue, Subscriber } from '../../src/types.js';
import type { SinkRequest, SinkStats } from './sink.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEEK = '2026-W48';
/** The Monday after 2026-W48, when the sample schedule sends it. */
export const NOW = new Date('2026-11-30T07:00:00Z');
export const SECRET = 'bench-secret-0123456789abcdef';
/** Pooled SMTP connections on both sides of the comparison (the `sending.connections` default). */
export const CONNECTIONS = 5;

/**
 * The repo's `digest.config.yaml` (content/ and templates/ of the repo) with
 * `dataDir` moved to `dataDir`, so nothing under the repo's `.digest` is touched.
 */
export function benchConfig(dataDir: string): Config {
  const file = path.join(REPO_ROOT, 'digest.config.yaml');
  return { ...parseConfig(fs.readFileSync(file, 'utf8'), file), dataDir };
}

/** The compiled sample issue and what `saveIssue` records about it. */
export interface SampleIssue {
  rendered: RenderedIssue;
  articleCount: number;
  /** Bytes of the sample reader's HTML. */
  htmlBytes: number;
}

/** Compiles the sample week once, in memory (`compileIssue` writes no files). */
export async function compileSampleIssue(config: Config): Promise<SampleIssue> {
  const compiled = await compileIssue(config, weekWindow(WEEK, config.timezone), { secret: SECRET });
  if (!compiled.rendered) throw new Error(`week ${WEEK} of the sample content has no articles`);
  return { rendered: compiled.rendered, articleCount: compiled.issue.articles.length, htmlBytes: compiled.htmlBytes };
}

/** The i-th (1-based) benchmark subscriber, as imported. */
export function subscriberInput(i: number): SubscriberInput {
  return { email: `reader-${i}@bench.example`, name: `Reader ${i} Example` };
}

/** The first subscriber as stored (id 1): the recipient of the floor's pre-built message. */
export function firstSubscriber(): Subscriber {
  const { email, name } = subscriberInput(1);
  return { id: 1, email, name: name ?? null, status: 'active' };
}

/**
 * Opens a store in `dataDir`, imports `count` subscribers (in chunks, so the
 * import itself does not hold the whole list in memory) and records the issue.
 */
export function createSubscriberStore(dataDir: string, count: number, sample: SampleIssue, config: Config): Store {
  const store = openStore(dataDir);
  const chunk = 5_000;
  for (let from = 1; from <= count; from += chunk) {
    const rows = Array.from({ length: Math.min(chunk, count - from + 1) }, (_, k) => subscriberInput(from + k));
    upsertSubscribers(store, rows, NOW);
  }
  const week = weekWindow(WEEK, config.timezone);
  saveIssue(
    store,
    {
      id: sample.rendered.issueId,
      weekStart: week.start,
      weekEnd: week.end,
      subject: sample.rendered.subject,
      articleCount: sample.articleCount,
      htmlBytes: sample.htmlBytes,
    },
    NOW,
  );
  return store;
}

/**
 * CPU time used by the whole machine so far (all cores, every process), from
 * /proc/stat; undefined off Linux. A run compares it with its own and the
 * sink's CPU to show how much else was running meanwhile.
 */
export function machineBusyMs(): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync('/proc/stat', 'utf8');
  } catch {
    // Not Linux: the "other load" column shows n/a.
    return undefined;
  }
  const ticks = (stat.split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …: everything but idle and iowait is busy.
  const busy = ticks.reduce((sum, value, i) => (i === 3 || i === 4 ? sum : sum + value), 0);
  return (busy * 1000) / 100; // USER_HZ is 100 on Linux
}

/** The sink child process, seen from the parent. */
export interface SinkProcess {
  url: string;
  stats(): Promise<SinkStats>;
  stop(): Promise<void>;
}

/** Starts `bench/send/sink.ts` in its own process and waits for its port. */
export async function startSinkProcess(): Promise<SinkProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'bench', 'send', 'sink.ts')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output = child.stdout;
  if (!output) throw new Error('the sink has no stdout');
  const port = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: output });
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the sink exited (code ${code}) before listening`)));
  });
  const request = (message: SinkRequest) => child.send(message);
  return {
    url: `smtp://127.0.0.1:${port}`,
    stats: () =>
      new Promise<SinkStats>((resolve) => {
        child.once('message', (reply: SinkStats) => resolve(reply));
        request({ type: 'stats' });
      }),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
