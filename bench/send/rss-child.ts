/**
 * Peak memory of one delivery run, in a process of its own: sets up a temp
 * store with N subscribers, then runs `deliverIssue` for all of them to the
 * sink while sampling `process.memoryUsage().rss` every 50 ms.
 *
 *   node --expose-gc --import tsx bench/send/rss-child.ts --subscribers N --sink smtp://127.0.0.1:PORT --issue sample.json
 *
 * `--issue` is a {@link SampleIssue} as JSON (the compiled issue, as
 * `digest send` reads `compiled.json`), so this process does not compile
 * (it still loads what `src/pipeline/` imports, as the CLI does).
 * Prints one JSON line, {@link RssResult}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createPersonalizer } from '../../src/personalize/index.js';
import { personalizeOptions } from '../../src/pipeline/personalize-options.js';
import { systemClock } from '../../src/pipeline/clock.js';
import { deliveryPolicy } from '../../src/pipeline/policy.js';
import { deliverIssue } from '../../src/send/deliver.js';
import { createSmtpTransport } from '../../src/send/transport.js';
import { benchConfig, CONNECTIONS, createSubscriberStore, SECRET, type SampleIssue } from './setup.js';

/** What the child reports (bytes and seconds). */
export interface RssResult {
  subscribers: number;
  /** RSS once the modules are loaded, before any setup (node, tsx, and everything `src/` imports). */
  modulesRss: number;
  /** RSS after setup (store filled, issue loaded, after a GC), before sending. */
  baselineRss: number;
  /** Highest sampled RSS while sending, including one sample at the end. */
  peakRss: number;
  /** The kernel's high-water mark over the send (VmHWM, reset after setup); absent where /proc does not allow it. */
  kernelPeakRss?: number;
  samples: number;
  /** V8 heap in use after a full GC, before and after the send: a difference is memory the run kept. */
  heapBefore: number;
  heapAfter: number;
  /** Mark-compact collections during the send (old-space garbage is only freed by these). */
  majorGcs: number;
  sent: number;
  seconds: number;
}

const SAMPLE_MS = 50;

/** Resets the kernel's peak-RSS counter (Linux ≥ 4.0); false where that is not possible. */
function resetKernelPeak(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    // Not Linux, or not allowed in this container: the sampled peak is reported alone.
    return false;
  }
}

function kernelPeak(): number | undefined {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return match?.[1] ? Number(match[1]) * 1024 : undefined;
}

const { values } = parseArgs({
  options: { subscribers: { type: 'string' }, sink: { type: 'string' }, issue: { type: 'string' } },
});
const count = Number(values.subscribers);
if (!Number.isInteger(count) || count <= 0 || !values.sink || !values.issue) {
  throw new Error('usage: rss-child.ts --subscribers N --sink smtp://127.0.0.1:PORT --issue sample.json');
}

const modulesRss = process.memoryUsage().rss;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-bench-rss-'));
const config = benchConfig(dir);
const issue = JSON.parse(fs.readFileSync(values.issue, 'utf8')) as SampleIssue;
const store = createSubscriberStore(dir, count, issue, config);
const personalizer = createPersonalizer(issue.rendered, personalizeOptions(config, SECRET));
const transport = createSmtpTransport(values.sink, { connections: CONNECTIONS });
try {
  globalThis.gc?.();
  const baselineRss = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  let majorGcs = 0;
  const gcs = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // `detail.kind` says which collector ran (node ≥ 16); @types/node does not declare it here.
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcs++;
    }
  });
  gcs.observe({ entryTypes: ['gc'] });
  const kernelReset = resetKernelPeak();
  let peakRss = baselineRss;
  let samples = 0;
  const takeSample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    samples++;
  };
  const sampler = setInterval(takeSample, SAMPLE_MS);
  const started = performance.now();
  let sent: number;
  try {
    const report = await deliverIssue({
      store,
      issueId: issue.rendered.issueId,
      transport,
      messageFor: (subscriber) => personalizer.messageFor(subscriber),
      clock: systemClock,
      policy: { ...deliveryPolicy(config), rate: 0 },
    });
    sent = report.sentNow;
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  takeSample();
  const kernelPeakRss = kernelReset ? kernelPeak() : undefined;
  gcs.disconnect();
  globalThis.gc?.();
  const result: RssResult = {
    subscribers: count,
    modulesRss,
    baselineRss,
    peakRss,
    kernelPeakRss,
    samples,
    heapBefore,
    heapAfter: process.memoryUsage().heapUsed,
    majorGcs,
    sent,
    seconds,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await transport.close();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
