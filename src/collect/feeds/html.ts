import sanitizeHtml from 'sanitize-html';
import { stripControl } from './text.js';
import { absoluteUrl } from './urls.js';

const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'kbd', 'samp',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark', 'abbr', 'cite', 'q',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img', 'figure', 'figcaption',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'span', 'div',
];

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  abbr: ['title'],
  ol: ['start'],
  th: ['colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
};

/**
 * Sanitised HTML of a feed item's content, for an email: a safe allow-list
 * of tags (no script, style, iframe, form or embed), no event handlers or
 * styles, and `href`/`src` made absolute against `base` — relative ones
 * (and `javascript:` ones) are dropped when they cannot be. An image left
 * without a source is dropped. Returns null when nothing is left.
 */
export function sanitizeFeedHtml(html: string | null | undefined, base: string | null): string | null {
  if (!html) return null;
  const clean = sanitizeHtml(stripControl(html), {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    // Their text is code or fallback markup, not prose, so it goes with them.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'template', 'svg', 'math'],
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: withUrl(attribs, 'href', base, true) }),
      img: (tagName, attribs) => ({ tagName, attribs: withUrl(attribs, 'src', base, false) }),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  }).trim();
  return clean === '' ? null : clean;
}

/** The attributes with `name` made absolute, or left out when it cannot be (order kept). */
function withUrl(attribs: sanitizeHtml.Attributes, name: string, base: string | null, allowMailto: boolean): sanitizeHtml.Attributes {
  const result: sanitizeHtml.Attributes = {};
  for (const [key, value] of Object.entries(attribs)) {
    if (key !== name) {
      result[key] = value;
      continue;
    }
    const mailto = allowMailto && /^\s*mailto:/i.test(value) ? value.trim() : null;
    const url = absoluteUrl(value, base) ?? mailto;
    if (url !== null) result[key] = url;
  }
  return result;
}
