/**
 * Worker-thread entry of {@link buildInWorker}: builds one issue with its own
 * store connection and posts its log lines, then the built issue or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/db.js';
import { buildAndLog } from './build-step.js';
import { serializeError, type BuildReply, type BuildRequest } from './build-in-worker.js';
import { clockFrom } from './clock.js';

const request = workerData as BuildRequest;
const post = (reply: BuildReply) => parentPort?.postMessage(reply);

const store = openStore(request.config.dataDir);
try {
  const context = {
    config: request.config,
    clock: clockFrom(new Date(request.now)),
    env: request.env,
    log: {
      info: (line: string) => post({ type: 'log', level: 'info', line }),
      warn: (line: string) => post({ type: 'log', level: 'warn', line }),
    },
  };
  post({ type: 'built', built: await buildAndLog(context, request.week, store) });
} catch (error) {
  post({ type: 'failed', error: serializeError(error) });
} finally {
  store.close();
}
