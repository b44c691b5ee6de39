/**
 * An article page (HTML) → its main text in Markdown plus metadata: Mozilla
 * Readability finds the article on a linkedom DOM, sanitize-html keeps only
 * content markup, turndown writes Markdown. Pure: no I/O.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import sanitizeHtml from 'sanitize-html';
import TurndownService from 'turndown';
import { readPageMetadata, cleanByline, type PageMetadata } from './html-meta.js';
import { sanitizeMarkdown } from './sanitize-markdown.js';
import { classifyLine } from './text-lines.js';

/** What was extracted from a page: its metadata (image and url checked to be http(s)) and its text. */
export interface HtmlArticle extends Omit<PageMetadata, 'canonical' | 'notes'> {
  /** Canonical http(s) URL of the article. */
  url?: string;
  /** The article's main text as sanitised Markdown. */
  body: string;
  notes: string[];
}

/** Where the page came from: `url` when fetched, else the file's `file:` URL. */
export interface PageSource {
  url?: string;
  fileUrl?: string;
}

/** Extracts the article from `html` (see the module comment); undefined body text means Readability found nothing. */
export function extractHtmlArticle(html: string, source: PageSource): HtmlArticle | undefined {
  const { document } = parseHTML(html);
  const documentUrl = source.url ?? canonicalOf(document) ?? source.fileUrl;
  const baseUrl = baseUrlOf(document, documentUrl);
  // linkedom has no document URL; Readability resolves relative links and images against these.
  Object.defineProperty(document, 'documentURI', { value: documentUrl, configurable: true });
  Object.defineProperty(document, 'baseURI', { value: baseUrl, configurable: true });
  const metadata = readPageMetadata(document, baseUrl);
  const heading = textOrUndefined(document.querySelector('h1')?.textContent);
  surfaceCallButtons(document);
  const article = new Readability(document, { keepClasses: true }).parse();
  if (!article?.content) return undefined;
  const title = metadata.title ?? preferHeading(textOrUndefined(article.title), heading);
  const body = dropLeadingTitle(toMarkdown(article.content), title);
  if (!body.trim()) return undefined;
  const result: HtmlArticle = { body, notes: metadata.notes };
  const assign = <K extends keyof HtmlArticle>(key: K, value: HtmlArticle[K] | undefined) => {
    if (value !== undefined) result[key] = value;
  };
  assign('title', title);
  assign('author', metadata.author ?? (article.byline ? cleanByline(article.byline) : undefined));
  assign('published', metadata.published ?? article.publishedTime ?? undefined);
  assign('section', metadata.section);
  assign('image', httpUrl(metadata.image));
  assign('imageAlt', metadata.image && metadata.imageAlt ? metadata.imageAlt : undefined);
  assign('url', httpUrl(metadata.canonical) ?? httpUrl(source.url));
  return result;
}

/**
 * A button that is a call to action ("Learn more", "Subscribe") becomes a
 * paragraph where it stood (before its form): the extraction drops buttons
 * and forms, which would leave the box's lead-in alone in the article; as
 * text, the call and its lead-in are dropped together (markdown-furniture.ts).
 */
function surfaceCallButtons(document: Document): void {
  for (const button of [...document.querySelectorAll('button, input[type="submit"], input[type="button"]')]) {
    const text = textOrUndefined(button.tagName === 'INPUT' ? button.getAttribute('value') : button.textContent);
    const reason = text === undefined ? undefined : classifyLine(text);
    if (text === undefined || (reason !== 'promo' && reason !== 'signup')) continue;
    const paragraph = document.createElement('p');
    paragraph.textContent = text;
    (button.closest('form') ?? button).before(paragraph);
    button.remove();
  }
}

/** "Local page - My Blog" with an `<h1>` "Local page": the heading, without the site's name. */
function preferHeading(documentTitle: string | undefined, heading: string | undefined): string | undefined {
  if (!documentTitle || !heading) return documentTitle ?? heading;
  return documentTitle !== heading && documentTitle.toLowerCase().includes(heading.toLowerCase()) ? heading : documentTitle;
}

function textOrUndefined(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}

