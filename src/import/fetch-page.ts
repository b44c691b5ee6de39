/**
 * Fetches one web page politely and defensively: a timeout over the whole
 * exchange, a size cap while reading, at most a few redirects (followed by
 * hand so loops and non-web targets are caught), HTML only.
 */
import iconv from 'iconv-lite';
import { DigestError, ErrorCodes } from '../errors.js';

/** Limits and identity of a page fetch; the defaults suit `digest import`. */
export interface FetchPageOptions {
  /** Whole request, body included (default 15 s). */
  timeoutMs?: number;
  /** Largest body accepted (default 5 MB). */
  maxBytes?: number;
  /** Redirects followed (default 5). */
  maxRedirects?: number;
  userAgent?: string;
}

/** A fetched HTML page. */
export interface FetchedPage {
  /** The URL the page was finally served from (after redirects). */
  url: string;
  html: string;
  /** Things the editor should know (e.g. an unknown charset). */
  notes: string[];
}

/** The User-Agent sent with every request. */
export const IMPORT_USER_AGENT = 'newsletter-digest/0.1 (+import)';
const DEFAULTS = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 } as const;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** Fetches `url` and returns its HTML; every failure is a one-line DigestError naming the URL. */
export async function fetchPage(url: string, options: FetchPageOptions = {}): Promise<FetchedPage> {
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? DEFAULTS.maxRedirects;
  const fail = (problem: string, hint: string, cause?: unknown) =>
    new DigestError(ErrorCodes.IMPORT_FAILED, `could not import ${url}: ${problem}`, { hint, cause });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let current = new URL(url);
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(current, {
        redirect: 'manual',
        signal: controller.signal,
        headers: { 'user-agent': options.userAgent ?? IMPORT_USER_AGENT, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' },
      });
      if (REDIRECTS.has(response.status)) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location) throw fail(`HTTP ${response.status} redirect without a Location`, 'the server is misconfigured; save the page as .html and import the file');
        if (redirects >= maxRedirects) {
          throw fail(`more than ${maxRedirects} redirects (last to ${new URL(location, current).href})`, 'the page redirects in a loop; open it in a browser and import the final URL');
        }
        current = new URL(location, current);
        if (current.protocol !== 'http:' && current.protocol !== 'https:') {
          throw fail(`redirected to a ${current.protocol} URL`, 'only http(s) pages can be imported');
        }
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        const notFound = response.status === 404 || response.status === 410;
        throw fail(
          `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
          notFound ? 'check the URL' : 'try again later, or save the page as .html and import the file',
        );
      }
      const contentType = response.headers.get('content-type') ?? '';
      const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
      if (mediaType && !HTML_TYPES.has(mediaType)) {
        await response.body?.cancel();
        throw fail(`not an HTML page (content-type ${mediaType})`, 'import the URL of an article page, or a .md/.txt file');
      }
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      if (declared > maxBytes) {
        await response.body?.cancel();
        throw fail(`the page is larger than ${formatBytes(maxBytes)} (${formatBytes(declared)})`, 'save the article as .html or .txt and import the file');
      }
      const bytes = await readCapped(response, maxBytes);
      if (!bytes) throw fail(`the page is larger than ${formatBytes(maxBytes)}`, 'save the article as .html or .txt and import the file');
      const notes: string[] = [];
      const html = decodeHtml(bytes, contentType, notes);
      if (!mediaType && !/^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype html|html|head|body)\b/i.test(html)) {
        throw fail('not an HTML page (no content-type and no <html>)', 'import the URL of an article page, or a .md/.txt file');
      }
      return { url: current.href, html, notes };
    }
  } catch (error) {
    if (controller.signal.aborted) {
      throw fail(`no complete answer within ${Math.round(timeoutMs / 100) / 10} s`, 'try again later, or save the page as .html and import the file', error);
    }
    if (error instanceof DigestError) throw error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    throw fail(`the request failed (${reason})`, 'check the URL and your network connection', error);
  } finally {
    clearTimeout(timer);
  }
}

/** The body, or undefined as soon as it grows past `maxBytes` (the rest is never downloaded). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Decodes HTML bytes: a byte-order mark wins, then the charset of the
 * Content-Type, then a `<meta charset>` near the top, else UTF-8. An unknown
 * charset is read as UTF-8 and noted in `notes`.
 */
export function decodeHtml(bytes: Uint8Array, contentType = '', notes: string[] = []): string {
  const sniffed = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'utf-8' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : undefined;
  const label =
    bom ??
    /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(sniffed)?.[1] ??
    'utf-8';
  // iconv-lite, not TextDecoder: Node's TextDecoder reads windows-1252 as latin1 (0x80 is not "€").
  if (!iconv.encodingExists(label)) {
    notes.push(`unknown charset "${label}": read the page as UTF-8`);
    return iconv.decode(Buffer.from(bytes), 'utf-8');
  }
  return iconv.decode(Buffer.from(bytes), label);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}
