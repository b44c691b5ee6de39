/**
 * Sentences that cannot open a summary on their own: those whose reference
 * lies in the sentence before ("These tokens…", "It took…", "But…"), and
 * those that point at the block after them ("Run this:" before code).
 *
 * The tests are on the opening of the sentence, where English puts the link
 * to what came before: a discourse connective or an anaphoric pronoun as the
 * first word, or a demonstrative, "such", "of them" or an additive "also" in
 * the first clause ("Each theme defines these 24 tokens…").
 */

/** First words that tie a sentence to the previous one. */
const LEANING_OPENERS = new Set([
  // discourse connectives
  'but', 'and', 'or', 'nor', 'yet', 'however', 'instead', 'meanwhile', 'also', 'then', 'thus',
  'therefore', 'hence', 'moreover', 'furthermore', 'besides', 'likewise', 'similarly', 'additionally',
  'nevertheless', 'nonetheless', 'otherwise', 'consequently', 'accordingly', 'conversely', 'indeed',
  'still', 'too', 'again', 'afterwards', 'afterward', 'well', 'same',
  // anaphoric pronouns and determiners
  'it', 'its', 'they', 'them', 'their', 'theirs', 'such', 'both',
  'neither', 'another', 'here', 'that', 'those', 'these', 'this',
]);

/** Openings of several words that do the same. */
const LEANING_PHRASES =
  /^(?:so(?! far\b| much\b| many\b)|in addition|as a result|for (?:example|instance)|in contrast|by contrast|on the other hand|even so|after that|in turn|at the same time|what's more|what is more|in other words|in fact|after all|even then|that said|on top of that|despite (?:this|that|these|those|it)|because of (?:this|that|these|those|it)|the (?:latter|former(?=[,.;]| (?:is|was|has|had|will|would|can|could)\b)|other|others|rest|same|ones?|second|third|next one)\b|other (?:\p{L}+ )?(?:ones|teams?|changes?|people|parts?)|none of|all of (?:this|that|them|these|those)|either way)\b/iu;

/** Nouns after "this"/"these" that point at the text itself or the present, not at a previous sentence. */
const DEICTIC_NOUNS = new Set([
  'post', 'article', 'piece', 'essay', 'story', 'guide', 'write-up', 'writeup', 'report', 'issue',
  'newsletter', 'release', 'talk', 'series', 'tutorial', 'edition', 'page', 'blog', 'week', 'weekend',
  'month', 'year', 'quarter', 'season', 'spring', 'summer', 'autumn', 'fall', 'winter', 'morning',
  'afternoon', 'evening', 'time', 'days',
]);

/** Reference words that tie the first clause back: "these 24 tokens", "all of them", "such a change". */
const CLAUSE_REFERENCE = /\b(?:this (?!is\b|was\b)[\p{L}-]+|these|those(?! (?:who|which|that|of us|in)\b)|such(?! as\b)|of (?:it|them|this|that|these|those)|also)\b/iu;

/**
 * An additive "too"/"as well" ending a short sentence: "Amsterdam ran out of
 * workers too." In a longer one it usually compares within the sentence.
 */
const TRAILING_ADDITIVE = /(?:\btoo|\bas well),?[.!?]["'”’)]*$/i;
const ADDITIVE_MAX_WORDS = 12;

/** "It" that refers to nothing: "It's not just…", "It is worth…", "It has been a year since…". */
const EXPLETIVE_IT =
  /^it(?:'s| is| was| has been| will be| would be)(?: not)? (?:just|only|worth|time|hard|easy|clear|likely|unlikely|possible|impossible|important|difficult|no (?:secret|surprise|wonder|accident)|(?:a|one|two|three|four|five|six|\d+) (?:years?|months?|weeks?|days?|decades?) since)\b/i;

/** How many words of the opening count as its first clause when no comma ends it sooner. */
const CLAUSE_WORDS = 8;

/**
 * Whether `text` leans on the sentence before it: read alone, its reference
 * ("these", "it", "but") would point at nothing.
 */
export function leansOnPrevious(text: string): boolean {
  const s = text.replace(/^["'“‘([«\s]+/, '');
  const words = s.match(/[\p{L}\p{N}'’-]+/gu) ?? [];
  const first = (words[0] ?? '').toLowerCase().replace(/’/g, "'");
  const second = (words[1] ?? '').toLowerCase();
  if (first === 'this' || first === 'these') {
    if (!DEICTIC_NOUNS.has(second)) return true;
  } else if (first === 'those' && /^(?:who|which|of)$/.test(second)) {
    // "Those who came…" is generic.
  } else if (first === 'here' && /^(?:in|at|on)$/.test(second)) {
    // "Here in Toronto…" names a place.
  } else if ((first === 'it' || first === "it's") && EXPLETIVE_IT.test(s.replace(/’/g, "'"))) {
    // An empty subject, not a reference.
  } else if (LEANING_OPENERS.has(first) || /^(?:it's|they're|that's|here's)$/.test(first)) {
    return true;
  }
  if (LEANING_PHRASES.test(s)) return true;
  const clause = firstClause(s, words.length);
  const withoutDeixis = clause.replace(/\b(?:this|these) ([\p{L}-]+)/giu, (phrase, noun: string) =>
    DEICTIC_NOUNS.has(noun.toLowerCase()) ? '' : phrase,
  );
  if (CLAUSE_REFERENCE.test(withoutDeixis)) return true;
  return words.length <= ADDITIVE_MAX_WORDS && TRAILING_ADDITIVE.test(s);
}

/**
 * Whether `text` points at what follows it: it ends with a colon or a dash,
 * or, as the last sentence of a block followed by a list, code, quote or
 * table (`introduces`), it announces it ("Look at the WHERE clause.").
 */
export function pointsAhead(text: string, introduces: boolean): boolean {
  const s = text.trim();
  if (/[:—–-]["'”’)]*$/.test(s)) return true;
  if (!introduces) return false;
  return /\b(?:the following|below|as follows|like this|like so|looks like|here (?:is|are)|here's)\b|^(?:look|see|consider|take|run|try|compare|note|notice|imagine)\b/i.test(s);
}

/**
 * Whether `text`, opening a block that follows code, a table, a list or an
 * image, refers to it ("Look closely at the WHERE clause.", "The query above…").
 */
export function pointsBack(text: string): boolean {
  return /^(?:look|see|note|notice|here|this|these|that|those|it|in (?:this|that|the) (?:example|snippet|query|code|table|list))\b|\b(?:above|the (?:snippet|example|query|listing|output|diff|table|list))\b/i.test(text.trim());
}

/** The sentence up to its first comma, semicolon or dash, at most {@link CLAUSE_WORDS} words. */
function firstClause(s: string, wordCount: number): string {
  const clause = s.split(/[,;:—–]| - /)[0] ?? s;
  if (wordCount <= CLAUSE_WORDS) return clause;
  return clause.split(/\s+/).slice(0, CLAUSE_WORDS).join(' ');
}
