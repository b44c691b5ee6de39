import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixtures.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

const NOW = '2026-11-30T08:00:00';
const ROOT = path.resolve(import.meta.dirname, '..', '..');

interface Report {
  issue: string;
  errors: number;
  warnings: number;
  findings: { severity: string; check: string; message: string; file?: string }[];
}

function installed(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function checkJson(cwd: string, ...args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const result = await runCli(['check', '--json', '--now', NOW, ...args], { cwd, env: {} });
  return { code: result.code, report: JSON.parse(result.stdout) as Report, stderr: result.stderr };
}

describe('digest check on the bundled sample', () => {
  let dir: string;
  let run: { code: number; report: Report };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-check-'));
    fs.cpSync(path.join(ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'digest.config.yaml'), path.join(dir, 'digest.config.yaml'));
    run = await checkJson(dir);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints { issue, errors, warnings, findings } and exits 1 exactly when there are errors', () => {
    const { code, report } = run;
    expect(Object.keys(report)).toEqual(['issue', 'errors', 'warnings', 'findings']);
    expect(report.issue).toBe('2026-W48');
    expect(report.errors).toBe(report.findings.filter((found) => found.severity === 'error').length);
    expect(report.warnings).toBe(report.findings.filter((found) => found.severity === 'warning').length);
    expect(code).toBe(report.errors > 0 ? 1 : 0);
    for (const found of report.findings) {
      expect(['error', 'warning', 'info']).toContain(found.severity);
      expect(typeof found.check).toBe('string');
      expect(found.message.length).toBeGreaterThan(10);
    }
  });

  it('runs the checks of the email: contrast, client support, SpamAssassin (or says it was skipped)', () => {
    const checks = new Set(run.report.findings.map((found) => found.check));
    expect(checks).toContain('client-support');
    expect(run.report.findings).toContainEqual(expect.objectContaining({ check: 'client-support', severity: 'info', message: expect.stringMatching(/^from MJML: /) }));
    const spam = run.report.findings.filter((found) => found.check === 'spam');
    expect(spam).toHaveLength(1);
    expect(spam[0]?.message).toMatch(installed('spamassassin') || installed('spamc') ? /^SpamAssassin scores the sample message -?\d/ : /^SpamAssassin skipped: /);
    // No DKIM key in the sample's config: no DKIM finding.
    expect(checks).not.toContain('dkim');
    // The sample's list headers are complete and its links are https.
    expect(run.report.findings.filter((found) => found.check === 'headers' || found.check === 'link')).toEqual([]);
  });

  it('is clean: no error and no warning', () => {
    expect(run.report.findings.filter((found) => found.severity !== 'info')).toEqual([]);
    expect(run.code).toBe(0);
  });
});

describe('digest check on a workspace', () => {
  let ws: Workspace;
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({ '/ok': (_req, res) => res.writeHead(200).end('ok') });
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-data', { title: 'The raw data', date: '2026-11-24T09:30', author: 'lin', extra: `url: ${server.url('/ok')}` });
    writeArticle(ws, '2026-11-25-report', { title: 'The old report', date: '2026-11-25T09:30', author: 'lin', extra: `url: ${server.url('/missing')}` });
  });
  afterAll(async () => {
    ws?.remove();
    await server?.close();
  });

  it('is an error naming theme.accent when the accent is under 4.5:1 on the email background', async () => {
    ws.write('digest.config.yaml', `${ws.read('digest.config.yaml')}\ntheme:\n  accent: "#9ab"\n`);
    try {
      const { code, report } = await checkJson(ws.dir);
      expect(code).toBe(1);
      expect(report.findings).toContainEqual(expect.objectContaining({ severity: 'error', check: 'contrast', message: expect.stringMatching(/theme\.accent #9ab .*under 4\.5:1/) }));
    } finally {
      ws.write('digest.config.yaml', ws.read('digest.config.yaml').replace(/\ntheme:\n {2}accent: "#9ab"\n$/, ''));
    }
    const { report } = await checkJson(ws.dir);
    expect(report.findings.filter((found) => found.message.includes('theme.accent'))).toEqual([]);
  });

  it('fetches every link with --online and warns of the one that answers 404', async () => {
    const offline = await checkJson(ws.dir);
    expect(offline.report.findings.filter((found) => found.check === 'online-link')).toEqual([]);
    // The local server speaks http: the syntax check warns of both links either way.
    expect(offline.report.findings.filter((found) => found.check === 'link').map((found) => found.message)).toEqual([
      expect.stringContaining(`${server.url('/ok')} ("The raw data") uses http:`),
      expect.stringContaining(`${server.url('/missing')} ("The old report") uses http:`),
    ]);
    const online = await checkJson(ws.dir, '--online');
    const fetched = online.report.findings.filter((found) => found.check === 'online-link' && found.message.includes('127.0.0.1'));
    expect(fetched).toEqual([{ severity: 'warning', check: 'online-link', message: `link ${server.url('/missing')} answers 404: fix or remove it` }]);
  });

  it('signs the sample message with the DKIM key and verifies it', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    ws.write('dkim.pem', privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const original = ws.read('digest.config.yaml');
    ws.write('digest.config.yaml', `${original}\ndkim:\n  domain: test.example\n  selector: news\n  privateKeyFile: ./dkim.pem\n`);
    try {
      const { report } = await checkJson(ws.dir);
      expect(report.findings.filter((found) => found.check === 'dkim')).toEqual([
        { severity: 'info', check: 'dkim', message: expect.stringMatching(/^DKIM: the sample message signed for test\.example \(selector news\) verifies/) },
      ]);
    } finally {
      ws.write('digest.config.yaml', original);
    }
  });

  it('prints the checks as lines without --json', async () => {
    const result = await runCli(['check', '--now', NOW], { cwd: ws.dir, env: {} });
    expect(result.stdout).toMatch(/Checks: \d+ (error|warning)/);
    expect(result.stderr).toMatch(/uses http: .*\[link\]/);
  });

  it('refuses a client caniemail does not know, naming check.clients', async () => {
    const original = ws.read('digest.config.yaml');
    ws.write('digest.config.yaml', `${original}\ncheck:\n  clients: [gmail.desktop-webmail, outlook.desktop]\n`);
    try {
      const result = await runCli(['check', '--json', '--now', NOW], { cwd: ws.dir, env: {} });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^error: \S*digest\.config\.yaml:\d+: "check\.clients\.1" is "outlook\.desktop", which caniemail does not know: use a family such as "gmail" or names such as "apple-mail\.macos"/);
    } finally {
      ws.write('digest.config.yaml', original);
    }
  });
});
