import { LineCounter, isMap, isSeq, parseDocument, type Node } from 'yaml';

/** A parsed YAML document that can tell the line of any key path. */
export interface LocatedYaml {
  data: unknown;
  /** 1-based line of the value at `path`, or of its closest existing parent. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** A YAML syntax error with its 1-based line (relative to the parsed text). */
export interface YamlSyntaxError {
  message: string;
  line?: number;
}

/**
 * Parses YAML keeping positions, so validation errors can point at a line.
 * Uses the YAML 1.2 core schema: `2026-11-24` stays a string, not a Date.
 */
export function parseLocatedYaml(text: string): { ok: true; yaml: LocatedYaml } | { ok: false; error: YamlSyntaxError } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const offset = first.pos[0];
    return {
      ok: false,
      error: { message: first.message.split('\n')[0] ?? first.message, line: lineCounter.linePos(offset).line },
    };
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    let node: unknown = doc.contents;
    let line = rangeLine(node, lineCounter);
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
        if (!pair) break;
        line = rangeLine(pair.key, lineCounter) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        line = rangeLine(node, lineCounter) ?? line;
      } else {
        break;
      }
    }
    return line;
  };
  return { ok: true, yaml: { data: doc.toJS(), lineOf } };
}

function rangeLine(node: unknown, lineCounter: LineCounter): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? lineCounter.linePos(range[0]).line : undefined;
}
