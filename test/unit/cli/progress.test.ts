import { describe, expect, it } from 'vitest';
import { createProgressReporter, progressLine } from '../../../src/cli/progress.js';
import type { Io } from '../../../src/cli/io.js';

describe('progressLine', () => {
  it.each([
    [{ done: 0, failed: 0, remaining: 100, total: 100, elapsedMs: 0 }, '[------------------------] 0 sent · 0 failed · 100 left · 0/s · ETA --:--'],
    [{ done: 45, failed: 5, remaining: 50, total: 100, elapsedMs: 10_000 }, '[############------------] 45 sent · 5 failed · 50 left · 5/s · ETA 0:10'],
    [{ done: 1200, failed: 0, remaining: 98_800, total: 100_000, elapsedMs: 1000 }, '[------------------------] 1,200 sent · 0 failed · 98,800 left · 1200/s · ETA 1:22'],
    [{ done: 10, failed: 0, remaining: 0, total: 10, elapsedMs: 500 }, '[########################] 10 sent · 0 failed · 0 left · 20/s · ETA 0:00'],
  ])('%o', (state, expected) => {
    expect(progressLine(state)).toBe(expected);
  });
});

describe('createProgressReporter', () => {
  function io(interactive: boolean) {
    const out: string[] = [];
    const err: string[] = [];
    const raw: string[] = [];
    const value: Io = {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      errRaw: (text) => raw.push(text),
      interactive,
      env: {},
      cwd: '/',
      readStdin: async () => '',
    };
    return { value, out, err, raw };
  }

  it('writes one JSON line per event with --json', () => {
    const target = io(false);
    const reporter = createProgressReporter(target.value, { json: true });
    reporter.onEvent({ type: 'start', issue: '2026-W48', total: 2, remaining: 2, connections: 1 });
    reporter.onEvent({ type: 'sent', email: 'a@example.com', response: '250 OK', attempt: 1 });
    expect(target.out.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ event: 'start', issue: '2026-W48', total: 2 }),
      expect.objectContaining({ event: 'sent', email: 'a@example.com', response: '250 OK' }),
    ]);
  });

  it('draws a bar on a terminal and prints failures on their own line', () => {
    const target = io(true);
    const reporter = createProgressReporter(target.value, { json: false });
    reporter.onEvent({ type: 'start', issue: '2026-W48', total: 2, remaining: 2, connections: 1 });
    reporter.onEvent({ type: 'failed', email: 'b@example.com', code: '550', response: 'No such user', permanent: true, bounced: true });
    reporter.finish();
    expect(target.raw[0]).toMatch(/^\r\[-+\] 0 sent/);
    expect(target.err).toEqual(['failed: b@example.com: 550 No such user (hard bounce)']);
    expect(target.out).toEqual([]);
  });

  it('draws nothing when stderr is not a terminal', () => {
    const target = io(false);
    const reporter = createProgressReporter(target.value, { json: false });
    reporter.onEvent({ type: 'start', issue: '2026-W48', total: 1, remaining: 1, connections: 1 });
    reporter.onEvent({ type: 'sent', email: 'a@example.com', response: '250 OK', attempt: 1 });
    expect(target.raw).toEqual([]);
    expect(target.out).toEqual([]);
  });
});
