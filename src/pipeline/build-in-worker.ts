import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/schema.js';
import { DigestError, type ErrorCode } from '../errors.js';
import type { WeekWindow } from '../types.js';
import type { BuiltIssue } from './write-issue.js';
import type { PipelineContext } from './index.js';

/** What the build worker is given. */
export interface BuildRequest {
  config: Config;
  week: WeekWindow;
  /** The context clock's reading when the build was asked for (ISO 8601). */
  now: string;
  env: NodeJS.ProcessEnv;
}

/** An error as it crosses from the worker: enough to rebuild a {@link DigestError}. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: ErrorCode;
  hint?: string;
  file?: string;
  line?: number;
  field?: string;
}

/** What the build worker posts back. */
export type BuildReply =
  | { type: 'log'; level: 'info' | 'warn'; line: string }
  | { type: 'built'; built: BuiltIssue }
  | { type: 'failed'; error: SerializedError };

/** Flattens an error for `postMessage`. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof DigestError) {
    const { name, message, stack, code, hint, file, line, field } = error;
    return { name, message, stack, code, hint, file, line, field };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

function deserializeError(error: SerializedError): Error {
  const rebuilt =
    error.name === 'DigestError' && error.code
      ? new DigestError(error.code, error.message, { hint: error.hint, file: error.file, line: error.line, field: error.field })
      : Object.assign(new Error(error.message), { name: error.name });
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}

// A build is short: a young generation a third of V8's default costs a few more scavenges and
// no measurable time, and takes about 15 MB off the run's peak memory, which the build sets.
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 };

function startWorker(request: BuildRequest): Worker {
  const options = { workerData: request, resourceLimits: WORKER_LIMITS };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./build-worker.js', import.meta.url), options);
  // Running from the TypeScript source (tests, tsx): the worker loads its module through tsx as well.
  const entry = new URL('./build-worker.ts', import.meta.url).href;
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const code = `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(code, { ...options, eval: true });
}

/**
 * Builds an issue (as `digest build` does) in a worker thread. Building loads
 * MJML, the Markdown and feed stacks, which would otherwise stay in memory
 * for the whole send; in a worker they go when it exits, so a long send of a
 * large list runs with the sending code alone. Resolves once the worker has
 * exited; its log lines reach `context.log` as they happen.
 */
export function buildInWorker(context: PipelineContext, week: WeekWindow): Promise<BuiltIssue> {
  const request: BuildRequest = { config: context.config, week, now: context.clock.now().toISOString(), env: { ...context.env } };
  return new Promise<BuiltIssue>((resolve, reject) => {
    const worker = startWorker(request);
    let outcome: { built: BuiltIssue } | { error: Error } | undefined;
    worker.on('message', (reply: BuildReply) => {
      if (reply.type === 'log') context.log[reply.level](reply.line);
      else if (reply.type === 'built') outcome = { built: reply.built };
      else outcome = { error: deserializeError(reply.error) };
    });
    worker.once('error', (error) => {
      outcome ??= { error };
    });
    worker.once('exit', (code) => {
      if (!outcome) reject(new Error(`the build worker stopped (exit code ${code}) before it finished`));
      else if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.built);
    });
  });
}
