import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { personalizeOptions } from '../../src/util/personalize-options.js';
import { startPublicServer, type PublicServer } from '../../src/serve/index.js';
import { openStore, type Store } from '../../src/store/db.js';
import { findSubscriberByEmail, upsertSubscribers } from '../../src/store/subscribers.js';
import { signUnsubscribeToken } from '../../src/util/unsubscribe-token.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const SECRET = 'regression-secret-0123456789';

// With a baseUrl that has a path (https://example.com/news), the List-Unsubscribe
// URLs start with that path, and the server answered them with 404.
describe('a baseUrl with a path', () => {
  let ws: Workspace;
  let store: Store;
  let server: PublicServer;
  let token: string;
  beforeAll(async () => {
    ws = createWorkspace();
    ws.write('digest.config.yaml', ws.read('digest.config.yaml').replace('baseUrl: https://news.test.example/', 'baseUrl: https://test.example/news/'));
    const config = loadConfig(ws.configFile);
    store = openStore(config.dataDir);
    upsertSubscribers(store, [{ email: 'a@example.com' }], new Date());
    const subscriber = findSubscriberByEmail(store, 'a@example.com')!;
    token = signUnsubscribeToken({ subscriberId: subscriber.id, email: subscriber.email, listId: personalizeOptions(config, SECRET).listId }, SECRET);
    server = await startPublicServer({ config, store, secret: SECRET, clock: { now: () => new Date() }, host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server.close();
    store.close();
    ws.remove();
  });

  it('answers /news/unsubscribe/<token>', async () => {
    const response = await fetch(`${server.url}news/unsubscribe/${token}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(response.status).toBe(200);
    expect(findSubscriberByEmail(store, 'a@example.com')?.status).toBe('unsubscribed');
  });
});
