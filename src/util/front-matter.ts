import { DigestError, ErrorCodes } from '../errors.js';
import { parseLocatedYaml, type LocatedYaml } from './yaml.js';

/** A Markdown file split into its front matter and body. */
export interface FrontMatterFile {
  data: Record<string, unknown>;
  /** 1-based file line of the value at a key path (front matter starts at line 2). */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/**
 * Splits `---` YAML front matter from a Markdown file and parses it.
 * Throws a DigestError naming `file` and the line on any syntax problem.
 */
export function parseFrontMatter(text: string, file: string): FrontMatterFile {
  const opening = OPENING.exec(text);
  if (!opening) {
    throw new DigestError(ErrorCodes.FRONT_MATTER_INVALID, 'has no front matter', {
      file,
      line: 1,
      hint: 'start the file with a "---" line, the YAML fields (e.g. title:), and another "---" line',
    });
  }
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) {
    throw new DigestError(ErrorCodes.FRONT_MATTER_INVALID, 'front matter is not closed', {
      file,
      line: 1,
      hint: 'end the front matter with a line containing only "---"',
    });
  }
  const yamlText = rest.slice(0, closing.index);
  const yamlLines = countLines(yamlText);
  const afterClosing = rest.slice(closing.index + closing[0].length).replace(/^\r?\n/, '');
  const parsed = parseLocatedYaml(yamlText);
  if (!parsed.ok) {
    throw new DigestError(ErrorCodes.FRONT_MATTER_INVALID, `front matter YAML: ${parsed.error.message}`, {
      file,
      line: parsed.error.line === undefined ? undefined : parsed.error.line + 1,
      hint: 'fix the YAML syntax between the "---" lines (quote values that contain ": ")',
    });
  }
  const data = parsed.yaml.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new DigestError(ErrorCodes.FRONT_MATTER_INVALID, 'front matter must be a set of "key: value" fields', {
      file,
      line: 2,
      hint: 'write one field per line, e.g. title: My article',
    });
  }
  return {
    data: data as Record<string, unknown>,
    lineOf: shiftLines(parsed.yaml, 1),
    body: afterClosing,
    bodyLine: yamlLines + 3,
  };
}

function shiftLines(yaml: LocatedYaml, offset: number): FrontMatterFile['lineOf'] {
  return (path) => {
    const line = yaml.lineOf(path);
    return line === undefined ? undefined : line + offset;
  };
}

function countLines(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
