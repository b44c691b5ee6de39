import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { DigestError, ErrorCodes } from '../errors.js';
import { displayPath } from '../util/paths.js';
import { truncateText, wrapText } from './format.js';
import type { ViewModel } from './view-model.js';
import { fill, loadLocales, type Locales } from './words.js';

/** The compiled templates of one templates folder. */
export interface Templates {
  /** Renders the MJML document. */
  mjml(view: ViewModel): string;
  /** Renders the plain-text part. */
  text(view: ViewModel): string;
  /** The fixed words of every language in `locales/`. */
  locales: Locales;
  /** Every file the templates were read from (for watching). */
  files: string[];
}

const LAYOUT = path.join('layouts', 'digest.mjml.hbs');
const TEXT = path.join('text', 'digest.txt.hbs');
const PARTIALS = 'partials';

/**
 * Loads and compiles `layouts/digest.mjml.hbs`, `partials/*.mjml.hbs` and
 * `text/digest.txt.hbs` in strict mode: a misspelt field is an error, not an
 * empty string in every inbox.
 */
export function loadTemplates(dir: string): Templates {
  const files: string[] = [];
  const read = (relative: string): { source: string; file: string } => {
    const file = path.join(dir, relative);
    if (!fs.existsSync(file)) {
      throw new DigestError(ErrorCodes.TEMPLATE_INVALID, 'template not found', {
        file: displayPath(file),
        hint: 'restore it, or point "templatesDir" in the config at a folder with layouts/, partials/ and text/',
      });
    }
    files.push(file);
    return { source: fs.readFileSync(file, 'utf8'), file };
  };
  const partialsDir = path.join(dir, PARTIALS);
  const partials = fs.existsSync(partialsDir)
    ? fs.readdirSync(partialsDir).sort().filter((name) => name.endsWith('.hbs')).map((name) => ({ name, ...read(path.join(PARTIALS, name)) }))
    : [];
  let layout: Source;
  let text: Source;
  try {
    layout = read(LAYOUT);
    text = read(TEXT);
  } catch (error) {
    // A partial's syntax error is reported before a missing layout or text template, as it is met first.
    for (const partial of partials) parseChecked(Handlebars, partial.source, partial.file);
    throw error;
  }
  const sources = { partials, layout, text };
  const key = sourcesKey(sources);
  let compiled = compiledCache.get(key);
  if (!compiled) {
    compiled = compileSources(sources);
    compiledCache.set(key, compiled);
    // A long-running process (the preview) recompiles on every edit: keep only the latest few.
    for (const old of compiledCache.keys()) {
      if (compiledCache.size <= MAX_CACHED) break;
      compiledCache.delete(old);
    }
  }
  const locales = loadLocales(dir);
  return { ...compiled, locales, files: [...files, ...locales.files] };
}

interface Source {
  source: string;
  file: string;
}

interface Sources {
  partials: (Source & { name: string })[];
  layout: Source;
  text: Source;
}

type Compiled = Pick<Templates, 'mjml' | 'text'>;

/**
 * Compiled templates by their files' names and contents: compiling is most of
 * the cost of rendering, and the same templates are rendered several times a
 * build (fitting) and on every build of a long-running process.
 */
const compiledCache = new Map<string, Compiled>();
const MAX_CACHED = 8;

function sourcesKey(sources: Sources): string {
  const hash = createHash('sha256');
  for (const { file, source } of [...sources.partials, sources.layout, sources.text]) hash.update(`${file}\0${source.length}\0${source}\0`);
  return hash.digest('hex');
}

function compileSources({ partials, layout, text }: Sources): Compiled {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  for (const { name, source, file } of partials) {
    const partial = compile(hbs, source, file, false);
    // Wrapped so an error inside the partial names the partial's file, not the layout's.
    const named: Handlebars.TemplateDelegate = (context, options) => run(partial, context, file, options);
    hbs.registerPartial(name.replace(/\.mjml\.hbs$|\.hbs$/, ''), named);
  }
  const mjml = compile(hbs, layout.source, layout.file, false);
  const plain = compile(hbs, text.source, text.file, true);
  return {
    mjml: (view) => run(mjml, view, layout.file),
    text: (view) => tidyText(run(plain, view, text.file)),
  };
}

function compile(hbs: typeof Handlebars, source: string, file: string, noEscape: boolean): Handlebars.TemplateDelegate {
  // Parse now (compile is lazy) so syntax errors surface at load time, naming this file.
  parseChecked(hbs, source, file);
  return hbs.compile(source, { strict: true, noEscape, preventIndent: true });
}

function parseChecked(hbs: typeof Handlebars, source: string, file: string): void {
  try {
    hbs.parse(source);
  } catch (error) {
    throw templateError(error, file);
  }
}

function run(
  template: Handlebars.TemplateDelegate,
  view: unknown,
  file: string,
  options?: Handlebars.RuntimeOptions,
): string {
  try {
    return template(view, options);
  } catch (error) {
    throw error instanceof DigestError ? error : templateError(error, file);
  }
}

function templateError(error: unknown, file: string): DigestError {
  const message = error instanceof Error ? error.message : String(error);
  // Parse errors say "on line N"; runtime errors end in " - LINE:COLUMN".
  const line = /line (\d+)/.exec(message)?.[1] ?? / - (\d+):\d+\s*$/.exec(message)?.[1];
  const firstLine = (message.split('\n')[0] ?? message).replace(/ - \d+:\d+\s*$/, '').replace(' in [object Object]', '');
  return new DigestError(ErrorCodes.TEMPLATE_INVALID, `template error: ${firstLine}`, {
    file: displayPath(file),
    line: line ? Number(line) : undefined,
    hint: 'fix the template; fields available to templates are listed in README "Templates"',
    cause: error,
  });
}

function registerHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('wrap', (text: unknown, width: unknown, indent: unknown) =>
    wrapText(String(text ?? ''), Number(width) || 72, Number(indent) || 0),
  );
  hbs.registerHelper('truncate', (text: unknown, max: unknown) => truncateText(String(text ?? ''), Number(max) || 200));
  hbs.registerHelper('upper', (text: unknown) => String(text ?? '').toUpperCase());
  hbs.registerHelper('rule', () => '─'.repeat(40));
  // {{{repeat "&#8204;&nbsp;" 90}}}: padding such as the preheader's, without typing it out.
  hbs.registerHelper('repeat', (text: unknown, times: unknown) => String(text ?? '').repeat(Math.max(0, Number(times) || 0)));
  // {{fill words.greeting name=recipient.greetingName}}: a locale word with its {placeholders} filled.
  hbs.registerHelper('fill', (template: unknown, options: Handlebars.HelperOptions) =>
    fill(String(template ?? ''), options.hash as Record<string, string>),
  );
}

/** Collapses the blank lines Handlebars blocks leave behind to at most one. */
function tidyText(text: string): string {
  return `${text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
