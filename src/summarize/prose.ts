/**
 * Markdown (or plain text) -> the article's prose as plain-text blocks.
 * Only paragraphs, sentence-like list items and block quotes are prose;
 * everything a reader would not quote in a summary is dropped. Each block
 * keeps its kind and what surrounds it, so that a summary never joins text
 * across a block boundary (a quote to a paragraph, a sentence to the code
 * it introduces).
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { lexMarkdown, type MarkdownLexer } from '../util/markdown-lex.js';
import { isBoilerplateSentence, stripBoilerplateRuns } from './boilerplate.js';
import { splitSentences } from './sentences.js';

/** A line after an image with at most this many words, and no sentence end, is its caption. */
const MAX_CAPTION_WORDS = 12;

/** Where a prose block comes from. */
export type ProseKind = 'paragraph' | 'quote' | 'list-item';

/** One block of prose: its sentences never run into another block's. */
export interface ProseBlock {
  text: string;
  kind: ProseKind;
  /**
   * The block directly before it in the document is a prose block of the
   * same kind (paragraph after paragraph, a quote's paragraphs), so a sentence
   * that leans on what came before can find its antecedent there.
   */
  continues: boolean;
  /**
   * The next block is a list, code, quote, table or HTML block that this one
   * introduces ("Here is how:"), so its last sentence points at something a
   * summary leaves out.
   */
  introduces: boolean;
  /** The block directly before it is code, a table, HTML or an image, which it may refer to. */
  follows: boolean;
}

/** Returns the prose of a Markdown or plain-text article as plain-text paragraphs, in order. */
export function extractProse(markdown: string): string[] {
  return extractBlocks(markdown).map((b) => b.text);
}

/** Returns the prose of a Markdown or plain-text article as blocks, in document order; `lex` may share tokens with other readers. */
export function extractBlocks(markdown: string, lex: MarkdownLexer = lexMarkdown): ProseBlock[] {
  const walk: Walk = { drafts: [], groups: 0 };
  collect(lex(markdown), walk, 'paragraph');
  // A paragraph that was all boilerplate ("Advertisement") is no antecedent: it is not there.
  const drafts = walk.drafts.map((d) => ({ ...d, text: d.text === undefined ? undefined : cleanParagraph(d.text) || undefined }));
  const blocks: ProseBlock[] = [];
  drafts.forEach((draft, i) => {
    const { text } = draft;
    if (text === undefined) return;
    const previous = drafts[i - 1];
    blocks.push({
      text,
      kind: draft.kind,
      continues: previous?.text !== undefined && previous.kind === draft.kind && previous.group === draft.group,
      introduces: drafts[i + 1]?.introducible === true,
      follows: previous?.introducible === true && previous.text === undefined && !previous.opens,
    });
  });
  return blocks;
}

/**
 * Plain text of a short Markdown string such as a front-matter summary:
 * inline syntax removed, entities decoded, whitespace collapsed, every word kept.
 */
export function stripMarkdown(markdown: string): string {
  return inlineText(Lexer.lexInline(markdown)).replace(/\s+/g, ' ').trim();
}

/**
 * A block as the walk meets it. `text` is undefined for a block that is not
 * prose (code, heading, table, HTML, a dropped list fragment): it still marks
 * a boundary, and `introducible` says whether a sentence ending just before
 * it may point at it ("Run this:" before code). `group` tells the blocks of
 * one container (a quote, a list item) from the next.
 */
interface Draft {
  text: string | undefined;
  kind: ProseKind;
  group: number;
  introducible: boolean;
  /** The start of a quote or list: what follows it is inside, not after it. */
  opens?: boolean;
}

interface Walk {
  drafts: Draft[];
  groups: number;
}

/** Appends the blocks of `tokens` to the walk; prose blocks get `kind`. */
function collect(tokens: Token[], walk: Walk, kind: ProseKind): void {
  let afterImage = false;
  const group = kind === 'paragraph' ? 0 : (walk.groups += 1);
  const boundary = (introducible: boolean, opens = false): void => {
    walk.drafts.push({ text: undefined, kind, group: (walk.groups += 1), introducible, opens });
  };
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
        if (split.rest.length === 0) {
          boundary(true);
          break;
        }
        const text = inlineText(split.rest);
        if (((split.hadImage || wasAfterImage) && isCaption(split.rest)) || FOOTNOTE.test(text)) {
          boundary(false);
          break;
        }
        walk.drafts.push({ text: text.replace(FOOTNOTE_REF, ''), kind, group, introducible: false });
        break;
      }
      case 'blockquote':
        boundary(true, true);
        collect((token as Tokens.Blockquote).tokens, walk, 'quote');
        boundary(false);
        break;
      case 'list':
        boundary(true, true);
        for (const item of (token as Tokens.List).items) {
          const before = walk.drafts.length;
          collect(item.tokens, walk, 'list-item');
          // Fragments ("Fast builds") read badly in running text; sentences are prose.
          for (const draft of walk.drafts.slice(before)) {
            if (draft.text !== undefined && !/[.!?…]["'”’)]*$/.test(draft.text.trim())) draft.text = undefined;
          }
          boundary(false);
        }
        break;
      case 'code':
      case 'table':
      case 'html':
        boundary(true);
        break;
      default:
        // heading, hr, def: not prose; a heading ends what came before rather than following from it.
        boundary(false);
        break;
    }
  }
}

/** A footnote's definition ("[^1]: …"): an aside, never a summary sentence. */
const FOOTNOTE = /^\s*\[\^[^\]\s]+\]:/;
/** A footnote reference ("[^1]") inside a sentence. */
const FOOTNOTE_REF = /\[\^[^\]\s]+\]/g;

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
