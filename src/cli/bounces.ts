import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { applyReport, parseBounce, splitMbox, type Outcome } from '../bounces/index.js';
import { loadConfig } from '../config/load.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { createBounceStore } from '../store/bounces.js';
import { openStore } from '../store/db.js';
import { displayPath } from '../util/paths.js';
import { clockOf, type GlobalOptions } from './context.js';
import type { Io } from './io.js';
import type { Runner } from './runner.js';

/** Where a path's messages come from. */
type Source = { kind: 'file'; file: string } | { kind: 'maildir'; files: string[] };

/**
 * `digest bounces <file.eml | mbox | Maildir>… [--verp <pattern>]`: reads
 * DSNs, bounce texts and ARF complaints and applies them to the list.
 */
export function registerBouncesCommand(program: Command, io: Io, runner: Runner): void {
  program
    .command('bounces <paths...>')
    .description('apply bounce reports (DSN, common bounce texts) and complaints (ARF) from .eml files, mbox files or Maildir folders')
    .option('--verp <pattern>', 'the VERP return path bounces were sent to, e.g. "bounces+{token}@example.com" (default: config bounces.address)')
    .action((paths: string[], options: { verp?: string }, command: Command) =>
      runner.run(async () => {
        const globals = command.optsWithGlobals<GlobalOptions>();
        const config = loadConfig(globals.config, io.cwd);
        const sources = paths.map((given) => sourceOf(path.resolve(io.cwd, given), displayPath(path.resolve(io.cwd, given), io.cwd)));
        const store = openStore(config.dataDir);
        const counts: Record<Outcome, number> = { hard: 0, soft: 0, complaint: 0, unmatched: 0, 'not-a-bounce': 0 };
        let read = 0;
        try {
          const bounceStore = createBounceStore(store, {
            now: clockOf(globals, config.timezone).now(),
            bounceThreshold: config.sending.bounceThreshold,
          });
          for (const source of sources) {
            for (const raw of messagesOf(source)) {
              read += 1;
              const report = await parseBounce(raw, { verpPattern: options.verp ?? config.bounces.address });
              counts[applyReport(report, bounceStore)] += 1;
            }
          }
        } finally {
          store.close();
        }
        io.out(
          `Read ${read} message${read === 1 ? '' : 's'}: ${counts.hard} hard bounced, ${counts.soft} soft bounced, ` +
            `${counts.complaint} complained, ${counts.unmatched} unmatched, ${counts['not-a-bounce']} not a bounce`,
        );
      }),
    );
}

function sourceOf(absolute: string, shown: string): Source {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch (cause) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, 'cannot read this path', {
      file: shown,
      hint: 'pass .eml or mbox files, or Maildir folders (with cur/ and new/)',
      cause,
    });
  }
  if (stat.isFile()) {
    try {
      fs.accessSync(absolute, fs.constants.R_OK);
    } catch (cause) {
      throw new DigestError(ErrorCodes.INPUT_INVALID, 'cannot read this file', { file: shown, hint: 'check its permissions', cause });
    }
    return { kind: 'file', file: absolute };
  }
  const folders = ['cur', 'new'].map((name) => path.join(absolute, name)).filter((folder) => fs.existsSync(folder));
  if (!stat.isDirectory() || folders.length === 0) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, 'is neither a file nor a Maildir folder', {
      file: shown,
      hint: 'a Maildir folder has cur/ and new/ subfolders; pass .eml or mbox files otherwise',
    });
  }
  try {
    const files = folders.flatMap((folder) =>
      fs
        .readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
        .map((entry) => path.join(folder, entry.name))
        .sort(),
    );
    return { kind: 'maildir', files };
  } catch (cause) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, 'cannot list this Maildir folder', { file: shown, hint: 'check its permissions', cause });
  }
}

function* messagesOf(source: Source): Generator<Buffer> {
  if (source.kind === 'maildir') {
    for (const file of source.files) yield readMessageFile(file);
    return;
  }
  const data = readMessageFile(source.file);
  // An mbox starts with a "From " separator line; a single message never does.
  if (data.subarray(0, 5).toString('latin1') === 'From ') yield* splitMbox(data);
  else yield data;
}

function readMessageFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (cause) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, 'cannot read this file', {
      file,
      hint: 'check its permissions; the messages before it are already applied',
      cause,
    });
  }
}
