import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockFrom } from '../../src/pipeline/clock.js';
import { silentLog } from '../../src/pipeline/log.js';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server.js';
import { PreviewSession } from '../../src/preview/session.js';
import { launchChromium } from '../helpers/browser.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

// Started with --host localhost, ::1 or 0.0.0.0 the preview answered any Host
// header: through DNS rebinding a web page could send test mails through the
// configured SMTP server and read the outbox (addresses and signed tokens).

const NOW = '2026-11-26T12:00:00+01:00';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One raw request to `address:port`, with whatever Host and other headers an attacker picks. */
function request(address: string, port: number, options: { path: string; method?: string; headers: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: address, port, path: options.path, method: options.method ?? 'GET', headers: options.headers, setHost: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      // The event stream never ends by itself: its first bytes are enough.
      res.on('data', (chunk: string) => {
        body += chunk;
        if (options.path === '/events') req.destroy();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const READS = ['/', '/api/state', '/email.html', '/events', '/api/outbox', '/api/outbox/message?id=test-sends/2026-W48/x.eml'];

function testSendsOf(ws: Workspace): string[] {
  const dir = path.join(ws.dataDir, 'test-sends');
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((file) => file.endsWith('.eml')) : [];
}

describe.each([
  { bind: '127.0.0.1', address: '127.0.0.1' },
  { bind: 'localhost', address: '127.0.0.1' },
  { bind: '::1', address: '::1' },
  { bind: '0.0.0.0', address: '127.0.0.1' },
])('the preview started with --host $bind', ({ bind, address }) => {
  let ws: Workspace;
  let server: PreviewServer;
  let port: number;
  beforeAll(async () => {
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-a', { title: 'This week', date: '2026-11-24', author: 'ada' });
    const clock = clockFrom(new Date(NOW));
    const session = new PreviewSession(ws.configFile, ws.dir, clock, {});
    server = await startPreviewServer({ session, host: bind, port: 0, clock, env: {}, log: silentLog });
    port = server.port;
  });
  afterAll(async () => {
    await server?.close();
    ws?.remove();
  });

  it.each(READS)('refuses %s under a foreign Host, or our name at another port', async (route) => {
    for (const host of ['attacker.example', `attacker.example:${port}`, `localhost.attacker.example:${port}`, `127.0.0.1:${port + 1}`, `[::1]:${port + 1}`]) {
      const answer = await request(address, port, { path: route, headers: { host } });
      expect({ host, status: answer.status }).toEqual({ host, status: 403 });
      expect(answer.body).not.toContain('This week');
    }
  });

  it.each(READS.slice(0, 3))('answers %s under the names it was started for', async (route) => {
    const names = ['localhost', '127.0.0.1', '[::1]', bind.includes(':') ? `[${bind}]` : bind];
    for (const name of names) {
      const answer = await request(address, port, { path: route, headers: { host: `${name}:${port}` } });
      expect({ name, status: answer.status }).toEqual({ name, status: 200 });
    }
  });

  it('sends no test mail for a request under a foreign Host, from another origin, or marked cross-site', async () => {
    const body = JSON.stringify({ to: 'victim@example.com', week: '2026-W48' });
    const json = { 'content-type': 'application/json' };
    const attempts: Record<string, string>[] = [
      { host: `attacker.example:${port}`, ...json },
      { host: `localhost:${port}`, origin: 'http://attacker.example', ...json },
      { host: `localhost:${port}`, origin: `http://localhost:${port + 1}`, ...json },
      { host: `localhost:${port}`, origin: 'null', ...json },
      { host: `localhost:${port}`, 'sec-fetch-site': 'cross-site', ...json },
      { host: `localhost:${port}`, 'sec-fetch-site': 'same-site', ...json },
    ];
    for (const headers of attempts) {
      const answer = await request(address, port, { path: '/api/send-test', method: 'POST', headers, body });
      expect({ headers, status: answer.status }).toEqual({ headers, status: 403 });
    }
    expect(testSendsOf(ws)).toEqual([]);
    const own = await request(address, port, {
      path: '/api/send-test',
      method: 'POST',
      headers: { host: `localhost:${port}`, origin: `http://localhost:${port}`, 'sec-fetch-site': 'same-origin', ...json },
      body,
    });
    expect(own.status).toBe(200);
    expect(testSendsOf(ws)).toHaveLength(1);
  });

  it('sends a Content-Security-Policy that runs only its own script', async () => {
    const answer = await request(address, port, { path: '/', headers: { host: `localhost:${port}` } });
    const policy = String(answer.headers['content-security-policy']);
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("connect-src 'self'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('the preview started with --host 0.0.0.0', () => {
  it("answers to this machine's host name too", async () => {
    const ws = createWorkspace();
    const clock = clockFrom(new Date(NOW));
    const server = await startPreviewServer({ session: new PreviewSession(ws.configFile, ws.dir, clock, {}), host: '0.0.0.0', port: 0, clock, env: {}, log: silentLog });
    try {
      const answer = await request('127.0.0.1', server.port, { path: '/api/state', headers: { host: `${os.hostname()}:${server.port}` } });
      expect(answer.status).toBe(200);
    } finally {
      await server.close();
      ws.remove();
    }
  });
});

describe('the preview page under its Content-Security-Policy in Chromium', () => {
  let ws: Workspace;
  let server: PreviewServer;
  let browser: Browser;
  beforeAll(async () => {
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-a', { title: 'This week', date: '2026-11-24', author: 'ada' });
    const clock = clockFrom(new Date(NOW));
    server = await startPreviewServer({ session: new PreviewSession(ws.configFile, ws.dir, clock, {}), host: 'localhost', port: 0, clock, env: {}, log: silentLog });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    ws?.remove();
  });

  it('shows the email, sends a test and breaks no rule of the policy', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`http://localhost:${server.port}/`);
    await expect.poll(() => page.frameLocator('#frame').locator('body').innerText(), { timeout: 15_000 }).toContain('This week');
    await page.fill('#test-to', 'editor@example.com');
    await page.click('#test-form button');
    await expect.poll(() => page.locator('#test-result').innerText(), { timeout: 15_000 }).toMatch(/editor@example\.com/);
    expect(testSendsOf(ws)).toHaveLength(1);
    expect(violations).toEqual([]);
  });
});
