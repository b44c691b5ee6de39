/** Deepest element nesting of feed HTML that is parsed as HTML; real content stays far below. */
export const MAX_HTML_DEPTH = 256;

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(\/?)>/g;

/**
 * Whether `html` nests elements deeper than `limit`, by one linear scan of
 * its tags. sanitize-html's cost grows with the square of the depth (200,000
 * levels take about a minute), so deeper HTML is never handed to it.
 */
export function nestsDeeperThan(html: string, limit = MAX_HTML_DEPTH): boolean {
  let depth = 0;
  for (const match of html.matchAll(TAG)) {
    const name = (match[2] ?? '').toLowerCase();
    if (match[1] === '/') depth = Math.max(0, depth - 1);
    else if (match[3] !== '/' && !VOID_ELEMENTS.has(name)) depth += 1;
    if (depth > limit) return true;
  }
  return false;
}

/** Text of `html` with every tag removed, without parsing it (entities are left as they are). */
export function stripTags(html: string): string {
  return html.replace(/<[^<>]*>/g, ' ');
}
