/**
 * The checks of the email only `digest check` runs: client support,
 * SpamAssassin, DKIM and, with `online`, every link fetched. They take from a
 * few hundred milliseconds to seconds, too slow for every build and send, and
 * their libraries (caniemail's data, mailauth) weigh some 35 MB: this module
 * is imported only when they run.
 */
import { parseHTML } from 'linkedom';
import type { Check } from './check.js';
import { checkClientSupport } from './client-support.js';
import { checkDkim, type DkimKey } from './dkim.js';
import type { SampleEmail } from './email.js';
import { emailLinks } from './links.js';
import { checkLinksOnline, type OnlineOptions } from './online.js';
import { spamCheck, type SpamScore } from './spam.js';

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
