/**
 * The memory half of the send benchmark: peak RSS of a real `digest run` —
 * the compiled CLI (dist/cli.js) in a process of its own, as an operator's
 * scheduler starts it — building the sample week and sending it to N
 * subscribers through the sink.
 *
 * The run's RSS is read from /proc/<pid>/status every 50 ms from outside the
 * process (so measuring costs it nothing), split into the build and the send
 * at the CLI's "Sending …" line, and checked against the kernel's own
 * high-water mark (VmHWM) for the whole process.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { REPO_ROOT, SECRET, type SinkProcess } from './setup.js';

/** One memory run (bytes and seconds). */
export interface RssResult {
  subscribers: number;
  /** Distinct sets of sections the subscribers read (1: everyone reads everything). */
  sectionSets: number;
  /** Accepted by the sink, as the run reports it. */
  sent: number;
  /** Messages the sink counted during the run. */
  sinkCounted: number;
  seconds: number;
  /** Highest sampled RSS before sending started (the build, in its worker thread). */
  buildPeakRss: number;
  /** Highest sampled RSS while sending. */
  sendPeakRss: number;
  /** RSS when sending had run for a tenth of its time, beside the send peak: a flat run keeps them close. */
  sendEarlyRss: number;
  /** The kernel's high-water mark of the whole process; undefined off Linux. */
  kernelPeakRss?: number;
  samples: number;
}

const SAMPLE_MS = 50;
const NOW = '2026-11-30T08:00:00';

/** Compiles src/ into dist/ (what `npm ci` does in `prepare`), so the run measures the current code. */
export function buildDist(): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
}

function readStatus(pid: number): { rss?: number; hwm?: number } {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // The process has just exited, or this is not Linux.
    return {};
  }
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
    return match?.[1] ? Number(match[1]) * 1024 : undefined;
  };
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/**
 * A newsletter folder for the run: the repo's sample content and templates,
 * its own data folder, and `subscribers` subscribers imported with
 * `digest subscribers import`.
 */
/** The sets of sections the subscribers of a sectioned run read, in turn (null: all). */
const SECTION_SETS: (string[] | null)[] = [null, ['Data'], ['Design', 'Frontend'], ['Process'], ['Reliability', 'Data']];
const BENCH_SECTIONS = ['Data', 'Design', 'Frontend', 'Process', 'Reliability'];

function prepareWorkspace(dir: string, subscribers: number, sectionSets: number): string {
  const config = path.join(dir, 'digest.config.yaml');
  const sample = fs.readFileSync(path.join(REPO_ROOT, 'digest.config.yaml'), 'utf8');
  fs.writeFileSync(
    config,
    sample
      .replace(/^contentDir:.*$/m, `contentDir: ${path.join(REPO_ROOT, 'content')}`)
      .replace(/^dataDir:.*$/m, `dataDir: ${path.join(dir, 'data')}\ntemplatesDir: ${path.join(REPO_ROOT, 'templates')}`) +
      (sectionSets > 1 ? `\nsections: [${BENCH_SECTIONS.join(', ')}]\n` : ''),
  );
  const csv = path.join(dir, 'subscribers.csv');
  const rows = ['email,name'];
  for (let i = 1; i <= subscribers; i++) rows.push(`reader-${i}@bench.example,Reader ${i} Example`);
  fs.writeFileSync(csv, `${rows.join('\n')}\n`);
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), '--config', config, 'subscribers', 'import', csv], { stdio: 'ignore' });
  if (sectionSets > 1) chooseSections(path.join(dir, 'data', 'digest.sqlite'), sectionSets);
  return config;
}

/** Gives subscriber i the (i mod n)-th set of {@link SECTION_SETS}, as the preference centre stores it. */
function chooseSections(file: string, sets: number): void {
  const db = new Database(file);
  try {
    const update = db.prepare<[string | null, number, number]>(`UPDATE subscribers SET sections = ? WHERE id % ? = ?`);
    db.transaction(() => {
      for (let set = 0; set < sets; set++) {
        const sections = SECTION_SETS[set % SECTION_SETS.length] ?? null;
        update.run(sections === null ? null : JSON.stringify(sections), sets, set);
      }
    })();
  } finally {
    db.close();
  }
}

/** Runs `digest run` for a list of `subscribers` in `dir` (a fresh folder) and samples its memory. */
export async function measureRun(sink: SinkProcess, dir: string, subscribers: number, sectionSets = 1): Promise<RssResult> {
  const config = prepareWorkspace(dir, subscribers, sectionSets);
  const before = await sink.stats();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), '--config', config, '--now', NOW, 'run'], {
    cwd: dir,
    env: { PATH: process.env.PATH, SMTP_URL: sink.url, DIGEST_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('digest run did not start');

  const output: string[] = [];
  let sendingSince: number | undefined;
  const onLine = (line: string) => {
    output.push(line);
    if (sendingSince === undefined && /^Sending /.test(line)) sendingSince = performance.now();
  };
  readline.createInterface({ input: child.stdout }).on('line', onLine);
  readline.createInterface({ input: child.stderr }).on('line', onLine);

  const buildSamples: number[] = [];
  const sendSamples: { at: number; rss: number }[] = [];
  let kernelPeakRss: number | undefined;
  const sampler = setInterval(() => {
    const { rss, hwm } = readStatus(pid);
    if (rss === undefined) return;
    kernelPeakRss = hwm ?? kernelPeakRss;
    if (sendingSince === undefined) buildSamples.push(rss);
    else sendSamples.push({ at: performance.now(), rss });
  }, SAMPLE_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const after = await sink.stats();

  const report = output.map((line) => /^(\d+) sent and (\d+) failed in this run/.exec(line)).find(Boolean);
  if (code !== 0 || !report || sendSamples.length === 0) {
    throw new Error(`digest run (${subscribers} subscribers) exited with ${code}:\n${output.slice(-20).join('\n')}`);
  }
  const sendStart = sendSamples[0]?.at ?? 0;
  const sendEnd = sendSamples.at(-1)?.at ?? sendStart;
  const early = sendSamples.find((sample) => sample.at >= sendStart + (sendEnd - sendStart) / 10) ?? sendSamples[0];
  return {
    subscribers,
    sectionSets,
    sent: Number(report[1]),
    sinkCounted: after.messages - before.messages,
    seconds,
    buildPeakRss: Math.max(0, ...buildSamples),
    sendPeakRss: Math.max(...sendSamples.map((sample) => sample.rss)),
    sendEarlyRss: early?.rss ?? 0,
    kernelPeakRss,
    samples: buildSamples.length + sendSamples.length,
  };
}
