import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';
import { RECIPIENT_FIELDS, type RecipientField } from '../tokens.js';
import type { RecipientFields } from '../types.js';
import { escapeHtml } from '../util/html.js';
import { compileFill, splitPlaceholders } from './template.js';

/** Fills a document for one recipient and returns it as a MIME part: its headers, a blank line, its encoded body. */
export type PartFunction = (fields: RecipientFields) => string;

/** The media types of a digest's two alternatives. */
export type PartType = 'text/html' | 'text/plain';

// One short of RFC 2045's 76: a soft line break ("=") must still fit after a segment's last line.
const QP_LINE_LENGTH = 75;
const BASE64_LINE_LENGTH = 76;
const SOFT_BREAK = '=\r\n';

/** Text bodies travel with CRLF line breaks (RFC 2046 §4.1.1). */
export function toCrlf(text: string): string {
  return /[\r\n]/.test(text) ? text.replace(/\r\n|\r|\n/g, '\r\n') : text;
}

function quotedPrintable(text: string): string {
  return qpWrap(qpEncode(text), QP_LINE_LENGTH);
}

function base64Lines(text: string): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let at = 0; at < encoded.length; at += BASE64_LINE_LENGTH) lines.push(encoded.slice(at, at + BASE64_LINE_LENGTH));
  return lines.join('\r\n');
}

/**
 * Quoted-printable when Latin letters outnumber other characters (it then
 * costs little over the raw text and stays readable), else base64: the rule
 * nodemailer applies to a whole body.
 */
function prefersQuotedPrintable(document: string): boolean {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < document.length; i++) {
    const code = document.charCodeAt(i);
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
    else if (code >= 0x80 || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d)) other++;
  }
  return other < latin;
}

function partHeader(type: PartType, transferEncoding: 'quoted-printable' | 'base64'): string {
  return `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: ${transferEncoding}\r\n\r\n`;
}

/**
 * Precompiles one alternative of the digest into a MIME part per recipient.
 *
 * Quoted-printable bodies are encoded once per issue, segment by segment
 * between the placeholders, and each recipient's values are encoded on
 * their own and joined in with soft line breaks (which decoding removes).
 * So a recipient costs the encoding of a few short values, not of the
 * whole document: the encoding is most of what composing a message costs.
 * Base64 bodies (mostly non-Latin text) cannot be joined that way and are
 * encoded whole per recipient, natively.
 */
export function compileMimePart(document: string, options: { type: PartType; escape: boolean; source: string }): PartFunction {
  const escapeValue = options.escape ? escapeHtml : (value: string) => value;
  if (!prefersQuotedPrintable(document)) {
    const fill = compileFill(toCrlf(document), { escape: options.escape, source: options.source });
    const header = partHeader(options.type, 'base64');
    return (fields) => header + base64Lines(fill(crlfFields(fields)));
  }

  const { statics, slots } = splitPlaceholders(toCrlf(document), options.source);
  const encodedStatics = statics.map(quotedPrintable);
  const header = partHeader(options.type, 'quoted-printable');
  return (fields) => {
    let out = header;
    // Whether the body so far ends a line: the next piece then needs no soft break before it.
    let atLineStart = true;
    const append = (piece: string) => {
      if (piece === '') return;
      if (!atLineStart) out += SOFT_BREAK;
      out += piece;
      atLineStart = piece.endsWith('\r\n');
    };
    append(encodedStatics[0] ?? '');
    for (let i = 0; i < slots.length; i++) {
      append(quotedPrintable(toCrlf(escapeValue(fields[slots[i] as RecipientField]))));
      append(encodedStatics[i + 1] ?? '');
    }
    return out;
  };
}

function crlfFields(fields: RecipientFields): RecipientFields {
  const out = { ...fields };
  for (const field of RECIPIENT_FIELDS) out[field] = toCrlf(fields[field]);
  return out;
}
