/**
 * Recognises the non-article text that publishing systems wrap around prose:
 * bylines, timestamps, datelines, calls to action. Patterns are anchored and
 * kept narrow, because dropping a real sentence is worse than keeping a stray
 * "Advertisement".
 */

/** Runs of boilerplate inside a paragraph, removed before splitting sentences. */
const INLINE_PATTERNS: RegExp[] = [
  // DailyMail headers: "By . Jane Doe . PUBLISHED: 10:11 EST, 3 January 2014 . | . UPDATED: ..."
  /\bBy \. [^.]{1,80} \. (?=PUBLISHED:|Last updated)/g,
  /\b(?:PUBLISHED|UPDATED):\s*\d{1,2}:\d{2}\s*(?:[AP]M\s*)?(?:[A-Z]{2,4})?,?\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*\.?\s*\|?\s*\.?/g,
  /\bLast updated at \d{1,2}:\d{2}\s*[AP]M on \d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+ \d{4}\s*\.?/g,
  /\bScroll down for (?:video|videos|more)\b\.?/gi,
];

/** A wire dateline before the first sentence: "Boston (CNN)", "(The Hollywood Reporter) --". */
const DATELINE =
  /^(?:\p{Lu}[\p{L}.'-]*(?:,? \p{Lu}[\p{L}.'-]*){0,3},? )?\(\p{Lu}[\p{L}&.'-]*(?: \p{Lu}[\p{L}&.'-]*){0,3}\)\s*(?:[-—–]+\s*)?(?=["“‘'\p{Lu}\p{N}])/u;

/** Longer sentences are prose that happens to mention "click here" or a date. */
const MAX_BOILERPLATE_LENGTH = 160;

/** Whole sentences that are boilerplate. */
const SENTENCE_PATTERNS: RegExp[] = [
  // "By Jane Doe", "By JANE DOE FOR MAILONLINE", "By Jane Doe, Staff Writer" (no lowercase words but a few joiners)
  /^[Bb]y[\s.]+(?:\p{Lu}[\p{L}'’.-]*)(?:[\s,|.]+(?:\p{Lu}[\p{L}'’.-]*|and|for|in|of|the|at|&))*[\s,|.]*$/u,
  // A timestamp, not "Updated figures show ...": the keyword is followed by a date or time.
  /^(?:published|updated|posted|last updated|last modified)(?: on| at)?:?\s+(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)/i,
  /^advertisements?\.?$/i,
  /^(?:subscribe|sign up|click here|read more|follow us|follow @|share this|learn more|see also|related:|read next)\b/i,
  /\bclick here\b/i,
  /^(?:photo|image|picture|video|credit|source)s?(?: credit)?:/i,
  /^(?:copyright\s*)?(?:©|\(c\))|^copyright \d{4}|all rights reserved/i,
  // Wire-copy credits: "Jane Doe contributed to this report.", "Reporting by Jane Doe", "Jane Doe reported from Boston."
  /\bcontributed (?:to (?:this|the) (?:report|story|article)|reporting)\b|^(?:additional )?reporting by\b/i,
  /^(?:\p{Lu}[\p{L}'’.-]*,? ){1,4}(?:and (?:\p{Lu}[\p{L}'’.-]* ){1,3})?reported from (?:\p{Lu}[\p{L}'’.-]*,? ?){1,4}\.$/u,
];

/** Whether a whole sentence is boilerplate. */
export function isBoilerplateSentence(sentence: string): boolean {
  const s = sentence.trim();
  if (s.length > MAX_BOILERPLATE_LENGTH) return false;
  return SENTENCE_PATTERNS.some((pattern) => pattern.test(s));
}

/** Removes boilerplate runs and a leading dateline from a paragraph. */
export function stripBoilerplateRuns(paragraph: string): string {
  let text = paragraph;
  for (const pattern of INLINE_PATTERNS) text = text.replace(pattern, ' ');
  return text.replace(/\s+/g, ' ').trim().replace(DATELINE, '');
}
