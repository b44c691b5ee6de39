/**
 * Header-style field groups ("Name: value" lines, one group per
 * paragraph), as in message/delivery-status and message/feedback-report
 * bodies (RFC 3464 §2.1, RFC 5965 §3.1). Continuation lines are unfolded.
 */
export type FieldGroup = Map<string, string[]>;

const FIELD = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$/;

/** Splits `text` into paragraphs and keeps those made only of fields. */
export function fieldGroups(text: string): FieldGroup[] {
  const groups: FieldGroup[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const lines: string[] = [];
    for (const line of paragraph.split('\n')) {
      if (/^[ \t]/.test(line) && lines.length > 0) lines[lines.length - 1] += ` ${line.trim()}`;
      else if (line.trim() !== '') lines.push(line);
    }
    const group: FieldGroup = new Map();
    let fieldsOnly = lines.length > 0;
    for (const line of lines) {
      const match = FIELD.exec(line);
      if (!match) {
        fieldsOnly = false;
        break;
      }
      const name = match[1]!.toLowerCase();
      group.set(name, [...(group.get(name) ?? []), match[2]!.trim()]);
    }
    if (fieldsOnly) groups.push(group);
  }
  return groups;
}

/** The first value of `name` in `group`, or null. */
export function field(group: FieldGroup, name: string): string | null {
  return group.get(name)?.[0] ?? null;
}

/** An address-type value (`rfc822; a@b`) without its type and angle brackets. */
export function addressValue(value: string | null): string | null {
  if (value === null) return null;
  const bare = value.includes(';') ? value.slice(value.indexOf(';') + 1) : value;
  const address = bare.trim().replace(/^<|>$/g, '').trim();
  return address.includes('@') ? address.toLowerCase() : null;
}

/** The first enhanced status code (RFC 3463 `x.y.z`) in `text`, or null. */
export function statusCode(text: string | null): string | null {
  return text === null ? null : (/\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(text)?.[1] ?? null);
}

/** The first Message-ID field's value in a block of header lines, or null. */
export function messageIdIn(headers: string): string | null {
  return /^Message-ID:[ \t]*\r?\n?[ \t]*(<[^>\r\n]+>)/im.exec(headers)?.[1] ?? null;
}
