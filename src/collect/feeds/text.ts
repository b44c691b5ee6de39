import { htmlToText } from '../../util/sanitize.js';
import { nestsDeeperThan, stripTags } from './depth.js';

/** C0 and C1 control characters but tab, line feed and carriage return (those are whitespace). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** `text` without control characters (a backspace in a title would reach every inbox). */
export function stripControl(text: string): string {
  return text.replace(CONTROL, '');
}

/** Whitespace runs as one space, ends trimmed, control characters dropped. */
export function collapseSpace(text: string): string {
  return stripControl(text).replace(/\s+/g, ' ').trim();
}

/** A tag or an entity: what makes a string need an HTML parser to become text. */
const MARKUP = /<|&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

/** Plain text of a piece of feed HTML, or null when nothing is left. */
export function htmlText(html: string | null | undefined): string | null {
  if (!html) return null;
  // Most titles and many summaries have no markup; sanitize-html costs ~20 µs a call.
  // HTML nested too deep for the sanitiser loses its tags by a plain scan instead: the same text.
  const text = !MARKUP.test(html) ? collapseSpace(html) : nestsDeeperThan(html) ? htmlToText(stripTags(html)) : collapseSpace(htmlToText(html));
  return text === '' ? null : text;
}

/** Plain text as given (Atom `type="text"`, JSON Feed `content_text`), or null when blank. */
export function plainText(text: string | null | undefined): string | null {
  const collapsed = text ? collapseSpace(text) : '';
  return collapsed === '' ? null : collapsed;
}

/**
 * Tags a title still holds after one round of unescaping. Only formatting
 * tags count, so "Why <template> matters" survives as written.
 */
const LEFTOVER_TAG = /<\/?(?:a|abbr|b|big|br|cite|code|del|div|em|font|i|img|ins|kbd|mark|p|q|s|small|span|strike|strong|sub|sup|tt|u)\b[^<>]*>/i;

/**
 * Plain text of a title that may hold HTML: RSS and JSON Feed titles in the
 * wild carry tags, entities, and double-escaped tags (`&amp;lt;b&amp;gt;`,
 * or `&lt;b&gt;` inside CDATA), which a single pass turns into visible `<b>`.
 */
export function htmlTitleText(html: string | null | undefined): string | null {
  const once = htmlText(html);
  return once !== null && LEFTOVER_TAG.test(once) ? htmlText(once) : once;
}

/** The first `count` words of `text`, with an ellipsis when some were cut. */
export function firstWords(text: string, count = 10): string {
  const words = text.split(' ');
  return words.length <= count ? text : `${words.slice(0, count).join(' ')}…`;
}
