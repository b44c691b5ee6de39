import { PreviewSession } from '../../src/preview/session.js';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server.js';
import { clockFrom } from '../../src/pipeline/clock.js';
import { silentLog } from '../../src/pipeline/log.js';
import type { Workspace } from './workspace.js';

/** Starts the preview server in-process for a workspace, on a free loopback port. */
export async function startPreview(ws: Workspace, now: string): Promise<PreviewServer> {
  const clock = clockFrom(new Date(now));
  const session = new PreviewSession(ws.configFile, ws.dir, clock, {});
  return startPreviewServer({ session, host: '127.0.0.1', port: 0, clock, env: {}, log: silentLog });
}
