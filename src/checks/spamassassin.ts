import { spawn } from 'node:child_process';

/** One SpamAssassin rule that hit, with the points it added. */
export interface SpamRule {
  name: string;
  score: number;
  description: string;
}

/** A message's score, or why it could not be scored. */
export type SpamScore = { score: number; rules: SpamRule[]; via: 'spamc' | 'spamassassin' } | { skipped: string };

/** Options of {@link scoreMessage}. */
export interface ScoreOptions {
  /** Longest wait for one scorer, in ms; default 60 s (a cold `spamassassin` loads its rules for seconds). */
  timeoutMs?: number;
  /** The spamc command; `false` skips trying a spamd. Default `spamc`. */
  spamc?: string | false;
  /** Where spamc finds spamd; default spamc's own (its config file, else localhost:783). */
  spamd?: { host: string; port: number };
  /** The spamassassin command; default `spamassassin`. */
  spamassassin?: string;
}

/** Default of {@link ScoreOptions.timeoutMs}. */
export const DEFAULT_SPAM_TIMEOUT_MS = 60_000;

// A report of our own after the message: spamassassin -t appends it, so a marker
// tells it apart from whatever the message itself contains.
const MARKER = 'DIGEST-SPAMASSASSIN-REPORT';
const LOCAL_REPORT = [
  'clear_report_template',
  `report ${MARKER}`,
  'report tests: _TESTSSCORES(,)_',
  'report _SUMMARY_',
];

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the command could not run at all: `ENOENT` (not installed) or `TIMEOUT`. */
  failure?: 'ENOENT' | 'TIMEOUT' | string;
}

function run(command: string, args: string[], input: Buffer, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let failure: string | undefined;
    const timer = setTimeout(() => {
      failure = 'TIMEOUT';
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      failure ??= error.code ?? error.message;
    });
    // A scorer that exits before reading all of stdin must not crash us with EPIPE.
    child.stdin.on('error', () => undefined);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), failure });
    });
    child.stdin.end(input);
  });
}

/**
 * The rule rows of a SpamAssassin summary table: ` 0.7 RULE_NAME  description`,
 * a long description continued on indented lines.
 */
export function parseSummary(text: string): SpamRule[] {
  const rules: SpamRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    const row = /^\s*(-?\d+(?:\.\d+)?)\s+([A-Z0-9_]+)\s+(.*)$/.exec(line);
    const last = rules.at(-1);
    if (row) rules.push({ score: Number(row[1]), name: row[2] ?? '', description: (row[3] ?? '').trim() });
    else if (last && /^\s{10,}\S/.test(line)) last.description += ` ${line.trim()}`;
    else if (line.trim() === '' && rules.length > 0) break;
  }
  return rules;
}

/** Sum of rule scores, to the thousandth: SpamAssassin's own total is rounded to tenths. */
function total(rules: SpamRule[]): number {
  return Math.round(rules.reduce((sum, rule) => sum + rule.score, 0) * 1000) / 1000;
}

/** Scores with `spamassassin -L -t` (local tests only) and our report template. */
function parseLocal(stdout: string): SpamScore | undefined {
  const at = stdout.lastIndexOf(`\n${MARKER}\n`);
  if (at < 0) return undefined;
  const lines = stdout.slice(at + MARKER.length + 2).split(/\r?\n/);
  const exact = new Map(
    (lines[0] ?? '')
      .replace(/^tests: /, '')
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const [name = '', score = '0'] = pair.split('=');
        return [name, Number(score)] as const;
      }),
  );
  const rules = parseSummary(lines.slice(1).join('\n')).map((rule) => ({ ...rule, score: exact.get(rule.name) ?? rule.score }));
  return { score: total(rules), rules, via: 'spamassassin' };
}

/** Scores with `spamc -R`: first line `score/threshold`, then spamd's report. */
function parseSpamc(stdout: string): SpamScore | undefined {
  const [first = '', ...rest] = stdout.split(/\r?\n/);
  const head = /^(-?\d+(?:\.\d+)?)\/\d/.exec(first.trim());
  if (!head) return undefined;
  const table = rest.join('\n').split(/^-{4}(?: -+)+$/m)[1] ?? '';
  return { score: Number(head[1]), rules: parseSummary(table), via: 'spamc' };
}

const firstLine = (text: string) => text.split(/\r?\n/).find((line) => line.trim() !== '')?.trim() ?? '';

/**
 * SpamAssassin's score of one raw message and the rules that hit: through a
 * running spamd (`spamc`) when one answers, else `spamassassin -L -t` (local
 * tests only, no network lookups). Never throws: when neither can score, the
 * result says why (`{ skipped }`), e.g. SpamAssassin is not installed.
 */
export async function scoreMessage(raw: Buffer, options: ScoreOptions = {}): Promise<SpamScore> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SPAM_TIMEOUT_MS;
  const spamc = options.spamc ?? 'spamc';
  if (spamc !== false) {
    // -x: fail instead of passing the message through unscored when no spamd answers.
    const where = options.spamd ? ['-d', options.spamd.host, '-p', String(options.spamd.port)] : [];
    const result = await run(spamc, [...where, '-x', '-R'], raw, timeoutMs);
    // Without a spamd, spamc -x still prints "0/0" but exits non-zero (EX_IOERR).
    const scored = result.failure || result.code !== 0 ? undefined : parseSpamc(result.stdout);
    if (scored) return scored;
  }
  const command = options.spamassassin ?? 'spamassassin';
  // -p /dev/null: no user preferences read or created in the home directory.
  const args = ['-L', '-t', '-p', '/dev/null', ...LOCAL_REPORT.map((line) => `--cf=${line}`)];
  const result = await run(command, args, raw, timeoutMs);
  if (result.failure === 'ENOENT') return { skipped: `SpamAssassin is not installed (no spamd answered ${spamc || 'spamc'}, and "${command}" was not found)` };
  if (result.failure === 'TIMEOUT') return { skipped: `"${command}" did not answer within ${timeoutMs / 1000} s` };
  if (result.failure) return { skipped: `"${command}" could not run: ${result.failure}` };
  const scored = parseLocal(result.stdout);
  return scored ?? { skipped: `"${command}" gave no report (exit ${result.code}): ${firstLine(result.stderr) || 'no output'}` };
}
