import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreMessage, type SpamScore } from '../../src/checks/spamassassin.js';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = '2026-11-30T08:00:00';
const SECRET = 'spam-score-secret-0123456789abcdef';
const INSTALLED = spawnSync('spamassassin', ['-V'], { stdio: 'ignore' }).status === 0;
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
  const message = (body: string) =>
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

  it('reports each rule that hit with its points and description, and their sum', async () => {
    // GTUBE, SpamAssassin's standard test string, hits one known rule with 1000 points.
    const result = await scoreMessage(message('XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X'), { spamc: false });
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

describe('scoreMessage without SpamAssassin', () => {
  it('says it skipped because SpamAssassin is not installed, instead of failing', async () => {
    const result = await scoreMessage(Buffer.from('Subject: x\r\n\r\nx\r\n'), { spamc: 'digest-no-such-spamc', spamassassin: 'digest-no-such-spamassassin' });
    expect(result).toEqual({ skipped: expect.stringMatching(/^SpamAssassin is not installed .*"digest-no-such-spamassassin" was not found/) });
  });
});
