import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { clockFrom } from '../../src/pipeline/clock.js';
import { startPublicServer, type PublicServer } from '../../src/serve/index.js';
import { openStore, type Store } from '../../src/store/db.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

/** POSTs a chunked body (no Content-Length) and returns the status the client receives. */
function postChunked(url: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    for (let sent = 0; sent < bytes; sent += 512) request.write('x'.repeat(512));
    request.end();
  });
}

// Malformed percent-encoding in a token gave a 500; an oversized chunked body
// got the connection cut instead of a 413.
describe('the public server answers malformed requests with a 4xx', () => {
  let ws: Workspace;
  let store: Store;
  let server: PublicServer;
  beforeAll(async () => {
    ws = createWorkspace();
    store = openStore(ws.dataDir);
    server = await startPublicServer({
      config: loadConfig(ws.configFile),
      store,
      secret: 'regression-secret-0123456789',
      clock: clockFrom(new Date('2026-11-30T08:00:00Z')),
      host: '127.0.0.1',
      port: 0,
    });
  });
  afterAll(async () => {
    await server.close();
    store.close();
    ws.remove();
  });

  it.each(['%ZZ', '%E0%A4%A'])('GET and POST /unsubscribe/%s → 404', async (token) => {
    expect((await fetch(`${server.url}unsubscribe/${token}`)).status).toBe(404);
    const post = await fetch(`${server.url}unsubscribe/${token}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(post.status).toBe(404);
  });

  it('a 5 KB chunked body gets a 413', async () => {
    expect(await postChunked(`${server.url}unsubscribe/1.${'a'.repeat(43)}`, 5 * 1024)).toBe(413);
  });
});
