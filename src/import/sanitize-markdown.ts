/**
 * Makes imported Markdown safe to keep in `content/`: no script, no event
 * handler and no `javascript:` (or other non-web) URL survives, and raw HTML
 * other than simple inline formatting is dropped. Code (fenced blocks and
 * inline spans) is left exactly as written: Markdown renders it as text.
 */

/** Inline tags kept (without attributes): they only format text. */
const SIMPLE_TAGS = new Set(['b', 'i', 'em', 'strong', 'code', 'br', 'sub', 'sup', 's', 'del', 'ins', 'mark', 'small', 'kbd', 'u']);
/** Elements dropped together with everything inside them. */
const DANGEROUS_ELEMENTS = /<(script|style|iframe|object|embed|noscript|template|textarea|svg|math|form|select|button|frameset|frame|applet)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TAG = /(?<!\\)<(\/?)([a-z][a-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/gi;
const HTML_BLOCK_START = /^ {0,3}<\/?([a-z][a-z0-9-]*)(?=[\s/>]|$)/i;
const COMMENT = /<!--[\s\S]*?(?:-->|$)|<![A-Z][^>]*>|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>/g;
const AUTOLINK = /<([a-z][a-z0-9+.-]{1,31}):([^<>\s]*)>/gi;
// [text](destination "title") and ![alt](...), destination with one level of balanced parentheses.
// The text may hold one level of balanced brackets: a bare `[` ends it, so a run of
// brackets is read in linear time (any text of the form `[[[…` once made this quadratic).
const INLINE_LINK = /(!?)\[((?:\\.|[^[\]\\]|\[(?:\\.|[^[\]\\])*\])*)\]\(\s*(<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)((?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?)\s*\)/g;
// Every `](destination`, whatever its text: the net for links whose text nests deeper than INLINE_LINK reads.
const LINK_DESTINATION = /\]\(\s*(<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[(?:\\.|[^\]\\])+\]:\s*(<[^>\n]*>|\S+).*$/;
const RAW_ANCHOR = /(?<!\\)<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;

/**
 * Whether a link destination is safe: a relative URL or an absolute
 * http(s)/mailto one. Entities, escapes and control characters are removed
 * first, so `jav&#x61;script:` and `java\tscript:` are caught too.
 */
export function isSafeDestination(destination: string): boolean {
  const decoded = decodeForScheme(destination.replace(/^<|>$/g, ''));
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(decoded);
  return !scheme || SAFE_SCHEMES.has((scheme[1] ?? '').toLowerCase());
}

function decodeForScheme(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16) % 0x110000))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec) % 0x110000))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '')
    .replace(/\\(.)/g, '$1')
    .replace(/[\u0000-\u0020\u007f-\u009f]/g, '') // eslint-disable-line no-control-regex -- browsers ignore these inside schemes
    .trim();
}

