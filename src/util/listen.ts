import type { Server } from 'node:net';
import { DigestError, ErrorCodes } from '../errors.js';

/** Where a server listens, and what to call it in errors. */
export interface ListenOptions {
  port: number;
  host: string;
  /** The command that starts it, as the user typed it (e.g. `digest preview`). */
  command: string;
}

function hostLabel(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Turns a failure to listen into the catalogued error naming the port or
 * host and what to do; other errors are returned as they are.
 */
export function listenError(error: NodeJS.ErrnoException, options: ListenOptions): unknown {
  const { port, host, command } = options;
  const where = `${hostLabel(host)}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new DigestError(ErrorCodes.PORT_UNAVAILABLE, `port ${port} is already in use (${where})`, {
        field: '--port',
        hint: `start ${command} with --port <another port> (0 picks a free one), or stop the process that uses port ${port}`,
        cause: error,
      });
    case 'EACCES':
      return new DigestError(ErrorCodes.PORT_UNAVAILABLE, `no permission to listen on port ${port} (${where})`, {
        field: '--port',
        hint: `ports below 1024 need extra rights: start ${command} with --port 1024 or higher, or put a reverse proxy in front`,
        cause: error,
      });
    case 'EADDRNOTAVAIL':
    case 'EAFNOSUPPORT':
      return new DigestError(ErrorCodes.PORT_UNAVAILABLE, `cannot listen on ${hostLabel(host)}: it is not an address of this machine`, {
        field: '--host',
        hint: `start ${command} with --host 127.0.0.1, 0.0.0.0 for every address, or one of this machine's addresses`,
        cause: error,
      });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new DigestError(ErrorCodes.PORT_UNAVAILABLE, `cannot listen on ${host}: no such host name`, {
        field: '--host',
        hint: `start ${command} with --host set to an address (e.g. 127.0.0.1) or a name this machine resolves`,
        cause: error,
      });
    default:
      return error;
  }
}

/** Starts `server` listening; rejects with the catalogued error when the port or host cannot be had. */
export function listenOn(server: Server, options: ListenOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(listenError(error, options));
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
