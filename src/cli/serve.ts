import type { Command } from 'commander';
import path from 'node:path';
import { resolveSecret } from '../pipeline/secret.js';
import { startPendingCleanup } from '../pipeline/pending-cleanup.js';
import { openTransport } from '../pipeline/send.js';
import { startPublicServer } from '../serve/index.js';
import { openStore } from '../store/db.js';
import type { Io } from './io.js';
import { portOf } from './options.js';
import type { Runner } from './runner.js';

/** `digest serve`: the public unsubscribe endpoint and web archive. */
export function registerServeCommand(program: Command, io: Io, runner: Runner): void {
  program
    .command('serve')
    .description('serve sign-up with double opt-in, the one-click unsubscribe URLs (RFC 8058) and the web archive of sent issues')
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <address>', 'address to bind (put a TLS reverse proxy in front for the public baseUrl)', '127.0.0.1')
    .option('--trust-proxy', 'take client addresses (for rate limiting) from the X-Forwarded-For header set by your reverse proxy')
    .action((options: { port: string; host: string; trustProxy?: boolean }, command: Command) =>
      runner.withContext(command, async (context) => {
        const port = portOf(options.port);
        const { config, clock, log } = context;
        const secret = resolveSecret(context.env, config.dataDir, { forDelivery: false });
        if (secret.source === 'local') log.warn('DIGEST_SECRET is not set: verifying links with the local secret (as local sends sign them)');
        const store = openStore(config.dataDir);
        // Sign-up confirmations: SMTP_URL, else the capture server (kept in dataDir/sign-up-mail/).
        const mail = await openTransport(config, context.env, path.join(config.dataDir, 'sign-up-mail'), log);
        // Expired sign-ups go now and every hour while the server runs (by its clock: --now too).
        const stopCleanup = startPendingCleanup(store, config, clock, log);
        try {
          const server = await startPublicServer({
            config,
            store,
            secret: secret.value,
            previousSecrets: secret.previous,
            clock,
            host: options.host,
            port,
            trustProxy: options.trustProxy,
            onUnsubscribe: (email) => log.info(`unsubscribed: ${email}`),
            onSubscribe: (email) => log.info(`subscribed: ${email}`),
            mailer: mail.transport,
            onError: (message) => log.warn(message),
          });
          io.out(`Serving unsubscribe links and the archive of ${config.newsletter.name} on ${server.url} (public as ${config.newsletter.baseUrl})`);
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await server.close();
        } finally {
          stopCleanup();
          await mail.close();
          store.close();
        }
      }),
    );
}
