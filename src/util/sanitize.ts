import sanitizeHtml from 'sanitize-html';

const SAFE_SCHEMES = ['http', 'https', 'mailto'];

/**
 * Returns the URL when it is absolute http(s) or mailto, else undefined.
 * Keeps `javascript:`, `data:` and friends out of every email.
 */
export function safeUrl(value: string | undefined, options: { allowMailto?: boolean } = {}): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (!URL.canParse(trimmed)) return undefined;
  const protocol = new URL(trimmed).protocol.replace(/:$/, '');
  if (protocol === 'http' || protocol === 'https') return trimmed;
  if (protocol === 'mailto' && options.allowMailto) return trimmed;
  return undefined;
}

/** Sanitises inline HTML (from Markdown) for an email: formatting and safe links only. */
export function sanitizeInlineHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ['a', 'em', 'strong', 'b', 'i', 'code', 'br', 'p'],
    allowedAttributes: { a: ['href'] },
    allowedSchemes: SAFE_SCHEMES,
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
  }).trim();
}

/**
 * Sanitises an editor's note (Markdown rendered to HTML) for an email: the
 * inline formatting and safe links of {@link sanitizeInlineHtml}, plus the
 * blocks a short note uses (lists, quotes). Headings become paragraphs;
 * images, tables and scripts are dropped (a table's text stays).
 */
export function sanitizeNoteHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ['a', 'em', 'strong', 'b', 'i', 'code', 'br', 'p', 'ul', 'ol', 'li', 'blockquote'],
    allowedAttributes: { a: ['href'] },
    allowedSchemes: SAFE_SCHEMES,
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    // A dropped heading's words would run into the next paragraph without their own block.
    transformTags: { h1: 'p', h2: 'p', h3: 'p', h4: 'p', h5: 'p', h6: 'p' },
  }).trim();
}

/** Plain text of a piece of HTML (tags dropped, entities decoded, spaces collapsed). */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<\/(p|div|li|h\d)>|<br\s*\/?>/gi, ' ');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}
