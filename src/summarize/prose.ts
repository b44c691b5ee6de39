/**
 * Markdown (or plain text) -> the article's prose as plain-text paragraphs.
 * Only paragraphs, sentence-like list items and block quotes are prose;
 * everything a reader would not quote in a summary is dropped.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { isBoilerplateSentence, stripBoilerplateRuns } from './boilerplate.js';
import { splitSentences } from './sentences.js';

/** A line after an image with at most this many words, and no sentence end, is its caption. */
const MAX_CAPTION_WORDS = 12;

/** Returns the prose of a Markdown or plain-text article as plain-text paragraphs, in order. */
export function extractProse(markdown: string): string[] {
  const paragraphs: string[] = [];
  collect(new Lexer().lex(markdown), paragraphs);
  return paragraphs.map(cleanParagraph).filter((p) => p.length > 0);
}

/**
 * Plain text of a short Markdown string such as a front-matter summary:
 * inline syntax removed, entities decoded, whitespace collapsed, every word kept.
 */
export function stripMarkdown(markdown: string): string {
  return inlineText(Lexer.lexInline(markdown)).replace(/\s+/g, ' ').trim();
}

/** Appends the prose of block tokens to `out`. */
function collect(tokens: Token[], out: string[]): void {
  let afterImage = false;
  for (const token of tokens) {
    if (token.type === 'space') continue;
    const wasAfterImage = afterImage;
    afterImage = false;
    switch (token.type) {
      case 'paragraph':
      case 'text': {
        const inline = (token as Tokens.Paragraph | Tokens.Text).tokens ?? [];
        const split = splitAtImages(inline);
        if (split.hadImage) afterImage = split.rest.length === 0;
        if (split.rest.length === 0) break;
        if ((split.hadImage || wasAfterImage) && isCaption(split.rest)) break;
        out.push(inlineText(split.rest));
        break;
      }
      case 'blockquote':
        collect((token as Tokens.Blockquote).tokens, out);
        break;
      case 'list':
        for (const item of (token as Tokens.List).items) {
          const before = out.length;
          collect(item.tokens, out);
          // Fragments ("Fast builds") read badly in running text; sentences are prose.
          for (let i = out.length - 1; i >= before; i -= 1) {
            if (!/[.!?…]["'”’)]*$/.test((out[i] ?? '').trim())) out.splice(i, 1);
          }
        }
        break;
      default:
        // heading, code, table, html, hr, def: not prose.
        break;
    }
  }
}

/** Drops images (and links wrapping only an image) from inline tokens. */
function splitAtImages(tokens: Token[]): { hadImage: boolean; rest: Token[] } {
  let hadImage = false;
  const rest = tokens.filter((t) => {
    const isImage = t.type === 'image' || (t.type === 'link' && (t as Tokens.Link).tokens.every((c) => c.type === 'image'));
    if (isImage) hadImage = true;
    return !isImage;
  });
  const hasText = rest.some((t) => t.type !== 'br' && t.type !== 'html' && inlineText([t]).trim() !== '');
  return { hadImage, rest: hasText ? rest : [] };
}

/** An image caption: all emphasis, or a short line that is not a sentence. */
function isCaption(tokens: Token[]): boolean {
  const visible = tokens.filter((t) => inlineText([t]).trim() !== '');
  if (visible.length > 0 && visible.every((t) => t.type === 'em' || t.type === 'strong')) return true;
  const text = inlineText(tokens).trim();
  return text.split(/\s+/).length <= MAX_CAPTION_WORDS && !/[.!?]["'”’)]*$/.test(text);
}

/** Plain text of inline tokens: Markdown and HTML tags removed, entities decoded. */
function inlineText(tokens: Token[]): string {
  let text = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        text += 'tokens' in token && token.tokens ? inlineText(token.tokens) : decodeEntities(token.text);
        break;
      case 'escape':
      case 'codespan':
        text += decodeEntities(token.text);
        break;
      case 'strong':
      case 'em':
      case 'del':
      case 'link':
        text += inlineText((token as Tokens.Strong).tokens);
        break;
      case 'br':
        text += ' ';
        break;
      case 'html':
        // Tags vanish; a <br> still separates the words around it.
        if (/^<br\b/i.test(token.text)) text += ' ';
        break;
      default:
        // image, checkbox: no prose.
        break;
    }
  }
  return text;
}

/** Collapses whitespace and drops boilerplate runs and sentences. */
function cleanParagraph(text: string): string {
  const stripped = stripBoilerplateRuns(text);
  return splitSentences(stripped)
    .filter((s) => !isBoilerplateSentence(s))
    .join(' ');
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–',
  hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»',
  copy: '©', reg: '®', trade: '™', middot: '·', bull: '•', pound: '£', euro: '€', deg: '°',
  eacute: 'é', egrave: 'è', aacute: 'á', agrave: 'à', iacute: 'í', oacute: 'ó', uacute: 'ú',
  ntilde: 'ñ', ouml: 'ö', uuml: 'ü', auml: 'ä', ccedil: 'ç', szlig: 'ß', times: '×',
};

/** Decodes numeric and common named HTML entities; unknown ones stay as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}
