import { afterEach, describe, expect, it } from 'vitest';
import { weekWindow } from '../../src/util/week.js';
import { parseConfig } from '../../src/config/load.js';
import { DigestError } from '../../src/errors.js';
import { assertFresh, scheduledTimeOf } from '../../src/pipeline/policy.js';
import { openStore } from '../../src/store/db.js';
import { deliveryCounts, type DeliveryCounts } from '../../src/store/deliveries.js';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const SECRET = 'freshness-test-secret-0123456789';
/** Week 2026-W48 (Nov 23–29) is due on Monday 2026-11-30 08:00 Berlin time (07:00Z) with the default schedule. */
const WEEK = '2026-W48';
const TUESDAY_0900 = '2026-12-01T09:00:00';

interface Fixture {
  ws: Workspace;
  sink: SmtpSink;
  env: NodeJS.ProcessEnv;
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A workspace with two subscribers, an article in 2026-W48 and one in 2026-W45, and a fresh SMTP sink. */
async function fixture(extraConfig?: string): Promise<Fixture> {
  const sink = await startSmtpSink();
  const ws = createWorkspace({ extraConfig });
  cleanups.push(async () => {
    await sink.close();
    ws.remove();
  });
  writeArticle(ws, '2026-11-24-streaming', { title: 'Streaming the nightly batch', date: '2026-11-24T09:30', author: 'ada' });
  writeArticle(ws, '2026-11-03-old', { title: 'Old news', date: '2026-11-03T10:00', author: 'lin' });
  writeSubscribers(ws, ['ana@example.com,Ana', 'bo@example.com,']);
  const env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
  const imported = await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env });
  expect(imported.code, imported.stderr).toBe(0);
  return { ws, sink, env };
}

function deliveriesOf(ws: Workspace, week: string): DeliveryCounts {
  const store = openStore(ws.dataDir);
  try {
    return deliveryCounts(store, week);
  } finally {
    store.close();
  }
}

function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.trim() !== '');
}

describe('freshness window (sending.maxDelay)', () => {
  it('refuses `digest run` 25 h after the scheduled time, in one line with a hint about --force, sending nothing', async () => {
    const { ws, sink, env } = await fixture();
    const run = await runCli(['run', '--now', TUESDAY_0900], { cwd: ws.dir, env });
    expect(run.code).toBe(1);
    const lines = errorLines(run.stderr);
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toContain(`issue ${WEEK} was due at 2026-11-30T07:00:00.000Z, 25h ago`);
    expect(lines[0]).toContain('sending.maxDelay (24h)');
    expect(lines[0]).toMatch(/--force/);
    expect(sink.messages).toHaveLength(0);
    expect(deliveriesOf(ws, WEEK).total).toBe(0);
  });

  it('sends the late issue with --force', async () => {
    const { ws, sink, env } = await fixture();
    const run = await runCli(['run', '--force', '--now', TUESDAY_0900], { cwd: ws.dir, env });
    expect(run.code, run.stderr).toBe(0);
    expect(sink.messages.flatMap((message) => message.envelopeTo).sort()).toEqual(['ana@example.com', 'bo@example.com']);
    expect(sink.messages[0]?.parsed.messageId).toMatch(/^<2026-W48\./);
    expect(deliveriesOf(ws, WEEK)).toMatchObject({ sent: 2, total: 2 });
  });

  it('sends the same run when sending.maxDelay is 48h', async () => {
    const { ws, sink, env } = await fixture('sending:\n  maxDelay: 48h');
    const run = await runCli(['run', '--now', TUESDAY_0900], { cwd: ws.dir, env });
    expect(run.code, run.stderr).toBe(0);
    expect(sink.messages).toHaveLength(2);
    expect(deliveriesOf(ws, WEEK)).toMatchObject({ sent: 2, total: 2 });
  });

  it.each([
    ['a minute inside the 24 h window', '2026-12-01T07:59:00', 0],
    ['24 h and one minute late', '2026-12-01T08:01:00', 1],
    ['on time', '2026-11-30T08:00:00', 0],
    ['a few hours late', '2026-11-30T13:30:00', 0],
  ])('`digest run` %s exits %i', async (_name, now, code) => {
    const { ws, sink, env } = await fixture();
    const run = await runCli(['run', '--now', now], { cwd: ws.dir, env });
    expect(run.code, run.stderr).toBe(code);
    expect(sink.messages).toHaveLength(code === 0 ? 2 : 0);
  });

  it('refuses `digest send --week <old week>` long after it was due, and --force sends it', async () => {
    const { ws, sink, env } = await fixture();
    const refused = await runCli(['send', '--week', '2026-W45', '--now', TUESDAY_0900], { cwd: ws.dir, env });
    expect(refused.code).toBe(1);
    const lines = errorLines(refused.stderr);
    expect(lines, refused.stderr).toHaveLength(1);
    expect(lines[0]).toContain('issue 2026-W45 was due at 2026-11-09T07:00:00.000Z');
    expect(lines[0]).toMatch(/--force/);
    expect(sink.messages).toHaveLength(0);
    expect(deliveriesOf(ws, '2026-W45').total).toBe(0);

    const forced = await runCli(['send', '--week', '2026-W45', '--force', '--now', TUESDAY_0900], { cwd: ws.dir, env });
    expect(forced.code, forced.stderr).toBe(0);
    expect(sink.messages).toHaveLength(2);
    expect(sink.messages[0]?.parsed.html).toContain('Old news');
  });
});

