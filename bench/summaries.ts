/**
 * Summary quality benchmark: ROUGE of the extractive summarizer against two
 * lead baselines on CNN/DailyMail articles (see ../shared/eval/README.md).
 *
 *   node --import tsx bench/summaries.ts [--budget 300] [--file path]
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { DEFAULT_SUMMARY_LENGTH, splitSentences, summarizeText } from '../src/summarize/index.js';
import { truncate } from '../src/summarize/extractive.js';
import { centroidBaseline } from './centroid.js';
import { meanScores, rouge, type Scores } from './rouge.js';

export type { Scores } from './rouge.js';

/** Options of {@link runSummaryBench}. */
export interface SummaryBenchOptions {
  /** Character budget of every summary; defaults to DEFAULT_SUMMARY_LENGTH. */
  budget?: number;
  /** JSONL file of `{ id, url, article, reference }`; defaults to the shared CNN/DM sample. */
  file?: string;
}

/** Mean scores of each system, or null when the data file is missing. */
export interface SummaryBenchResult {
  ours: Scores;
  lead: Scores;
  leadFill: Scores;
  /** TF-IDF centroid with position (MEAD), IDF over the evaluation set. */
  centroid: Scores;
}

interface EvalArticle {
  id: string;
  article: string;
  reference: string;
}

type System = (article: string, budget: number) => string;

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const DEFAULT_FILE = resolve(REPO_ROOT, '..', 'shared', 'eval', 'summaries-cnndm-250.jsonl');

/** Leading sentences while they fit; the first cut with "…" if even it does not. */
export function leadBaseline(article: string, budget: number): string {
  return leadSentences(article, budget, false);
}

/** Sentences in document order, skipping any that would overflow, until the budget is full. */
export function leadFillBaseline(article: string, budget: number): string {
  return leadSentences(article, budget, true);
}

function leadSentences(article: string, budget: number, skipOverflow: boolean): string {
  const sentences = splitSentences(article);
  const out: string[] = [];
  let length = -1;
  for (const sentence of sentences) {
    if (length + 1 + sentence.length <= budget) {
      out.push(sentence);
      length += 1 + sentence.length;
    } else if (!skipOverflow) {
      break;
    }
  }
  return out.length > 0 ? out.join(' ') : truncate(sentences[0] ?? '', budget);
}

/** Scores ours and both baselines; prints a table. Returns null when the data is missing. */
export async function runSummaryBench(options: SummaryBenchOptions = {}): Promise<SummaryBenchResult | null> {
  const budget = options.budget ?? DEFAULT_SUMMARY_LENGTH;
  const file = options.file ?? DEFAULT_FILE;
  if (!existsSync(file)) {
    console.log(`summaries bench skipped: ${file} not found (it ships with the shared eval data).`);
    return null;
  }
  const articles = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalArticle);

  const runs = {
    ours: score((article, max) => summarizeText(article, { maxLength: max }), articles, budget),
    lead: score(leadBaseline, articles, budget),
    leadFill: score(leadFillBaseline, articles, budget),
    centroid: score(centroidBaseline(articles.map((a) => a.article)), articles, budget),
  };
  const result: SummaryBenchResult = {
    ours: runs.ours.scores,
    lead: runs.lead.scores,
    leadFill: runs.leadFill.scores,
    centroid: runs.centroid.scores,
  };

  const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
  console.log(`ROUGE F1 on ${articles.length} articles, budget ${budget} characters (${file})`);
  console.log('system   |    R1 |    R2 |    RL | ms/article');
  console.log('---------|-------|-------|-------|-----------');
  for (const [name, { scores, msPerArticle }] of Object.entries(runs)) {
    console.log(`${name.padEnd(8)} | ${pct(scores.r1)} | ${pct(scores.r2)} | ${pct(scores.rl)} | ${msPerArticle.toFixed(3).padStart(10)}`);
  }
  const ratio = (a: number, b: number): string => (b > 0 ? (a / b).toFixed(3) : 'n/a');
  const { ours, lead, leadFill, centroid } = result;
  for (const [name, baseline] of Object.entries({ lead, leadFill, centroid })) {
    console.log(`ours / ${name}: R1 ${ratio(ours.r1, baseline.r1)}, R2 ${ratio(ours.r2, baseline.r2)}, RL ${ratio(ours.rl, baseline.rl)}`);
  }
  for (const [name, baseline] of Object.entries({ lead, leadFill, centroid })) {
    if (ours.r1 <= baseline.r1 || ours.r2 <= baseline.r2) console.log(`warning: ours does not beat ${name} on both R1 and R2`);
  }
  return result;
}

function score(system: System, articles: EvalArticle[], budget: number): { scores: Scores; msPerArticle: number } {
  const all: Scores[] = [];
  let elapsed = 0;
  for (const { article, reference } of articles) {
    const started = performance.now();
    const summary = system(article, budget);
    elapsed += performance.now() - started;
    if (summary.length > budget) throw new Error(`summary over budget (${summary.length} > ${budget})`);
    all.push(rouge(summary, reference));
  }
  return { scores: meanScores(all), msPerArticle: elapsed / Math.max(articles.length, 1) };
}

function parseArgs(argv: string[]): SummaryBenchOptions {
  const options: SummaryBenchOptions = {};
  for (let i = 0; i < argv.length; i += 1) {
    const value = argv[i + 1];
    if (argv[i] === '--budget' && value !== undefined) {
      options.budget = Number(value);
      if (!Number.isInteger(options.budget) || options.budget <= 0) throw new Error(`--budget must be a positive integer, got ${value}`);
      i += 1;
    } else if (argv[i] === '--file' && value !== undefined) {
      options.file = resolve(value);
      i += 1;
    } else {
      throw new Error(`unknown argument ${argv[i]}; usage: bench/summaries.ts [--budget 300] [--file path]`);
    }
  }
  return options;
}

/** Command-line entry: parses `--budget` and `--file`, runs the benchmark. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  await runSummaryBench(parseArgs(argv));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
