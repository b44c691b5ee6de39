import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { openStore } from '../store/db.js';
import { decodeCsvBytes } from '../store/csv-decode.js';
import { parseSubscriberCsv } from '../store/subscriber-csv.js';
import { listSubscribers, upsertSubscribers } from '../store/subscribers.js';
import { displayPath } from '../util/paths.js';
import { registerSubscriberChanges, subscriberJson } from './subscriber-changes.js';
import { clockOf, type GlobalOptions } from './context.js';
import type { Io } from './io.js';

/** `digest subscribers import | list`, and the one-address commands of subscriber-changes.ts. */
export function registerSubscriberCommands(program: Command, io: Io, run: (action: () => Promise<void>) => Promise<void>): void {
  const subscribers = program.command('subscribers').description('manage the subscriber list');

  subscribers
    .command('import <file>')
    .description('add or update subscribers from a CSV file with an "email" column (and optional "name")')
    .option('--encoding <name>', 'the file\'s text encoding, e.g. latin1 or windows-1252 (default: utf-8, checked strictly)')
    .option('--dry-run', 'print what the import would do, change nothing')
    .option('--force', 're-activate addresses suppressed after a hard bounce (never a complaint)')
    .action((file: string, options: { encoding?: string; dryRun?: boolean; force?: boolean }, command: Command) =>
      run(async () => {
        const globals = command.optsWithGlobals<GlobalOptions>();
        const config = loadConfig(globals.config, io.cwd);
        const absolute = path.resolve(io.cwd, file);
        const shown = displayPath(absolute, io.cwd);
        if (!fs.existsSync(absolute)) {
          throw new DigestError(ErrorCodes.INPUT_INVALID, 'file not found', { file: shown, hint: 'check the path of the CSV file' });
        }
        if (!fs.statSync(absolute).isFile()) {
          throw new DigestError(ErrorCodes.INPUT_INVALID, 'is not a file', { file: shown, hint: 'pass the path of a CSV file' });
        }
        const csv = parseSubscriberCsv(decodeCsvBytes(fs.readFileSync(absolute), shown, options.encoding), shown);
        const store = openStore(config.dataDir);
        try {
          const now = clockOf(globals, config.timezone).now();
          const result = upsertSubscribers(store, csv.rows, now, { force: options.force === true, dryRun: options.dryRun === true });
          const counts = `${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.suppressed.length} suppressed, ${csv.errors.length} invalid`;
          io.out(`${options.dryRun ? 'Would import' : 'Imported'} ${shown}: ${counts}`);
          for (const email of result.suppressed) io.out(`  suppressed, left as it is: ${email}`);
        } finally {
          store.close();
        }
        for (const error of csv.errors) io.err(`${shown}:${error.line}: ${error.message}`);
        if (csv.errors.length > 0) {
          throw new DigestError(
            ErrorCodes.CSV_INVALID,
            `${csv.errors.length} row${csv.errors.length === 1 ? ' was' : 's were'} not imported (listed above)`,
            { file: shown, hint: options.dryRun ? 'fix those lines before importing' : 'fix those lines and import the file again; valid rows are already in' },
          );
        }
      }),
    );

  subscribers
    .command('list')
    .description('list subscribers')
    .option('--json', 'print a JSON array of {"email","name","status","sections","pausedUntil"}')
    .action((options: { json?: boolean }, command: Command) =>
      run(async () => {
        const config = loadConfig(command.optsWithGlobals<GlobalOptions>().config, io.cwd);
        const store = openStore(config.dataDir);
        try {
          const all = listSubscribers(store);
          if (options.json) {
            io.out(JSON.stringify(all.map(subscriberJson), null, 2));
            return;
          }
          if (all.length === 0) {
            io.out('No subscribers yet: add some with "digest subscribers import <file.csv>"');
            return;
          }
          const width = Math.max(...all.map((subscriber) => subscriber.email.length));
          for (const subscriber of all) {
            io.out(`${subscriber.email.padEnd(width)}  ${subscriber.status.padEnd(12)}  ${subscriber.name ?? ''}`.trimEnd());
          }
          const active = all.filter((subscriber) => subscriber.status === 'active').length;
          io.out(`${all.length} subscribers, ${active} active`);
        } finally {
          store.close();
        }
      }),
    );

  registerSubscriberChanges(subscribers, io, run);
}