describe('assertFresh / scheduledTimeOf', () => {
  const config = (extra = '') =>
    parseConfig(
      ['newsletter:', '  name: T', '  from: "T <t@test.example>"', '  baseUrl: https://t.test.example', 'timezone: Europe/Berlin', extra].join('\n'),
      '/tmp/freshness/digest.config.yaml',
    );

  it.each([
    // [case, extra config, week, now (UTC), due (UTC), fresh]
    ['default schedule, on time', '', '2026-W48', '2026-11-30T07:00:00Z', '2026-11-30T07:00:00Z', true],
    ['default schedule, exactly maxDelay late', '', '2026-W48', '2026-12-01T07:00:00Z', '2026-11-30T07:00:00Z', true],
    ['default schedule, 1 ms past maxDelay', '', '2026-W48', '2026-12-01T07:00:00.001Z', '2026-11-30T07:00:00Z', false],
    ['week ending on the October DST change (due 08:00 CET)', '', '2026-W43', '2026-10-27T07:00:00Z', '2026-10-26T07:00:00Z', true],
    ['week ending on the October DST change, an hour too late', '', '2026-W43', '2026-10-27T08:00:00Z', '2026-10-26T07:00:00Z', false],
    ['week before the March DST change (due 08:00 CEST)', '', '2026-W13', '2026-03-30T06:00:00Z', '2026-03-30T06:00:00Z', true],
    ['maxDelay 90m, 91 minutes late', 'sending:\n  maxDelay: 90m', '2026-W48', '2026-11-30T08:31:00Z', '2026-11-30T07:00:00Z', false],
    ['Sunday-evening schedule', 'schedule: "0 18 * * 0"', '2026-W48', '2026-12-06T17:00:00Z', '2026-12-06T17:00:00Z', true],
  ])('%s', (_name, extra, weekId, now, due, fresh) => {
    const cfg = config(extra);
    const week = weekWindow(weekId, cfg.timezone);
    expect(scheduledTimeOf(cfg, week)?.toISOString()).toBe(new Date(due).toISOString());
    const check = () => assertFresh(cfg, week, new Date(now), false);
    if (fresh) {
      expect(check).not.toThrow();
    } else {
      expect(check).toThrow(DigestError);
      expect(check).toThrow(/longer than sending\.maxDelay/);
      expect(() => assertFresh(cfg, week, new Date(now), true)).not.toThrow();
    }
  });
});
