import { detectJsonFeed } from 'feedsmith';
import { DigestError, ErrorCodes } from '../../errors.js';
import { absoluteUrl } from './urls.js';

/** The hint of every "not a feed" error that has nothing more specific to say. */
export const NOT_A_FEED_HINT = 'check the URL points at an RSS, Atom or JSON feed (the page may link to it in a <link rel="alternate">)';

/** What a body turned out to be: a feed of some format (with the JSON already parsed). */
export type SniffedFeed = { format: 'rss' | 'atom' | 'rdf' } | { format: 'json'; json: unknown };

/** A FEED_INVALID error naming the source. */
export function feedInvalid(message: string, source: string, options: { hint?: string; cause?: unknown } = {}): DigestError {
  return new DigestError(ErrorCodes.FEED_INVALID, message, { file: source, hint: options.hint ?? NOT_A_FEED_HINT, cause: options.cause });
}

const XML_ROOTS: Record<string, 'rss' | 'atom' | 'rdf'> = { rss: 'rss', feed: 'atom', rdf: 'rdf' };

/**
 * Which feed format `text` holds, judged by its root element (or JSON), or a
 * FEED_INVALID error saying what it is instead: empty, plain text, an HTML
 * page (naming the feed it advertises), another XML document, XML cut off
 * before its root closes, or JSON that is not a JSON Feed.
 */
export function sniffFeed(text: string, source: string, pageUrl: string | null): SniffedFeed {
  const start = text.search(/\S/);
  if (start < 0) throw feedInvalid('the feed is empty', source);
  const first = text[start];
  if (first === '{' || first === '[') {
    const json = parseJson(text, source);
    if (!detectJsonFeed(json)) throw feedInvalid('the response is JSON but not a JSON Feed (no "version": "https://jsonfeed.org/version/1.1")', source);
    return { format: 'json', json };
  }
  const prolog = readProlog(text, start);
  if (prolog.html || prolog.root?.toLowerCase() === 'html' || (prolog.root === undefined && /<html[\s>]/i.test(text.slice(0, 4096)))) {
    throw notAFeedButAPage(text, source, pageUrl);
  }
  if (prolog.root === undefined) {
    const what = first === '<' ? 'markup that is not XML' : `plain text ("${preview(text.slice(start))}")`;
    throw feedInvalid(`the response is ${what}, not a feed`, source);
  }
  const local = prolog.root.slice(prolog.root.indexOf(':') + 1).toLowerCase();
  const format = XML_ROOTS[local];
  if (format === undefined) throw feedInvalid(`the response is an XML document of another kind (<${preview(prolog.root)}>), not a feed`, source);
  if (prolog.empty) throw feedInvalid(`the <${prolog.root}> element is empty, not a feed`, source);
  if (!closesRoot(text, prolog.root)) throw feedInvalid(`the XML ends before its closing </${prolog.root}> (truncated?)`, source);
  return { format };
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw feedInvalid(`the JSON is malformed (${error instanceof Error ? error.message : String(error)})`, source, { cause: error });
  }
}

/** The root element's name and whether a DOCTYPE said HTML, skipping declarations, comments and PIs. */
function readProlog(text: string, from: number): { root?: string; empty?: boolean; html: boolean } {
  let at = from;
  let html = false;
  for (;;) {
    while (at < text.length && /\s/.test(text[at] ?? '')) at++;
    if (text.startsWith('<?', at)) {
      at = endOf(text, '?>', at);
    } else if (text.startsWith('<!--', at)) {
      at = endOf(text, '-->', at);
    } else if (text.startsWith('<!', at)) {
      if (/^<!doctype\s+html\b/i.test(text.slice(at, at + 20))) html = true;
      const bracket = text.indexOf('[', at);
      const close = text.indexOf('>', at);
      // An internal subset ("<!DOCTYPE rss [ <!ENTITY …> ]>") holds '>' of its own.
      at = bracket >= 0 && bracket < close ? endOf(text, ']>', bracket) : close < 0 ? text.length : close + 1;
    } else {
      const head = text.slice(at, at + 65_536);
      const root = /^<([A-Za-z_][\w.:-]*)/.exec(head)?.[1];
      // A root tag cut off before its '>' reads as a missing close below.
      return { root, empty: /^<[^<>]*\/>/.test(head), html };
    }
    if (at >= text.length) return { html };
  }
}

function endOf(text: string, marker: string, from: number): number {
  const index = text.indexOf(marker, from);
  return index < 0 ? text.length : index + marker.length;
}

/** Whether the document ends with its root's closing tag (trailing comments and spaces allowed). */
function closesRoot(text: string, root: string): boolean {
  let end = text.trimEnd();
  while (end.endsWith('-->')) {
    const open = end.lastIndexOf('<!--');
    if (open < 0) break;
    end = end.slice(0, open).trimEnd();
  }
  const tail = end.slice(-(root.length + 20));
  return new RegExp(`</\\s*${root.replace(/[.]/g, '\\.')}\\s*>$`, 'i').test(tail);
}

function notAFeedButAPage(html: string, source: string, pageUrl: string | null): DigestError {
  const advertised = advertisedFeeds(html, pageUrl);
  const [firstFeed] = advertised;
  if (firstFeed === undefined) return feedInvalid('the response is an HTML page, not a feed', source);
  const more = advertised.length > 1 ? ` (it lists ${advertised.length} feeds; this is the first)` : '';
  return feedInvalid('the response is an HTML page, not a feed', source, {
    hint: `the page advertises its feed at ${firstFeed} — use that URL instead${more}`,
  });
}

// Not plain application/json: WordPress advertises its REST API that way.
const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/rdf+xml']);

/**
 * The feed URLs an HTML page advertises with `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`,
 * resolved against its `<base href>` and the page URL (relative ones left as written when they cannot be).
 */
export function advertisedFeeds(html: string, pageUrl: string | null): string[] {
  const head = html.slice(0, 262_144);
  const baseHref = /<base\b[^>]*>/i.exec(head)?.[0];
  const base = absoluteUrl(baseHref ? attributes(baseHref).href : undefined, pageUrl) ?? pageUrl;
  const feeds: string[] = [];
  for (const [tag] of head.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = attributes(tag);
    const rels = (attrs.rel ?? '').toLowerCase().split(/\s+/);
    const type = (attrs.type ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
    if (!rels.includes('alternate') || !FEED_TYPES.has(type) || !attrs.href) continue;
    // Without a page URL a relative href is still worth naming; another scheme is not.
    const url = absoluteUrl(attrs.href, base) ?? (/^[a-z][a-z\d+.-]*:/i.test(attrs.href.trim()) ? null : attrs.href.trim());
    if (url !== null && !feeds.includes(url)) feeds.push(url);
  }
  return feeds;
}

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    const name = match[1]?.toLowerCase();
    if (name && !(name in attrs)) attrs[name] = (match[2] ?? match[3] ?? match[4] ?? '').replace(/&amp;/gi, '&');
  }
  return attrs;
}

/** A short, one-line excerpt of untrusted text for a message. */
function preview(text: string): string {
  const line = text.slice(0, 80).replace(/[\s\p{Cc}]+/gu, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 40).trimEnd()}…` : line;
}
