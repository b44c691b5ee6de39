import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { openStore, type Store } from '../store/db.js';
import { formatSubscriberCsv } from '../store/subscriber-csv.js';
import { addSubscriber, forgetSubscriber, removeSubscriber, resubscribe, unsubscribe } from '../store/subscriber-changes.js';
import { listSubscribers } from '../store/subscribers.js';
import type { Subscriber } from '../types.js';
import { clockOf, type GlobalOptions } from './context.js';
import type { Io } from './io.js';

type Run = (action: () => Promise<void>) => Promise<void>;

/** The JSON form of a subscriber in `list --json` and `export --json`. */
export function subscriberJson({ email, name, status, sections, pausedUntil }: Subscriber): object {
  return { email, name, status, sections: sections ?? null, pausedUntil: pausedUntil ?? null };
}

/** `digest subscribers add | remove | unsubscribe | resubscribe | forget | export`. */
export function registerSubscriberChanges(subscribers: Command, io: Io, run: Run): void {
  const withStore = (command: Command, action: (store: Store, now: Date) => void): Promise<void> =>
    run(async () => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const config = loadConfig(globals.config, io.cwd);
      const store = openStore(config.dataDir);
      try {
        action(store, clockOf(globals, config.timezone).now());
      } finally {
        store.close();
      }
    });

  subscribers
    .command('add <email>')
    .description('add one active subscriber (a suppressed address is refused; --force lets a hard-bounced one back)')
    .option('--name <name>', 'the subscriber\'s name')
    .option('--force', 're-activate an address suppressed after a hard bounce')
    .action((email: string, options: { name?: string; force?: boolean }, command: Command) =>
      withStore(command, (store, now) => {
        const added = addSubscriber(store, options.name === undefined ? { email } : { email, name: options.name }, now, options.force);
        io.out(`Added ${added.email}`);
      }),
    );

  subscribers
    .command('remove <email>')
    .description('take an address off the list (it may be added again)')
    .action((email: string, _options: unknown, command: Command) =>
      withStore(command, (store, now) => {
        const removal = removeSubscriber(store, email, now);
        io.out(`Removed ${email.trim().toLowerCase()}${removal === 'erased' ? ' (its delivery history is kept without the address)' : ''}`);
      }),
    );

  subscribers
    .command('unsubscribe <email>')
    .description('mark an address unsubscribed')
    .action((email: string, _options: unknown, command: Command) =>
      withStore(command, (store, now) => io.out(`Unsubscribed ${unsubscribe(store, email, now).email}`)),
    );

  subscribers
    .command('resubscribe <email>')
    .description('make a listed address active again (a suppressed address is refused; --force lets a hard-bounced one back)')
    .option('--force', 're-activate an address suppressed after a hard bounce')
    .action((email: string, options: { force?: boolean }, command: Command) =>
      withStore(command, (store, now) => io.out(`Resubscribed ${resubscribe(store, email, now, options.force).email}`)),
    );

  subscribers
    .command('forget <email>')
    .description('delete an address\'s personal data and suppress it for good (only its hash is kept)')
    .action((email: string, _options: unknown, command: Command) =>
      withStore(command, (store, now) => {
        forgetSubscriber(store, email, now);
        io.out(`Forgot ${email.trim().toLowerCase()}: its data is deleted and the address is suppressed`);
      }),
    );

  subscribers
    .command('export')
    .description('print the list as CSV (email,name,status; the default) or JSON')
    .option('--csv', 'CSV with the header email,name,status (default)')
    .option('--json', 'a JSON array of {"email","name","status","sections"}')
    .action((options: { csv?: boolean; json?: boolean }, command: Command) =>
      withStore(command, (store) => {
        if (options.csv && options.json) {
          throw new DigestError(ErrorCodes.INPUT_INVALID, '--csv and --json exclude each other', { hint: 'pass one of them' });
        }
        const all = listSubscribers(store);
        io.out(options.json ? JSON.stringify(all.map(subscriberJson), null, 2) : formatSubscriberCsv(all));
      }),
    );
}
