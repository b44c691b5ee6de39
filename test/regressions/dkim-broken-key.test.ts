import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

// A PEM key with a damaged body passed the header check; nodemailer then sent
// every message unsigned, silently.
describe('a DKIM key that cannot sign stops the run before anything is sent', () => {
  let ws: Workspace;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    ws = createWorkspace({ extraConfig: 'dkim:\n  domain: test.example\n  selector: news\n  privateKeyFile: ./dkim.pem\n' });
    const pem = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const lines = pem.trim().split('\n');
    fs.writeFileSync(`${ws.dir}/dkim.pem`, [...lines.slice(0, 6), lines.at(-1)].join('\n'));
    writeArticle(ws, '2026-11-24-a', { title: 'A', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, ['a@example.com,A']);
    await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir });
  });
  afterAll(async () => {
    await sink.close();
    ws.remove();
  });

  it('exits 1 naming the key file, and sends nothing', async () => {
    const result = await runCli(['run', '--now', '2026-11-30T08:00:00'], {
      cwd: ws.dir,
      env: { SMTP_URL: sink.url, DIGEST_SECRET: 'regression-secret-0123456789' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*dkim\.pem: "dkim\.privateKeyFile" is not a usable unencrypted RSA private key/m);
    expect(sink.messages).toHaveLength(0);
  });
});
