/**
 * Checks of the email itself, as the sample reader gets it: on every build
 * the contrast, alt text, link syntax and list headers; with `thorough`
 * (`digest check` and the preview) also client support, SpamAssassin, DKIM
 * and, with `online`, every link fetched. The thorough ones take from a few
 * hundred milliseconds to seconds each, too slow for every build and send.
 */
import { parseHTML } from 'linkedom';
import { checkAltText } from './alt-text.js';
import type { Check } from './check.js';
import { checkClientSupport } from './client-support.js';
import { checkContrast } from './contrast.js';
import { checkDkim, type DkimKey } from './dkim.js';
import { checkListHeaders } from './headers.js';
import { checkLinks, emailLinks } from './links.js';
import { checkLinksOnline, type OnlineOptions } from './online.js';
import { spamCheck, type SpamScore } from './spam.js';

/** The sample reader's email. */
export interface SampleEmail {
  html: string;
  /** The message's extra headers (List-Id, List-Unsubscribe…). */
  headers: Readonly<Record<string, string>>;
}

/** What the thorough checks read besides the email. */
export interface ThoroughInput {
  /** caniemail client names (config `check.clients`). */
  clients: readonly string[];
  /** HTML of the email's MJML skeleton (mjml-skeleton.ts) compiled with the same options. */
  skeletonHtml: string;
  /** Template files as shown to the editor, with their text. */
  templateFiles: readonly { file: string; text: string }[];
  /** Features the template declares fallbacks for (`templates/fallbacks.json`). */
  fallbacks?: Readonly<Record<string, string>>;
  /** The sample message as signed for sending, when DKIM is configured. */
  dkim?: { signed: Buffer; key: DkimKey } | { error: string };
  /** SpamAssassin's score of the sample message. */
  spam?: SpamScore;
  /** Fetch every link (`--online`). */
  online?: OnlineOptions | false;
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

/** The checks only `digest check` and the preview run. */
export async function checkEmailThorough(email: SampleEmail, input: ThoroughInput): Promise<Check[]> {
  const checks = checkClientSupport({ html: email.html, skeletonHtml: input.skeletonHtml, clients: input.clients, templateFiles: input.templateFiles, fallbacks: input.fallbacks });
  if (input.spam) checks.push(spamCheck(input.spam));
  if (input.dkim && 'error' in input.dkim) {
    checks.push({ severity: 'error', check: 'dkim', message: `DKIM: the sample message could not be signed: ${input.dkim.error}` });
  } else if (input.dkim) {
    checks.push(...(await checkDkim(input.dkim.signed, input.dkim.key)));
  }
  if (input.online) checks.push(...(await checkLinksOnline(emailLinks(parseHTML(email.html).document), input.online)));
  return checks;
}
