import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRecord } from '../../src/checks/index.js';
import { clockFrom } from '../../src/pipeline/clock.js';
import { silentLog } from '../../src/pipeline/log.js';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server.js';
import { PreviewSession, type PreviewSnapshot } from '../../src/preview/session.js';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

const NOW = '2026-11-30T08:00:00';
const BUNDLED = path.resolve(import.meta.dirname, '..', '..', 'templates');
const FILE = 'content/articles/2026-11-24-a.md';

// Checks the preview showed (an image without alt) never reached `digest
// build`/`run` output or issue.json, and "send me a test" after a week stopped
// rendering sent the last good email.
describe('the preview and the job read the same build', () => {
  let ws: Workspace;
  let sink: SmtpSink;
  let server: PreviewServer;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ws = createWorkspace({ extraConfig: 'templatesDir: ./templates\n' });
    fs.cpSync(BUNDLED, path.join(ws.dir, 'templates'), { recursive: true });
    writeArticle(ws, '2026-11-24-a', {
      title: 'Pictures without words',
      date: '2026-11-24',
      author: 'ada',
      body: 'We moved the queue to a stream and latency fell from hours to seconds.\n\n![](https://cdn.test.example/chart.png)\n',
    });
    writeArticle(ws, '2026-11-25-b', { title: 'Nobody wrote this', date: '2026-11-25' });
    const clock = clockFrom(new Date('2026-11-30T07:00:00Z'));
    const env = { SMTP_URL: sink.url };
    const session = new PreviewSession(ws.configFile, ws.dir, clock, env);
    server = await startPreviewServer({ session, host: '127.0.0.1', port: 0, clock, env, log: silentLog });
  });
  afterAll(async () => {
    await server?.close();
    await sink?.close();
    ws?.remove();
  });

  const state = async (): Promise<PreviewSnapshot> => (await fetch(`${server.url}api/state?week=2026-W48`)).json() as Promise<PreviewSnapshot>;
  const sendTest = () =>
    fetch(`${server.url}api/send-test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url.replace(/\/$/, '') },
      body: JSON.stringify({ to: 'editor@example.com', week: '2026-W48' }),
    });

  it('build prints the count and every warning, and issue.json has the checks the preview shows', async () => {
    const result = await runCli(['build', '--week', '2026-W48', '--now', NOW], { cwd: ws.dir, env: {} });
    expect(result.code).toBe(0);
    const issue = JSON.parse(ws.read('data/issues/2026-W48/issue.json'));
    const warnings = issue.checks.filter((check: { severity: string }) => check.severity === 'warning');
    expect(result.stdout).toContain(`Checks: ${warnings.length} warnings`);
    expect(result.stderr).toMatch(new RegExp(`warning: ${FILE}:\\d+: image https://cdn\\.test\\.example/chart\\.png has no alt text.*\\[missing-alt\\]`));
    expect(result.stderr).toMatch(/warning: content\/articles\/2026-11-25-b\.md: no author.*\[missing-author\]/);
    expect(issue.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'warning', check: 'missing-alt', file: FILE }),
        expect.objectContaining({ severity: 'warning', check: 'missing-author', file: 'content/articles/2026-11-25-b.md' }),
      ]),
    );
    for (const check of issue.checks) {
      expect(Object.keys(check).every((key) => ['severity', 'check', 'message', 'file'].includes(key))).toBe(true);
      expect(['error', 'warning', 'info']).toContain(check.severity);
    }
    expect((await state()).checks.map(checkRecord)).toEqual(issue.checks);

    // digest check runs the same checks and, on top, the slower ones of the email (client support, spam score…).
    const checked = await runCli(['check', '--week', '2026-W48', '--json', '--now', NOW], { cwd: ws.dir, env: {} });
    const report = JSON.parse(checked.stdout) as { errors: number; findings: { severity: string; check: string; message: string; file?: string }[] };
    expect(checked.code).toBe(report.errors > 0 ? 1 : 0);
    for (const found of issue.checks) expect(report.findings).toContainEqual(expect.objectContaining({ severity: found.severity, check: found.check, ...(found.file ? { file: found.file } : {}) }));
  });

  it('"send me a test" sends the current email, and refuses once the week stops rendering', async () => {
    const sent = await sendTest();
    expect(sent.status).toBe(200);
    expect(sink.messages).toHaveLength(1);

    const partial = path.join(ws.dir, 'templates', 'partials', 'article.mjml.hbs');
    fs.writeFileSync(partial, `${fs.readFileSync(partial, 'utf8')}\n{{#if article.title}}never closed\n`);
    await expect.poll(async () => (await state()).problems.length, { timeout: 10_000 }).toBeGreaterThan(0);

    const refused = await sendTest();
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toMatch(/week 2026-W48 does not build now.*nothing was sent/);
    expect(sink.messages).toHaveLength(1);
  });
});
