/**
 * Link syntax in the email: every `href` and image `src` must be an absolute
 * https URL (mailto: is fine for links); http: is a warning, anything that
 * does not parse, is relative or runs script is an error.
 */
import type { Check } from './check.js';

/** A URL found in the email, with what it is. */
export interface EmailLink {
  url: string;
  kind: 'link' | 'image';
  /** The link's text, for messages. */
  text: string;
}

/** Every link and image URL of a parsed email, in document order. */
export function emailLinks(document: Document): EmailLink[] {
  const links: EmailLink[] = [];
  for (const element of document.querySelectorAll('a[href], img[src]') as Iterable<Element>) {
    const isImage = element.tagName === 'IMG';
    const url = (element.getAttribute(isImage ? 'src' : 'href') ?? '').trim();
    const text = isImage ? (element.getAttribute('alt') ?? '') : (element.textContent ?? '');
    links.push({ url, kind: isImage ? 'image' : 'link', text: text.replace(/\s+/g, ' ').trim() });
  }
  return links;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    // A stray "%" is a literal character.
    if (error instanceof URIError) return text;
    throw error;
  }
}

function subject(link: EmailLink): string {
  const text = link.text.length > 40 ? `${link.text.slice(0, 39)}…` : link.text;
  return link.kind === 'image' ? `image ${link.url || '(empty src)'}` : `link ${link.url === '' ? '(empty href)' : link.url}${text ? ` ("${text}")` : ''}`;
}

/** The finding for one URL, or undefined when it is fine. */
export function checkLinkSyntax(link: EmailLink, anchors: ReadonlySet<string> = new Set()): Check | undefined {
  const { url } = link;
  if (link.kind === 'link' && url.startsWith('#')) {
    if (anchors.has(url.slice(1)) || anchors.has(safeDecode(url.slice(1)))) return undefined;
    return { severity: 'warning', check: 'link', message: `${subject(link)} points to an anchor that is not in the email: link to an id the email has` };
  }
  if (!/^[a-z][a-z\d+.-]*:/i.test(url) || !URL.canParse(url)) {
    return { severity: 'error', check: 'link', message: `${subject(link)} is not an absolute URL: it does not work in an email; write it as https://…` };
  }
  const parsed = new URL(url);
  if (parsed.protocol === 'mailto:' && link.kind === 'link') {
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(safeDecode(parsed.pathname)) ? undefined
      : { severity: 'error', check: 'link', message: `${subject(link)} is a mailto: link without a valid address: write it as mailto:name@example.com` };
  }
  if (parsed.protocol === 'http:') {
    return { severity: 'warning', check: 'link', message: `${subject(link)} uses http: mail clients warn about it or block it; use https://` };
  }
  if (parsed.protocol !== 'https:' || parsed.hostname === '') {
    return { severity: 'error', check: 'link', message: `${subject(link)} uses ${parsed.protocol} which mail clients do not open: use an https:// URL${link.kind === 'link' ? ' (or mailto:)' : ''}` };
  }
  return undefined;
}

/** Checks every link and image URL of a parsed email; each URL once. */
export function checkLinks(document: Document): Check[] {
  const anchors = new Set([...(document.querySelectorAll('[id], a[name]') as Iterable<Element>)].map((element) => element.getAttribute('id') ?? element.getAttribute('name') ?? ''));
  const seen = new Set<string>();
  const checks: Check[] = [];
  for (const link of emailLinks(document)) {
    const key = `${link.kind} ${link.url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const found = checkLinkSyntax(link, anchors);
    if (found) checks.push(found);
  }
  return checks;
}
