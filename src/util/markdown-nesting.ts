/** Deepest nesting of block quotes and lists handed to marked; prose is never this deep. */
export const MAX_BLOCK_NESTING = 16;

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t])/;

/**
 * `markdown` with every line's container markers (`>`, `-`, `*`, `+`, `1.`)
 * cut to `max`: marked lexes each level by recursion, and some thousands of
 * `>` overflow the stack. The text of the line is kept, one level up.
 */
export function capBlockNesting(markdown: string, max = MAX_BLOCK_NESTING): string {
  if (!/(?:[>*+-]|\d[.)])[ \t]*(?:[>*+-]|\d[.)])/.test(markdown)) return markdown;
  return markdown
    .split('\n')
    .map((line) => capLine(line, max))
    .join('\n');
}

function capLine(line: string, max: number): string {
  let at = 0;
  let depth = 0;
  let keepUntil = -1;
  for (;;) {
    while (line[at] === ' ' || line[at] === '\t') at += 1;
    const width = line[at] === '>' ? 1 : (LIST_MARKER.exec(line.slice(at, at + 11))?.[0].length ?? 0);
    if (width === 0) break;
    at += width;
    depth += 1;
    if (depth === max) keepUntil = at;
  }
  return depth > max ? `${line.slice(0, keepUntil)} ${line.slice(at).trimStart()}` : line;
}
