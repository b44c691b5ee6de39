/**
 * An article page's metadata: OpenGraph and `article:*` meta tags, JSON-LD
 * (schema.org Article and friends), `<time datetime>` and the byline.
 */
import { htmlToText } from '../util/sanitize.js';

/** What a page says about its article, all optional. */
export interface PageMetadata {
  title?: string;
  /** Author name. */
  author?: string;
  /** Machine-readable published date or date-time, as written. */
  published?: string;
  section?: string;
  /** Absolute URL of the lead image (may still be any scheme; checked by the caller). */
  image?: string;
  imageAlt?: string;
  /** Canonical URL (`<link rel=canonical>`, else `og:url`), absolute. */
  canonical?: string;
  /** Problems worth telling the editor (e.g. a broken JSON-LD block). */
  notes: string[];
}

type Json = Record<string, unknown>;

const ARTICLE_TYPE = /(?:Article|BlogPosting|Posting|Report|Review)$/;

/** Reads the metadata of `document`; relative URLs resolve against `baseUrl`. */
export function readPageMetadata(document: Document, baseUrl: string | undefined): PageMetadata {
  const notes: string[] = [];
  const ld = articleJsonLd(document, notes);
  const absolute = (value: string | undefined) => resolveUrl(value, baseUrl);
  const time = document.querySelector('article time[datetime], time[datetime], [itemprop="datePublished"]');
  const metadata: PageMetadata = {
    title: text(meta(document, 'og:title')) ?? text(stringOf(ld?.headline)) ?? text(stringOf(ld?.name)),
    author: [stringOf(ld?.author), meta(document, 'author'), meta(document, 'article:author')]
      .map((value) => (value ? cleanByline(value) : undefined))
      .find(Boolean),
    published:
      meta(document, 'article:published_time') ??
      stringOf(ld?.datePublished) ??
      time?.getAttribute('datetime') ??
      time?.getAttribute('content') ??
      meta(document, 'date') ??
      stringOf(ld?.dateCreated),
    section: text(meta(document, 'article:section')) ?? text(stringOf(ld?.articleSection)),
    image: absolute(meta(document, 'og:image') ?? meta(document, 'og:image:url') ?? meta(document, 'twitter:image') ?? stringOf(ld?.image)),
    imageAlt: text(meta(document, 'og:image:alt') ?? meta(document, 'twitter:image:alt')),
    canonical:
      absolute(document.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? undefined) ??
      absolute(meta(document, 'og:url')),
    notes,
  };
  return Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined)) as unknown as PageMetadata;
}

/** `content` of `<meta property=name>` or `<meta name=name>`, trimmed, or undefined. */
function meta(document: Document, name: string): string | undefined {
  for (const element of document.querySelectorAll('meta')) {
    const key = element.getAttribute('property') ?? element.getAttribute('name') ?? element.getAttribute('itemprop');
    if (key?.toLowerCase() === name) {
      const content = element.getAttribute('content')?.trim();
      if (content) return content;
    }
  }
  return undefined;
}

/**
 * Plain text, or undefined when empty. Markup in a title is dropped, not
 * kept as text: "<script>" must not reach content/ even as a string.
 */
function text(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return htmlToText(value) || undefined;
}

/** A JSON-LD value as text: strings as they are, `{ name }`/`{ url }` objects, the first of a list. */
function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) return value.map(stringOf).find(Boolean);
  if (value && typeof value === 'object') {
    const object = value as Json;
    return stringOf(object.name) ?? stringOf(object.url) ?? stringOf(object['@value']);
  }
  return undefined;
}

/** The first schema.org Article-like object in the page's JSON-LD (else the first WebPage). */
function articleJsonLd(document: Document, notes: string[]): Json | undefined {
  const objects: Json[] = [];
  for (const script of document.querySelectorAll('script')) {
    if ((script.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json') continue;
    const source = (script.textContent ?? '').replace(/^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$/g, '');
    try {
      collect(JSON.parse(source) as unknown, objects);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      notes.push('ignored a JSON-LD block that is not valid JSON');
    }
  }
  const typeOf = (object: Json) => [object['@type']].flat().map(String);
  return (
    objects.find((object) => typeOf(object).some((type) => ARTICLE_TYPE.test(type))) ??
    objects.find((object) => typeOf(object).includes('WebPage'))
  );
}

function collect(value: unknown, into: Json[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const object = value as Json;
  into.push(object);
  if (Array.isArray(object['@graph'])) collect(object['@graph'], into);
  if (object.mainEntity) collect(object.mainEntity, into);
}

function resolveUrl(value: string | undefined, baseUrl: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value.trim(), baseUrl).href;
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}

/**
 * An author's name from a byline: "By Jane Doe · March 3, 2026 · 6 min read"
 * → "Jane Doe"; "Jane Doe, Staff Engineer" → "Jane Doe"; the first of
 * several authors. Undefined when nothing name-like is left (a URL, a date).
 */
export function cleanByline(byline: string): string | undefined {
  let name = htmlToText(byline)
    .replace(/^(?:written |posted |words |story )?by[:\s]+/i, '')
    .split(/\s+[·•|—–-]\s+|\s*[,;]\s*|\s+(?:and|&)\s+|\s+on\s+(?=\w+ \d|\d)/i)[0]
    ?.trim();
  name = name?.replace(/^@/, '');
  if (!name || /https?:|www\.|@|\d{3,}/i.test(name) || !/\p{L}/u.test(name)) return undefined;
  if (name.split(/\s+/).length > 6 || name.length > 60) return undefined;
  return name;
}
