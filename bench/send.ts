/**
 * Send benchmark, against a local SMTP sink in its own process
 * (bench/send/sink.ts: accepts, counts, discards).
 *
 * 1. Throughput of the repo's sample issue (2026-W48) to N subscribers:
 *    `deliverIssue` with the SQLite ledger (claims and outcomes committed,
 *    per-recipient personalisation and HMAC) beside two floors, each a bare
 *    nodemailer pool with the same connections and pool options sending one
 *    pre-built personalised message N times with `connections` sendMail
 *    calls in flight (as the engine's workers do): `floor` gives nodemailer
 *    the HTML and text (it encodes them on every send), `encoded` gives it
 *    the parts pre-encoded (only headers are composed per send). Runs
 *    alternate floor, encoded, ours; the better run of each is compared.
 * 2. Peak RSS of a real `digest run` (dist/cli.js, rebuilt first) at a tenth
 *    of the list and at the whole list, each in a process of its own
 *    (bench/send/rss-run.ts).
 *
 *   node --import tsx bench/send.ts [--messages 10000] [--subscribers 100000]
 *
 * The defaults take about 4 minutes on 2 cores, about 2 of them in the
 * 100,000 run; `--messages 2000 --subscribers 20000` takes under one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createPersonalizer } from '../src/personalize/index.js';
import { personalizeOptions } from '../src/util/personalize-options.js';
import { buildDist, measureRun, type RssResult } from './send/rss-run.js';
import {
  benchConfig,
  compileSampleIssue,
  CONNECTIONS,
  firstSubscriber,
  SECRET,
  startSinkProcess,
} from './send/setup.js';
import { floorRun, oursRun, type SendRun } from './send/throughput.js';

export type { OursBreakdown, SendRun } from './send/throughput.js';

/** Everything the send benchmark measured. */
export interface SendBenchResult {
  messages: number;
  connections: number;
  /** Size of one message as the sink received it. */
  messageKb: number;
  runs: SendRun[];
  floorBest: SendRun;
  encodedBest: SendRun;
  oursBest: SendRun;
  /** Better ours over better floor, in msgs/s. */
  ratio: number;
  /** Better ours over better encoded floor: what the ledger and personalisation cost beyond nodemailer's least. */
  encodedRatio: number;
  memory: RssResult[];
}


/** Options of {@link runSendBench}. */
export interface SendBenchOptions {
  /** Messages per throughput run (default 10,000). */
  messages?: number;
  /** The large list of the memory run (default 100,000); a list a tenth of it runs too. */
  subscribers?: number;
}

const ROUNDS = 2;

