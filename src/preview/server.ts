import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { watch, type FSWatcher } from 'chokidar';
import { parseWeekId } from '../util/week.js';
import { ENV } from '../config/defaults.js';
import { listenOn } from '../util/listen.js';
import type { Log } from '../pipeline/log.js';
import { sendTestMessage } from '../pipeline/test-send.js';
import type { Clock } from '../types.js';
import { listOutbox, readOutboxMessage } from './outbox.js';
import { previewPage } from './page.js';
import { COMMON_HEADERS, createRequestGuard, EMAIL_POLICY, previewPagePolicy } from './request-guard.js';
import { PreviewSession, problemOf } from './session.js';
import { isMediaName, mediaDir } from '../util/media.js';
import { sendMediaFile } from '../util/media-http.js';
import path from 'node:path';

/** Options of {@link startPreviewServer}. */
export interface PreviewServerOptions {
  session: PreviewSession;
  host: string;
  port: number;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  log: Log;
  /** Milliseconds to gather a burst of file events into one rebuild. */
  debounceMs?: number;
}

/** A running preview server. */
export interface PreviewServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024;

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(data);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Starts the editor preview: the page, its JSON API, server-sent events on
 * every save, and a file watcher. Bound to loopback unless `host` says
 * otherwise; a failing build shows as a problem on the page, never a crash.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const { session, log } = options;
  const clients = new Set<http.ServerResponse>();
  const broadcast = (event: string, data: unknown) => {
    const payload = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of clients) client.write(payload);
  };

  // Weeks that pages asked for recently: rebuilt ahead of their requests after a save.
  const viewedWeeks = new Set<string>();
  const weekParam = (url: URL): string => {
    const week = url.searchParams.get('week') || session.upcomingWeekId();
    parseWeekId(week);
    viewedWeeks.add(week);
    if (viewedWeeks.size > 4) viewedWeeks.delete(viewedWeeks.values().next().value as string);
    return week;
  };

  let port = options.port;
  const guard = createRequestGuard({ bindHost: options.host, port: () => port });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://preview.local');
    for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value);
    // DNS rebinding and cross-site requests: see request-guard.ts. Every route is behind it.
    const refusal = guard(req);
    if (refusal) {
      sendJson(res, refusal.status, { error: refusal.error });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/') {
      const page = previewPage();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': previewPagePolicy(page) });
      res.end(page);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/state') {
      sendJson(res, 200, await session.snapshot(weekParam(url)));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/email.html') {
      const snapshot = await session.snapshot(weekParam(url));
      res.writeHead(snapshot.html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': EMAIL_POLICY });
      res.end(snapshot.html ? snapshot.html.split(snapshot.mediaPrefix).join('/media/') : 'No email for this week.');
      return;
    }
    if (req.method === 'GET' && url.pathname.startsWith('/media/')) {
      // Images of the weeks on screen come from their files; earlier issues' from dataDir/media.
      const name = url.pathname.slice('/media/'.length);
      const source = isMediaName(name) ? ((await session.mediaFile(name, viewedWeeks)) ?? path.join(mediaDir(session.currentConfig.dataDir), name)) : undefined;
      if (source && (await sendMediaFile(source, name, req, res))) return;
      sendJson(res, 404, { error: 'no such image' });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(`event: hello\ndata: ${JSON.stringify({ version: session.version })}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/outbox') {
      sendJson(res, 200, { capture: !options.env[ENV.smtpUrl], messages: listOutbox(session.currentConfig.dataDir) });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/outbox/message') {
      const message = await readOutboxMessage(session.currentConfig.dataDir, url.searchParams.get('id') ?? '');
      sendJson(res, message ? 200 : 404, message ?? { error: 'no such message' });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/api/send-test') {
      // A JSON content type cannot be sent cross-site without a CORS preflight, which this server never grants.
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        sendJson(res, 415, { error: 'send JSON' });
        return;
      }
      const body = JSON.parse(await readBody(req)) as { to?: unknown; week?: unknown };
      const week = typeof body.week === 'string' && body.week ? body.week : session.upcomingWeekId();
      parseWeekId(week);
      const issue = await session.testIssue(week);
      if ('error' in issue) {
        sendJson(res, 409, { error: issue.error });
        return;
      }
      const result = await sendTestMessage(session.currentConfig, issue.rendered, String(body.to ?? ''), {
        env: options.env,
        clock: options.clock,
        log,
      });
      broadcast('outbox', {});
      sendJson(res, 200, result);
      return;
    }
    sendJson(res, 404, { error: 'not found' });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 400, { error: problemOf(error) });
      else res.end();
    });
  });
  await listenOn(server, { port: options.port, host: options.host, command: 'digest preview' });
  port = (server.address() as AddressInfo).port;

  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(session.watchedPaths(), { ignoreInitial: true });
  const flush = () => {
    timer = undefined;
    const changed = pending;
    pending = [];
    const before = session.watchedPaths().join('\n');
    session.invalidate(changed);
    const after = session.watchedPaths();
    if (after.join('\n') !== before) watcher.add(after);
    // Start rebuilding the weeks on screen now, so the pages' requests find the work under way.
    for (const week of viewedWeeks) void session.snapshot(week);
    broadcast('change', { version: session.version, files: changed });
  };
  watcher.on('all', (_event, file) => {
    pending.push(file);
    // A fixed window from the first event (not restarted by later ones) gathers an editor's
    // multi-file save without letting a stream of events postpone the rebuild.
    timer ??= setTimeout(flush, options.debounceMs ?? 15);
  });
  watcher.on('error', (error) => log.warn(`file watcher: ${error instanceof Error ? error.message : String(error)}`));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  const keepAlive = setInterval(() => {
    for (const client of clients) client.write(': keep-alive\n\n');
  }, 15_000);

  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/`,
    port,
    async close() {
      clearInterval(keepAlive);
      clearTimeout(timer);
      await watcher.close();
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
