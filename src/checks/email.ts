/**
 * Checks of the email itself, as the sample reader gets it, that every build
 * runs: contrast, alt text, link syntax and list headers. The slower ones of
 * `digest check` are in email-thorough.ts, loaded only when asked for.
 */
import { parseHTML } from 'linkedom';
import { checkAltText } from './alt-text.js';
import type { Check } from './check.js';
import { checkContrast } from './contrast.js';
import { checkListHeaders } from './headers.js';
import { checkLinks } from './links.js';

/** The sample reader's email. */
export interface SampleEmail {
  html: string;
  /** The message's extra headers (List-Id, List-Unsubscribe…). */
  headers: Readonly<Record<string, string>>;
}

/** The checks every build runs on the email; `accent` is config `theme.accent`. */
export function checkEmail(email: SampleEmail, accent: string): Check[] {
  const { document } = parseHTML(email.html);
  return distinct([...checkContrast(document, accent), ...checkAltText(document), ...checkLinks(document), ...checkListHeaders(email.headers)]);
}

/** Each finding once: the same image or link twice in an email is one thing to fix. */
function distinct(checks: readonly Check[]): Check[] {
  const seen = new Set<string>();
  return checks.filter((found) => {
    const key = `${found.severity} ${found.check} ${found.file ?? ''} ${found.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