function httpUrl(value: string | undefined): string | undefined {
  return value && /^https?:\/\//i.test(value) && URL.canParse(value) ? value : undefined;
}

/** An absolute http(s) canonical URL, for saved pages whose own URL is a file. */
function canonicalOf(document: Document): string | undefined {
  const canonical = document.querySelector('link[rel~="canonical"]')?.getAttribute('href');
  const ogUrl = document.querySelector('meta[property="og:url"]')?.getAttribute('content');
  return [canonical, ogUrl].map((value) => httpUrl(value?.trim())).find(Boolean);
}

function baseUrlOf(document: Document, documentUrl: string | undefined): string | undefined {
  const base = document.querySelector('base[href]')?.getAttribute('href');
  if (!base) return documentUrl;
  try {
    return new URL(base, documentUrl).href;
  } catch (error) {
    if (error instanceof TypeError) return documentUrl;
    throw error;
  }
}

/** Markup an article keeps; everything else is unwrapped (text kept) or, for NON_TEXT, dropped whole. */
const CONTENT_HTML: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'img', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code',
    'em', 'strong', 'b', 'i', 's', 'del', 'sub', 'sup', 'kbd', 'mark', 'figure', 'figcaption', 'table', 'thead',
    'tbody', 'tfoot', 'tr', 'th', 'td', 'dl', 'dt', 'dd',
  ],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title', 'width', 'height'], code: ['class'], ol: ['start'] },
  allowedClasses: { code: ['language-*', 'lang-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'svg', 'button', 'form', 'select', 'template', 'object', 'embed', 'canvas', 'video', 'audio', 'nav'],
  // A 1×1 tracking pixel or an image whose URL was refused is no content.
  exclusiveFilter: (frame) =>
    (frame.tag === 'img' && (!/^https?:\/\//i.test(frame.attribs.src ?? '') || frame.attribs.width === '1' || frame.attribs.height === '1')) ||
    (frame.tag === 'a' && !frame.text.trim() && frame.mediaChildren.length === 0),
  // The article's title is the only level-1 heading.
  transformTags: { h1: 'h2' },
};

const turndown = createTurndown();

/** Sanitised article HTML → Markdown (ATX headings, fenced code, `-` bullets). */
export function toMarkdown(html: string): string {
  const clean = sanitizeHtml(html, CONTENT_HTML);
  return sanitizeMarkdown(turndown.turndown(clean));
}

function createTurndown(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '*',
    hr: '---',
    fence: '```',
  });
  // Text like "&lt;img onerror=…&gt;" must stay text: turndown does not escape "<".
  const escape = service.escape.bind(service);
  service.escape = (text: string) => escape(text).replace(/</g, '\\<');
  // "- item" rather than turndown's "-   item", with continuation lines indented to match.
  service.addRule('listItem', {
    filter: 'li',
    replacement: (content, node, options) => {
      const parent = node.parentNode as HTMLElement | null;
      let prefix = `${options.bulletListMarker ?? '-'} `;
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? '1');
        prefix = `${(Number.isFinite(start) ? start : 1) + Array.prototype.indexOf.call(parent.children, node)}. `;
      }
      const isParagraph = /\n$/.test(content);
      const text = content.replace(/^\n+|\n+$/g, '') + (isParagraph ? '\n' : '');
      return prefix + text.replace(/\n/g, `\n${' '.repeat(prefix.length)}`) + (node.nextSibling ? '\n' : '');
    },
  });
  service.addRule('figcaption', {
    filter: 'figcaption',
    replacement: (content) => (content.trim() ? `\n\n*${content.trim()}*\n\n` : ''),
  });
  return service;
}

/** Readability sometimes keeps the title as the first heading; the title lives in front matter. */
function dropLeadingTitle(markdown: string, title: string | undefined): string {
  if (!title) return markdown;
  const normalise = (text: string) => text.replace(/\\(.)/g, '$1').replace(/\s+/g, ' ').trim().toLowerCase();
  const [first, ...rest] = markdown.split('\n\n');
  if (first !== undefined && normalise(first.replace(/^#{1,6}\s+/, '')) === normalise(title)) return rest.join('\n\n').trim();
  return markdown;
}
