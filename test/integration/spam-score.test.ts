import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreMessage, type SpamScore } from '../../src/checks/spamassassin.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = '2026-11-30T08:00:00';
const SECRET = 'spam-score-secret-0123456789abcdef';
const INSTALLED = spawnSync('spamassassin', ['-V'], { stdio: 'ignore' }).status === 0;
const SPAMD_INSTALLED = INSTALLED && fs.existsSync('/usr/sbin/spamd') && spawnSync('spamc', ['-V'], { stdio: 'ignore' }).status === 0;
const SCORE_TIMEOUT = 120_000;

/** The bundled sample project in a temp folder, optionally grown to `articles` articles in its week. */
function sampleProject(articles?: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-spam-'));
  fs.cpSync(path.join(REPO_ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, 'digest.config.yaml'), path.join(dir, 'digest.config.yaml'));
  if (articles) {
    const folder = path.join(dir, 'content', 'articles');
    // The sample week's articles (2026-W48: Nov 23–29), copied under new titles until there are enough.
    const week = fs.readdirSync(folder).filter((name) => /^2026-11-2[3-9]-/.test(name));
    for (let copy = 2; week.length * (copy - 1) < articles; copy++) {
      for (const name of week.slice(0, articles - week.length * (copy - 1))) {
        const text = fs.readFileSync(path.join(folder, name), 'utf8').replace(/^title: "(.*)"$/m, `title: "$1, part ${copy}"`);
        fs.writeFileSync(path.join(folder, name.replace(/\.md$/, `-part-${copy}.md`)), text);
      }
    }
  }
  return dir;
}

/** Builds and sends the project's issue to the sink; returns the first delivered message as it arrived. */
async function deliveredMessage(dir: string, sink: SmtpSink): Promise<Buffer> {
  const env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
  const imported = await runCli(['subscribers', 'import', 'content/subscribers.csv'], { cwd: dir, env });
  expect(imported.code, imported.stderr).toBe(0);
  const run = await runCli(['run', '--now', NOW], { cwd: dir, env });
  expect(run.code, run.stderr).toBe(0);
  const message = sink.messages.at(-1);
  expect(message).toBeDefined();
  return Buffer.from(message!.raw, 'utf8');
}

/** A small plain-text message with the given body. */
const message = (body: string): Buffer =>
  Buffer.from(
    [
      'From: Test <news@test.example>',
      'To: ana@example.com',
      'Subject: Hello',
      'Date: Mon, 30 Nov 2026 08:00:00 +0000',
      'Message-ID: <spam-test.1@test.example>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '',
    ].join('\r\n'),
  );

// SpamAssassin's standard test string: it hits one known rule, GTUBE, with 1000 points.
const GTUBE = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X';

function rulesOf(result: SpamScore): string {
  return 'score' in result ? result.rules.map((rule) => `${rule.name} ${rule.score} (${rule.description})`).join('; ') : result.skipped;
}

describe.skipIf(!INSTALLED)('SpamAssassin score of delivered issues (local tests)', () => {
  let sink: SmtpSink;
  const dirs: string[] = [];
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['the sample issue', undefined],
    ['a 60-article issue', 60],
  ])('%s scores 0 or below', async (_name, articles) => {
    const dir = sampleProject(articles);
    dirs.push(dir);
    const raw = await deliveredMessage(dir, sink);
    const result = await scoreMessage(raw);
    expect(result, rulesOf(result)).toHaveProperty('score');
    if (!('score' in result)) return;
    expect(result.score, rulesOf(result)).toBeLessThanOrEqual(0);
    // The report is the message's own: the informational rules of a message that never crossed a relay.
    expect(result.rules.map((rule) => rule.name)).toContain('NO_RELAYS');
  }, SCORE_TIMEOUT);
});

describe.skipIf(!INSTALLED)('scoreMessage', () => {
  it('reports each rule that hit with its points and description, and their sum', async () => {
    const result = await scoreMessage(message(GTUBE), { spamc: false });
    expect(result).toHaveProperty('via', 'spamassassin');
    expect(result, rulesOf(result)).toHaveProperty('score');
    if (!('score' in result)) return;
    const gtube = result.rules.find((rule) => rule.name === 'GTUBE');
    expect(gtube?.score).toBe(1000);
    expect(gtube?.description).toMatch(/Unsolicited Bulk Email/);
    expect(result.score).toBeCloseTo(result.rules.reduce((sum, rule) => sum + rule.score, 0), 3);
    expect(result.score).toBeGreaterThan(999);
  }, SCORE_TIMEOUT);

  it('says it skipped when a scorer does not answer in time', async () => {
    const result = await scoreMessage(message('Hello'), { spamc: false, timeoutMs: 1 });
    expect(result).toEqual({ skipped: '"spamassassin" did not answer within 0.001 s' });
  });
});

describe.skipIf(!SPAMD_INSTALLED)('scoreMessage through a running spamd', () => {
  let spamd: ChildProcess | undefined;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    spamd = spawn('/usr/sbin/spamd', ['-L', `--listen=127.0.0.1:${port}`, '--min-children=1', '--max-children=1', '-u', 'nobody', '-s', 'stderr'], { stdio: 'ignore' });
    // spamd loads its rules for a few seconds before it answers a ping.
    for (let attempt = 0; attempt < 120; attempt++) {
      if (spawnSync('spamc', ['-d', '127.0.0.1', '-p', String(port), '-K'], { stdio: 'ignore' }).status === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`spamd did not answer on port ${port}`);
  }, SCORE_TIMEOUT);
  afterAll(() => {
    spamd?.kill('SIGTERM');
  });

  it('uses spamc when a spamd answers, with the same rules as the local run', async () => {
    const viaSpamd = await scoreMessage(message(GTUBE), { spamd: { host: '127.0.0.1', port } });
    expect(viaSpamd, rulesOf(viaSpamd)).toHaveProperty('via', 'spamc');
    if (!('score' in viaSpamd)) return;
    expect(viaSpamd.rules.find((rule) => rule.name === 'GTUBE')).toMatchObject({ score: 1000, description: expect.stringMatching(/Unsolicited Bulk Email/) });
    expect(viaSpamd.score).toBeGreaterThan(999);
    const local = await scoreMessage(message(GTUBE), { spamc: false });
    expect('score' in local && local.rules.map((rule) => rule.name).sort()).toEqual(viaSpamd.rules.map((rule) => rule.name).sort());
  }, SCORE_TIMEOUT);

  it('falls back to spamassassin when no spamd answers on the given port', async () => {
    const closed = await freePort();
    const result = await scoreMessage(message('Hello'), { spamd: { host: '127.0.0.1', port: closed } });
    expect(result, rulesOf(result)).toHaveProperty('via', 'spamassassin');
  }, SCORE_TIMEOUT);
});

describe('scoreMessage without SpamAssassin', () => {
  it('says it skipped because SpamAssassin is not installed, instead of failing', async () => {
    const result = await scoreMessage(Buffer.from('Subject: x\r\n\r\nx\r\n'), { spamc: 'digest-no-such-spamc', spamassassin: 'digest-no-such-spamassassin' });
    expect(result).toEqual({ skipped: expect.stringMatching(/^SpamAssassin is not installed .*"digest-no-such-spamassassin" was not found/) });
  });
});
