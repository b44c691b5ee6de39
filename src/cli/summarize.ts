import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parseFrontMatter } from '../util/front-matter.js';
import { CONFIG_DEFAULTS } from '../config/defaults.js';
import { loadConfig } from '../config/load.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { summarizeText, toSummary } from '../summarize/index.js';
import { displayPath } from '../util/paths.js';
import type { GlobalOptions } from './context.js';
import type { Io } from './io.js';

/** The summary budget: `--max-length`, else the config's, else the default. */
function budgetOf(options: { maxLength?: string }, globals: GlobalOptions, io: Io): number {
  if (options.maxLength !== undefined) {
    const value = Number(options.maxLength);
    if (!Number.isInteger(value) || value < 20) {
      throw new DigestError(ErrorCodes.INPUT_INVALID, `--max-length must be a whole number of characters ≥ 20, got "${options.maxLength}"`, {
        field: '--max-length',
        hint: 'e.g. --max-length 300',
      });
    }
    return value;
  }
  const hasConfig = globals.config !== undefined || fs.existsSync(path.join(io.cwd, CONFIG_DEFAULTS.configFileName));
  return hasConfig ? loadConfig(globals.config, io.cwd).summary.maxLength : CONFIG_DEFAULTS.summaryMaxLength;
}

async function readInput(file: string, io: Io): Promise<{ text: string; shown: string }> {
  if (file === '-') return { text: await io.readStdin(), shown: '(stdin)' };
  const absolute = path.resolve(io.cwd, file);
  const shown = displayPath(absolute, io.cwd);
  if (!fs.existsSync(absolute)) throw new DigestError(ErrorCodes.INPUT_INVALID, 'file not found', { file: shown, hint: 'check the path' });
  try {
    return { text: fs.readFileSync(absolute, 'utf8'), shown };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new DigestError(ErrorCodes.INPUT_INVALID, code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code})`, {
      file: shown,
      hint: 'pass the path of one article file (or - for stdin)',
      cause: error,
    });
  }
}

/** `digest summarize <file>` and `digest summarize --jsonl <in>`. */
export function registerSummarizeCommand(program: Command, io: Io, run: (action: () => Promise<void>) => Promise<void>): void {
  program
    .command('summarize [file]')
    .description('print the summary the digest would use for an article (front-matter summary wins)')
    .option('--jsonl <in>', 'read lines {"id","text"} from a file (or - for stdin) and write lines {"id","summary"}')
    .option('--max-length <n>', 'summary budget in characters (default: the config\'s summary.maxLength, or 300)')
    .action((file: string | undefined, options: { jsonl?: string; maxLength?: string }, command: Command) =>
      run(async () => {
        const maxLength = budgetOf(options, command.optsWithGlobals<GlobalOptions>(), io);
        if (options.jsonl) {
          const { text, shown } = await readInput(options.jsonl, io);
          summarizeJsonl(text, shown, maxLength, io);
          return;
        }
        if (!file) {
          throw new DigestError(ErrorCodes.INPUT_INVALID, 'summarize needs an article file or --jsonl <in>', {
            hint: 'e.g. digest summarize content/articles/2026-11-24-my-article.md',
          });
        }
        const { text, shown } = await readInput(file, io);
        const hasFrontMatter = /^\uFEFF?---[ \t]*\r?\n/.test(text);
        const article = hasFrontMatter ? frontMatterArticle(text, shown) : { body: text };
        io.out(toSummary(article, { maxLength }));
      }),
    );
}

function frontMatterArticle(text: string, shown: string): { summary?: string; body: string } {
  const parsed = parseFrontMatter(text, shown);
  const summary = parsed.data.summary;
  return { summary: typeof summary === 'string' ? summary : undefined, body: parsed.body };
}

function summarizeJsonl(text: string, shown: string, maxLength: number, io: Io): void {
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new DigestError(ErrorCodes.INPUT_INVALID, 'line is not valid JSON', {
        file: shown,
        line: index + 1,
        hint: 'each line must be a JSON object like {"id":"a1","text":"..."}',
      });
    }
    const { id, text: body } = (record ?? {}) as { id?: unknown; text?: unknown };
    if (typeof body !== 'string' || (typeof id !== 'string' && typeof id !== 'number')) {
      throw new DigestError(ErrorCodes.INPUT_INVALID, 'line needs a string or number "id" and a string "text"', {
        file: shown,
        line: index + 1,
        hint: 'each line must be a JSON object like {"id":"a1","text":"..."}',
      });
    }
    io.out(JSON.stringify({ id, summary: summarizeText(body, { maxLength }) }));
  });
}