/** Sanitises a Markdown document (see the module comment). */
export function sanitizeMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let prose: string[] = [];
  const flush = () => {
    if (prose.length > 0) out.push(sanitizeProse(prose.join('\n')));
    prose = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const fence = FENCE.exec(line);
    if (!fence) {
      prose.push(line);
      continue;
    }
    // A fenced code block is copied verbatim up to its closing fence.
    flush();
    const marker = fence[1] ?? '```';
    const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
    out.push(line);
    for (index++; index < lines.length; index++) {
      out.push(lines[index] ?? '');
      if (closing.test(lines[index] ?? '')) break;
    }
  }
  flush();
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Everything but fenced code: inline code spans are protected, the rest cleaned. */
function sanitizeProse(text: string): string {
  const spans: string[] = [];
  const protectedText = text.replace(/(?<!\\)(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, (span) => {
    spans.push(span);
    return `\u0000${spans.length - 1}\u0000`;
  });
  let cleaned = protectedText.replace(COMMENT, '').replace(DANGEROUS_ELEMENTS, '');
  cleaned = dropHtmlBlocks(cleaned);
  cleaned = cleaned.replace(RAW_ANCHOR, (_, attributes: string, inner: string) => {
    const href = HREF.exec(attributes);
    const url = href?.[1] ?? href?.[2] ?? href?.[3];
    return url && isSafeDestination(url) && /^(https?:|mailto:)/i.test(url.trim()) ? `[${inner}](${url.trim()})` : inner;
  });
  cleaned = cleaned.replace(TAG, (_, slash: string, name: string, _attributes: string, selfClosing: string) => {
    const tag = name.toLowerCase();
    if (!SIMPLE_TAGS.has(tag)) return '';
    if (tag === 'br') return '<br>';
    return `<${slash}${tag}${selfClosing ? ' /' : ''}>`;
  });
  // A tag left open at the end of a line (`<img src=x onerror=...` without `>`) is cut off.
  cleaned = cleaned.replace(/(?<!\\)<[a-z][a-z0-9-]*\s[^>\n]*$/gim, '');
  cleaned = cleaned.replace(AUTOLINK, (whole, scheme: string) => (SAFE_SCHEMES.has(scheme.toLowerCase()) ? whole : ''));
  cleaned = cleaned.replace(INLINE_LINK, (whole, bang: string, label: string, destination: string) => {
    if (isSafeDestination(destination)) return whole;
    return bang ? '' : label;
  });
  cleaned = cleaned.replace(LINK_DESTINATION, (whole, destination: string) => (isSafeDestination(destination) ? whole : ']('));
  cleaned = cleaned
    .split('\n')
    .filter((line) => {
      const definition = REFERENCE_DEFINITION.exec(line);
      return !definition || isSafeDestination(definition[1] ?? '');
    })
    .join('\n');
  return cleaned.replace(/\u0000(\d+)\u0000/g, (_, index: string) => spans[Number(index)] ?? ''); // eslint-disable-line no-control-regex -- placeholders set above
}

// CommonMark's HTML block kinds 1 and 6: these tags start a block even inside a paragraph.
const BLOCK_TAGS = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt ' +
    'fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link ' +
    'main menu menuitem nav noframes ol optgroup option p param pre script search section source style summary table ' +
    'tbody td textarea tfoot th thead title tr track ul img picture video audio canvas input meta'
  ).split(' '),
);
const LONE_TAG = /^ {0,3}<\/?[a-z][a-z0-9-]*(?:\s[^>]*)?\/?>\s*$/i;

/**
 * Drops raw HTML blocks, from their first line to the next blank line (where
 * CommonMark ends them): a line starting with a block-level tag, or a line
 * holding one lone tag after a blank line. Other tags are inline and handled
 * tag by tag.
 */
function dropHtmlBlocks(text: string): string {
  const kept: string[] = [];
  let dropping = false;
  let previousBlank = true;
  for (const line of text.split('\n')) {
    const blank = line.trim() === '';
    if (dropping) {
      if (blank) {
        dropping = false;
        kept.push(line);
      }
      previousBlank = blank;
      continue;
    }
    const tag = (HTML_BLOCK_START.exec(line)?.[1] ?? '').toLowerCase();
    if (tag && (BLOCK_TAGS.has(tag) || (previousBlank && !SIMPLE_TAGS.has(tag) && LONE_TAG.test(line)))) {
      dropping = true;
      continue;
    }
    kept.push(line);
    previousBlank = blank;
  }
  return kept.join('\n');
}

/**
 * Escapes plain text so Markdown shows it as written: no emphasis, links,
 * headings, lists or raw HTML appear from punctuation in the text.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([*`[\]<~])/g, '\\$1')
    .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (match) => match.replace('_', '\\_'))
    .replace(/&(?=#?[a-z0-9]+;)/gi, '&amp;')
    .replace(/^(\s*)([#>+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(\s)/, '$1\\$2$3');
}
