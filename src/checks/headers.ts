/**
 * The list headers of the sample message: RFC 8058's one-click pair
 * (List-Unsubscribe with an https URL, List-Unsubscribe-Post) and List-Id
 * (RFC 2919), which Gmail and Yahoo require of bulk senders.
 */
import type { Check } from './check.js';

/** Looks a header up by name, case-insensitively. */
function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

/** Checks the list headers of a message's extra headers. */
export function checkListHeaders(headers: Readonly<Record<string, string>>): Check[] {
  const checks: Check[] = [];
  const unsubscribe = header(headers, 'List-Unsubscribe');
  const post = header(headers, 'List-Unsubscribe-Post');
  const listId = header(headers, 'List-Id');
  const targets = [...(unsubscribe ?? '').matchAll(/<([^>]*)>/g)].map((match) => match[1] ?? '');
  if (unsubscribe === undefined) {
    checks.push({ severity: 'error', check: 'headers', message: 'the message has no List-Unsubscribe header: mail providers require one-click unsubscribe of newsletters' });
  } else if (!targets.some((target) => /^https:\/\//i.test(target) && URL.canParse(target))) {
    checks.push({ severity: 'error', check: 'headers', message: `List-Unsubscribe has no https URL (${unsubscribe}): one-click unsubscribe (RFC 8058) needs one; set newsletter.baseUrl to an https:// address` });
  }
  if (post === undefined) {
    checks.push({ severity: 'error', check: 'headers', message: 'the message has no List-Unsubscribe-Post header: one-click unsubscribe (RFC 8058) needs "List-Unsubscribe-Post: List-Unsubscribe=One-Click"' });
  } else if (post.trim() !== 'List-Unsubscribe=One-Click') {
    checks.push({ severity: 'error', check: 'headers', message: `List-Unsubscribe-Post is "${post}": RFC 8058 requires exactly "List-Unsubscribe=One-Click"` });
  }
  if (listId === undefined) {
    checks.push({ severity: 'error', check: 'headers', message: 'the message has no List-Id header: mail providers group and filter lists by it (RFC 2919)' });
  } else if (!/<[^<>\s]+\.[^<>\s]+>\s*$/.test(listId)) {
    checks.push({ severity: 'error', check: 'headers', message: `List-Id "${listId}" does not end in <a dotted id> (RFC 2919)` });
  }
  return checks;
}
