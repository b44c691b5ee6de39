import { DigestError, ErrorCodes } from '../errors.js';
import { RECIPIENT_FIELDS, RECIPIENT_TOKEN_PATTERN, type RecipientField } from '../tokens.js';
import type { RecipientFields } from '../types.js';
import { escapeHtml } from '../util/html.js';

/** A document split once around its placeholders; filling it is a join. */
export type FillFunction = (fields: RecipientFields) => string;

/** A document cut at its placeholders: `statics` has one more entry than `slots`. */
export interface SplitDocument {
  statics: string[];
  slots: RecipientField[];
}

/**
 * Cuts a rendered document (HTML or text) at its recipient placeholders.
 * An unknown placeholder is an error here, once, not a blank in every inbox.
 */
export function splitPlaceholders(document: string, source: string): SplitDocument {
  const statics: string[] = [];
  const slots: RecipientField[] = [];
  let last = 0;
  for (const match of document.matchAll(RECIPIENT_TOKEN_PATTERN)) {
    const field = match[1] as RecipientField;
    if (!RECIPIENT_FIELDS.includes(field)) {
      throw new DigestError(ErrorCodes.TEMPLATE_INVALID, `unknown recipient placeholder "${match[0]}"`, {
        file: source,
        hint: `use one of: ${RECIPIENT_FIELDS.map((name) => `recipient.${name}`).join(', ')}`,
      });
    }
    statics.push(document.slice(last, match.index));
    slots.push(field);
    last = match.index + match[0].length;
  }
  statics.push(document.slice(last));
  return { statics, slots };
}

/** Precompiles a rendered document (HTML or text) for per-recipient filling. */
export function compileFill(document: string, options: { escape: boolean; source: string }): FillFunction {
  const { statics, slots } = splitPlaceholders(document, options.source);
  const encode = options.escape ? escapeHtml : (value: string) => value;
  return (fields) => {
    let out = statics[0] ?? '';
    for (let i = 0; i < slots.length; i++) {
      out += encode(fields[slots[i] as RecipientField]) + (statics[i + 1] ?? '');
    }
    return out;
  };
}
