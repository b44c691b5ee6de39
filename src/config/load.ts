import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { DigestError, ErrorCodes } from '../errors.js';
import { PACKAGE_ROOT, displayPath } from '../util/paths.js';
import { parseLocatedYaml } from '../util/yaml.js';
import { CONFIG_DEFAULTS } from './defaults.js';
import { configSchema, type Config, type ConfigInput, type ResolvedSource } from './schema.js';

/**
 * Finds the config file: `--config <file>` when given, else `digest.config.yaml`
 * in the working directory.
 */
export function resolveConfigPath(explicit: string | undefined, cwd: string = process.cwd()): string {
  const file = path.resolve(cwd, explicit ?? CONFIG_DEFAULTS.configFileName);
  if (!fs.existsSync(file)) {
    throw new DigestError(ErrorCodes.CONFIG_NOT_FOUND, 'config file not found', {
      file: displayPath(file, cwd),
      hint: explicit
        ? 'check the path given to --config'
        : `create ${CONFIG_DEFAULTS.configFileName} here (see README "Configuration") or pass --config <file>`,
    });
  }
  return file;
}

/** Parses and validates config text; relative paths resolve against `file`'s folder. */
export function parseConfig(text: string, file: string): Config {
  const shown = displayPath(file);
  const parsed = parseLocatedYaml(text);
  if (!parsed.ok) {
    throw new DigestError(ErrorCodes.CONFIG_INVALID, `YAML syntax error: ${parsed.error.message}`, {
      file: shown,
      line: parsed.error.line,
      hint: 'fix the YAML syntax',
    });
  }
  // reportInput: without it zod 4 leaves `input` out of every issue, and a wrong value reads as a missing one.
  const result = configSchema.safeParse(parsed.yaml.data ?? {}, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    const keyPath = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
    const fullPath = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...keyPath, issue.keys[0]] : keyPath;
    const key = fullPath.join('.') || '(root)';
    throw new DigestError(ErrorCodes.CONFIG_INVALID, `"${key}" ${describeProblem(issue)}`, {
      file: shown,
      line: parsed.yaml.lineOf(fullPath),
      field: key,
      hint: 'fix that key (see README "Configuration")',
    });
  }
  const base = path.dirname(file);
  const input = result.data;
  return {
    ...input,
    file,
    contentDir: path.resolve(base, input.contentDir),
    dataDir: path.resolve(base, input.dataDir),
    templatesDir: input.templatesDir ? path.resolve(base, input.templatesDir) : path.join(PACKAGE_ROOT, 'templates'),
    dkim: input.dkim ? { ...input.dkim, privateKeyFile: path.resolve(base, input.dkim.privateKeyFile) } : undefined,
    sources: resolveSources(input.sources, base, path.resolve(base, input.contentDir)),
  };
}

/** Reads, parses and validates the config file. */
export function loadConfig(explicit?: string, cwd: string = process.cwd()): Config {
  const file = resolveConfigPath(explicit, cwd);
  return parseConfig(readConfigText(file, cwd), file);
}

/** The config file's text; a folder or an unreadable file is a CONFIG_NOT_FOUND naming it. */
function readConfigText(file: string, cwd: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new DigestError(ErrorCodes.CONFIG_NOT_FOUND, code === 'EISDIR' ? 'is a folder, not a config file' : `config file cannot be read (${code})`, {
      file: displayPath(file, cwd),
      hint: 'give the path of the YAML config file (--config <file>) and check that it is readable',
      cause: error,
    });
  }
}

function describeProblem(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${article(issue.expected)}`;
    case 'unrecognized_keys':
      return 'is not a known key (check its spelling)';
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** Resolves the `sources` list: relative folders and feed files against the config's folder. */
function resolveSources(sources: ConfigInput['sources'], base: string, contentDir: string): ResolvedSource[] {
  if (!sources || sources.length === 0) return [{ type: 'markdown', dir: contentDir }];
  return sources.map((source) => {
    if (source.type === 'markdown') return { type: 'markdown', dir: source.dir ? path.resolve(base, source.dir) : contentDir };
    const url = /^https?:\/\//i.test(source.url) ? source.url : path.resolve(base, source.url);
    return { ...source, url, name: source.name ?? source.url };
  });
}