/** Runs the throughput comparison, then the memory runs. */
export async function runSendBench(options: SendBenchOptions = {}): Promise<SendBenchResult> {
  const messages = options.messages ?? 10_000;
  const subscribers = options.subscribers ?? 100_000;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-bench-send-'));
  const sink = await startSinkProcess();
  try {
    const config = benchConfig(path.join(work, 'data'));
    const sample = await compileSampleIssue(config);
    const personalizer = createPersonalizer(sample.rendered, personalizeOptions(config, SECRET));
    const floor = { message: personalizer.messageFor(firstSubscriber()), documents: personalizer.documentsFor(firstSubscriber()) };

    // Warm every path (JIT, the sink's first connections) with a short unmeasured run each.
    const warm = Math.min(500, messages);
    await floorRun(sink, floor, warm, 'floor');
    await floorRun(sink, floor, warm, 'encoded');
    await oursRun(sink, config, sample, warm);
    const beforeRuns = await sink.stats();

    const runs: SendRun[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      runs.push(await floorRun(sink, floor, messages, 'floor'));
      runs.push(await floorRun(sink, floor, messages, 'encoded'));
      runs.push(await oursRun(sink, config, sample, messages));
    }
    const afterRuns = await sink.stats();
    const best = (kind: SendRun['kind']) =>
      runs.filter((run) => run.kind === kind).reduce((a, b) => (b.msgsPerSec > a.msgsPerSec ? b : a));
    const floorBest = best('floor');
    const encodedBest = best('encoded');
    const oursBest = best('ours');

    buildDist();
    const memory: RssResult[] = [];
    for (const count of [Math.max(1, Math.round(subscribers / 10)), subscribers]) {
      const dir = path.join(work, `rss-${count}`);
      fs.mkdirSync(dir);
      memory.push(await measureRun(sink, dir, count));
    }
    // The same large list reading 5 different sets of sections: one copy per set, memory as flat.
    const sectioned = path.join(work, `rss-${subscribers}-sections`);
    fs.mkdirSync(sectioned);
    memory.push(await measureRun(sink, sectioned, subscribers, 5));

    return {
      messages,
      connections: CONNECTIONS,
      messageKb: (afterRuns.bytes - beforeRuns.bytes) / (runs.length * messages) / 1024,
      runs,
      floorBest,
      encodedBest,
      oursBest,
      ratio: oursBest.msgsPerSec / floorBest.msgsPerSec,
      encodedRatio: oursBest.msgsPerSec / encodedBest.msgsPerSec,
      memory,
    };
  } finally {
    await sink.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Prints the send benchmark tables. */
export function printSendBench(result: SendBenchResult): void {
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `\nSend ${result.messages} messages of 2026-W48 (${result.messageKb.toFixed(1)} KB each) to a sink process over ${result.connections} connections` +
      `\n(floor = bare nodemailer pool, same pool options, one pre-built message, ${result.connections} sendMail in flight;` +
      `\n encoded = the same with the message's parts pre-encoded, as ours hands them over; better of ${ROUNDS} alternating runs)`,
  );
  console.log('run     | msgs/s | seconds | sender CPU µs/msg | sender busy | sink busy | other load | sent / sink counted | commits/msg | ledger µs/msg | personalize µs/msg');
  const cell = (value: number | undefined, digits: number, width: number) => (value === undefined ? '-' : value.toFixed(digits)).padStart(width);
  for (const run of result.runs) {
    console.log(
      [
        run.kind.padEnd(7),
        cell(run.msgsPerSec, 0, 6),
        cell(run.ms / 1000, 2, 7),
        cell(run.cpuUsPerMsg, 0, 17),
        cell(run.senderBusy, 2, 11),
        cell(run.sinkBusy, 2, 9),
        cell(run.otherBusy, 2, 10),
        `${run.sent} / ${run.sinkCounted}`.padStart(19),
        cell(run.breakdown?.commitsPerMsg, 2, 11),
        cell(run.breakdown?.ledgerUsPerMsg, 0, 13),
        cell(run.breakdown?.personalizeUsPerMsg, 1, 18),
      ].join(' | '),
    );
  }
  for (const run of result.runs) {
    if (run.sent !== run.messages || run.sinkCounted !== run.messages) {
      console.log(`note: a ${run.kind} run of ${run.messages}: ${run.sent} sent, ${run.sinkCounted} counted by the sink`);
    }
  }
  console.log(
    `ours/floor: ${result.oursBest.msgsPerSec.toFixed(0)} / ${result.floorBest.msgsPerSec.toFixed(0)} msgs/s = ${result.ratio.toFixed(2)} (target ≥ 0.90)`,
  );
  console.log(
    `ours/encoded floor: ${result.oursBest.msgsPerSec.toFixed(0)} / ${result.encodedBest.msgsPerSec.toFixed(0)} msgs/s = ${result.encodedRatio.toFixed(2)} (the encoded floor has no ledger and no personalisation: this is their cost)`,
  );

  console.log('\nPeak RSS of `digest run` (dist/cli.js; build the sample week, send it to every subscriber; sampled every 50 ms; target: peak < 200 MB)');
  console.log('subscribers | section sets | sent / sink counted | seconds | build peak MB | send: early MB | send peak MB | kernel peak MB');
  for (const row of result.memory) {
    console.log(
      [
        String(row.subscribers).padStart(11),
        String(row.sectionSets).padStart(12),
        `${row.sent} / ${row.sinkCounted}`.padStart(19),
        row.seconds.toFixed(1).padStart(7),
        mb(row.buildPeakRss).padStart(13),
        mb(row.sendEarlyRss).padStart(14),
        mb(row.sendPeakRss).padStart(12),
        (row.kernelPeakRss === undefined ? 'n/a' : mb(row.kernelPeakRss)).padStart(14),
      ].join(' | '),
    );
  }
  console.log('(build = before the "Sending" line: the issue is built in a worker thread; early = a tenth into the send; kernel peak = VmHWM of the whole run;');
  console.log(' section sets 5: the same list reading 5 sets of sections, one copy rendered per set)');
  for (const row of result.memory) {
    if (row.sent !== row.subscribers || row.sinkCounted !== row.subscribers) {
      console.log(`note: ${row.subscribers} subscribers: ${row.sent} sent, ${row.sinkCounted} counted by the sink`);
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { messages: { type: 'string' }, subscribers: { type: 'string' } } });
  const count = (flag: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 10) throw new Error(`--${flag} must be an integer ≥ 10, got "${value}"`);
    return n;
  };
  printSendBench(await runSendBench({ messages: count('messages', values.messages), subscribers: count('subscribers', values.subscribers) }));
}
