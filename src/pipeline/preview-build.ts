import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_DEFAULTS } from '../config/defaults.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { DigestError } from '../errors.js';
import { loadTemplates, type Templates } from '../render/index.js';
import { openStore, STORE_FILE } from '../store/db.js';
import type { Clock, Problem, WeekWindow } from '../types.js';
import { listSentIssues } from '../util/issue-files.js';
import { formatWeekRange, weekContaining, weekWindow } from '../util/week.js';
import { createBuildCache, type BuildCache } from './build.js';
import { compileIssue, type CompiledIssue } from './compile.js';
import { createFeedLoader, memoryFeedCache } from './feeds.js';
import { resolveSecret } from './secret.js';
import { isWeekInProgress } from './week-state.js';

/** A DigestError (or any error) as a problem to show. */
export function problemOf(error: unknown): Problem {
  if (error instanceof DigestError) return { file: error.file, line: error.line, message: error.message, hint: error.hint };
  return { message: error instanceof Error ? error.message : String(error), hint: 'run with DEBUG=1 and report it' };
}

/** One preview build of one week: what the pipeline made of it at one version of the files. */
export interface PreviewBuild {
  /** The file version it was built from. */
  version: number;
  week: WeekWindow;
  dateRange: string;
  /** The config it was built with (the last valid one). */
  config: Config;
  /** The compiled issue; undefined when collecting failed (see `problems`). */
  compiled?: CompiledIssue;
  /** Everything that kept it from rendering, config errors included. */
  problems: Problem[];
  /** True while the week has not ended at the clock's now. */
  inProgress: boolean;
  /** The week the next scheduled run sends (the one containing now). */
  upcoming: boolean;
  /** When the issue was first sent, from its snapshot (ISO 8601). */
  sentAt?: string;
  /** Every week sent so far, newest first. */
  sent: { id: string; sentAt: string }[];
  buildMs: number;
}

/** The pipeline as a long-running process (the preview) runs it: caches kept, rebuilt only where files changed. */
export interface PreviewBuilder {
  /** The config in use (the last valid one). */
  readonly config: Config;
  /** Increases on every change of the files. */
  readonly version: number;
  /** Files and folders whose changes matter. */
  watchedPaths(): string[];
  /** The week containing now: the one the next scheduled run sends. */
  upcomingWeekId(): string;
  /** Takes saved files into account: reloads what they affect; later builds see them. */
  invalidate(changed: readonly string[]): void;
  /** The build of a week at the current version (started once, shared by every caller). */
  current(weekId: string): Promise<PreviewBuild>;
}

/** What {@link createPreviewBuilder} starts from. */
export interface PreviewBuilderOptions {
  /** `--config` as given, to reload it when it changes. */
  configArg: string | undefined;
  cwd: string;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** The config when the caller has already loaded it. */
  config?: Config;
}

/**
 * Creates the preview's pipeline: the same compile as `digest build` (with
 * problems reported instead of thrown), feeds fetched at most every few
 * minutes, templates and parsed content kept between builds. A week's build
 * belongs to one version of the files: after a save, callers get a new one,
 * never an older result.
 */
export function createPreviewBuilder(options: PreviewBuilderOptions): PreviewBuilder {
  const { clock, env } = options;
  let config = options.config ?? loadConfig(options.configArg, options.cwd);
  let configError: Problem | undefined;
  let templates: { value: Templates } | { error: unknown } | undefined;
  let cache: BuildCache = createBuildCache();
  let version = 0;
  let builds = new Map<string, Promise<PreviewBuild>>();
  const loadFeed = createFeedLoader({ cache: memoryFeedCache(), now: () => clock.now(), maxAgeMs: CONFIG_DEFAULTS.feeds.previewMaxAgeMs });

  // A template error is kept, so every week's build reports it until a save changes the templates.
  const currentTemplates = (): Templates => {
    if (!templates) {
      try {
        templates = { value: loadTemplates(config.templatesDir) };
      } catch (error) {
        templates = { error };
      }
    }
    if ('error' in templates) throw templates.error;
    return templates.value;
  };

  const build = async (weekId: string): Promise<PreviewBuild> => {
    const started = performance.now();
    const used = config;
    const week = weekWindow(weekId, used.timezone);
    const now = clock.now();
    const result: PreviewBuild = {
      version,
      week,
      dateRange: formatWeekRange(week, used.timezone),
      config: used,
      problems: configError ? [configError] : [],
      inProgress: isWeekInProgress(week, now),
      upcoming: week.id === weekContaining(now, used.timezone).id,
      sent: [],
      buildMs: 0,
    };
    try {
      result.sent = listSentIssues(used);
      result.sentAt = result.sent.find((issue) => issue.id === week.id)?.sentAt;
    } catch (error) {
      result.problems.push(problemOf(error));
    }
    try {
      const secret = resolveSecret(env, used.dataDir, { forDelivery: false }).value;
      // The store says which weeks were sent, so the preview shows the late articles the next issue takes in.
      const store = fs.existsSync(path.join(used.dataDir, STORE_FILE)) ? openStore(used.dataDir) : undefined;
      try {
        result.compiled = await compileIssue(used, week, { secret, lenient: true, cache, loadFeed, templates: currentTemplates, store, now });
      } finally {
        store?.close();
      }
      result.problems.push(...result.compiled.problems);
    } catch (error) {
      result.problems.push(problemOf(error));
    }
    result.buildMs = Math.round(performance.now() - started);
    return result;
  };

  return {
    get config() {
      return config;
    },
    get version() {
      return version;
    },
    watchedPaths: () => [config.file, config.contentDir, config.templatesDir],
    upcomingWeekId: () => weekContaining(clock.now(), config.timezone).id,
    invalidate(changed) {
      const inside = (dir: string, file: string) => !path.relative(dir, file).startsWith('..');
      if (changed.some((file) => path.resolve(file) === config.file)) {
        try {
          const previousTemplates = config.templatesDir;
          config = loadConfig(options.configArg, options.cwd);
          configError = undefined;
          cache = createBuildCache();
          if (config.templatesDir !== previousTemplates) templates = undefined;
        } catch (error) {
          configError = problemOf(error);
        }
      }
      if (changed.some((file) => inside(config.templatesDir, path.resolve(file)))) templates = undefined;
      builds = new Map();
      version++;
    },
    current(weekId) {
      let pending = builds.get(weekId);
      if (!pending) {
        pending = build(weekId);
        builds.set(weekId, pending);
      }
      return pending;
    },
  };
}
