/**
 * How deeply a page nests its elements and how many it has, measured on the
 * raw HTML before any DOM is built: linkedom's parse grows with the square
 * of the depth, Readability's work with elements × depth, and Readability
 * and turndown walk the tree recursively, so a page of 10,000 nested
 * `<div>`s hangs or overflows the stack. One linear pass, no DOM.
 */

/** The limits a page must stay within to be imported. */
export interface HtmlLimits {
  /** Deepest element nesting (real articles stay well under 100). */
  depth: number;
  /** Elements in the page (a long article page has a few thousand). */
  elements: number;
  /** Sum of every element's depth: Readability's work grows with it (a long article page: tens of thousands). */
  nesting: number;
}

/** Limits of `digest import`: generous for real pages, and a page at the limits still imports in seconds. */
export const HTML_LIMITS: HtmlLimits = { depth: 256, elements: 50_000, nesting: 400_000 };

/** What {@link measureHtml} counted; it stops counting once a limit is passed. */
export type HtmlSize = HtmlLimits;

/** The first limit `size` passes, or undefined when the page is within all of them. */
export function limitPassed(size: HtmlSize, limits: HtmlLimits = HTML_LIMITS): keyof HtmlLimits | undefined {
  return (['depth', 'elements', 'nesting'] as const).find((key) => size[key] > limits[key]);
}

const VOID = new Set([
  'area', 'base', 'basefont', 'bgsound', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'image', 'img', 'input',
  'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);
// Elements the parser (htmlparser2, under linkedom) closes by itself when one of their kind opens
// ("<p>a<p>b", "<li>", "<td>"): they never nest on their own, so they are not counted, and a missing
// end tag cannot inflate the count. Others that look alike ("<thead>", "<caption>", "<body>") do nest.
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'tbody', 'rt', 'rp']);
// Their content is text up to their own end tag.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
const FOREIGN = new Set(['svg', 'math']);

const isNameStart = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * The nesting depth and the number of `html`'s elements as an HTML parser
 * would build them. Counting stops just past a limit: a larger page is
 * only known to be larger than it.
 */
export function measureHtml(html: string, limits: HtmlLimits = HTML_LIMITS): HtmlSize {
  const open: string[] = [];
  const openCount = new Map<string, number>();
  let foreign = 0;
  let max = 0;
  let elements = 0;
  let nesting = 0;
  let i = html.indexOf('<');
  while (i !== -1 && i < html.length) {
    const next = html.charCodeAt(i + 1);
    let end: number;
    if (html.startsWith('<!--', i)) {
      end = html.indexOf('-->', i + 4);
      end = end === -1 ? html.length : end + 3;
    } else if (next === 33 /* ! */ || next === 63 /* ? */) {
      end = closeOf(html, i);
    } else if (next === 47 /* / */ && isNameStart(html.charCodeAt(i + 2))) {
      const name = tagName(html, i + 2);
      end = closeOf(html, i);
      if ((openCount.get(name) ?? 0) > 0) {
        for (let popped = open.pop(); popped !== undefined; popped = open.pop()) {
          openCount.set(popped, (openCount.get(popped) ?? 1) - 1);
          if (FOREIGN.has(popped)) foreign -= 1;
          if (popped === name) break;
        }
      }
    } else if (isNameStart(next)) {
      const name = tagName(html, i + 1);
      end = closeOf(html, i);
      elements += 1;
      nesting += open.length + 1;
      if (elements > limits.elements || nesting > limits.nesting) return { depth: max, elements, nesting };
      const selfClosing = html.charCodeAt(end - 2) === 47 /* / */ && (foreign > 0 || FOREIGN.has(name));
      if (RAW_TEXT.has(name)) {
        const closing = new RegExp(`</${name}`, 'gi');
        closing.lastIndex = end;
        end = closing.exec(html)?.index ?? html.length;
      } else if (!VOID.has(name) && !SELF_CLOSING_SIBLINGS.has(name) && !selfClosing) {
        open.push(name);
        openCount.set(name, (openCount.get(name) ?? 0) + 1);
        if (FOREIGN.has(name)) foreign += 1;
        max = Math.max(max, open.length);
        if (max > limits.depth) return { depth: max, elements, nesting };
      }
    } else {
      end = i + 1;
    }
    i = html.indexOf('<', end);
  }
  return { depth: max, elements, nesting };
}

function tagName(html: string, start: number): string {
  let end = start;
  while (end < html.length && !/[\s/>]/.test(html[end] ?? '')) end += 1;
  return html.slice(start, end).toLowerCase();
}

/** The offset just past the `>` that ends the tag starting at `start` (or the end of the text). */
function closeOf(html: string, start: number): number {
  const end = html.indexOf('>', start);
  return end === -1 ? html.length : end + 1;
}
