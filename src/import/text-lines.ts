/**
 * Line classifiers for text copied from a web page: what is page furniture
 * (calls to action, navigation, sign-up prompts) and what is a kicker, a
 * byline, a person's name or prose. Pure functions, table-tested.
 */
import { parseDateLine } from './loose-date.js';

/** Why a line is left out of an imported article. */
export type DropReason = 'promo' | 'navigation' | 'signup';

const SOCIAL = '(?:twitter|x|facebook|linkedin|email|e-mail|mastodon|bluesky|threads|reddit|hacker news|whatsapp|telegram)';

/** Words that page between articles: "next", "older", "prev" … */
const PAGER = '(?:previous|prev|next|older|newer|new|earlier|later|more|other)';
/** What such a pager pages through: "posts", "articles", "stories" … */
const ITEMS = '(?:(?:article|post|story|page|entry|chapter|item|issue|episode|result|update|news|write-up|blog post)s?|stories|entries)';

/** Calls to action. Each pattern matches a whole line (see {@link matchKey}). */
const PROMO: RegExp[] = [
  /^(?:learn|read|see|find out|discover|explore) more\b.{0,50}$/,
  /^(?:read|view|see) (?:the )?(?:full|whole|entire|original) (?:story|article|post|report|case study)\b.{0,30}$/,
  /^continue reading\b.{0,50}$/,
  /^(?:sign up|signup|register|join|subscribe)(?: now| today| here| for free| free| it's free)?$/,
  /^(?:sign up|subscribe|register)(?: now| today| free)? (?:to|for|and|with) .{0,60}$/,
  /^get started\b(?: now| today| for free| free| in minutes)?$/,
  /^get started (?:with|for) .{0,30}$/,
  /^(?:start|begin) (?:your |a )?(?:free )?(?:trial|now|today)\b.{0,30}$/,
  /^try(?: it| [^ ]+(?: [^ ]+)?)? (?:for )?free\b.{0,30}$/,
  /^try (?:it )?(?:now|today)$/,
  /^(?:book|request|get|schedule) a (?:free )?(?:demo|call|consultation|quote)\b.{0,30}$/,
  /^(?:contact|talk to) (?:us|sales|our (?:sales )?team)$/,
  /^(?:download|buy|shop|order|install) (?:it |the app )?(?:now|today)\b.{0,20}$/,
  /^click here\b.{0,100}$/,
  /^(?:don't miss out|act now|limited[- ]time offer)\b.{0,60}$/,
  /^(?:we're hiring|join (?:our|the) team)\b.{0,60}$/,
  // "Book your demo", "Request a free trial", "See a live demo", "Claim your free trial".
  /^(?:book|request|get|schedule|see|claim|start|watch) (?:a |an |your |our |the )?(?:free |live |personal |quick |\d+[- ]day )?(?:demo|call|consultation|quote|trial|webinar|walkthrough|tour)\b.{0,30}$/,
  /^(?:learn|find out|discover|see) how\b.{0,60}$/,
  // A lead-in question of a call to action: "Ready to ship faster?", "Want to see it in action?".
  /^(?:ready|want|need|looking|interested|curious|eager) (?:to|for|in|about|how)\b.{0,60}\?$/,
  /^(?:get|download|grab|claim) (?:your|the|our|a) (?:free |copy |ebook |e-book |guide |report |whitepaper |white paper |checklist |template )+.{0,40}$/,
  /^(?:download|get|read|grab) (?:the |our |your |a )?(?:free )?(?:report|guide|ebook|e-book|whitepaper|white paper|case study|checklist|cheat sheet|playbook)\b.{0,30}$/,
  /^(?:see|watch) .{0,30}\bin action$/,
  /^(?:watch|view) (?:the |our )?(?:video|demo|webinar|recording|replay)\b.{0,30}$/,
  /^(?:talk|speak|chat) (?:to|with) (?:an? )?(?:expert|specialist|sales|our (?:team|experts)|us|someone)\b.{0,20}$/,
  /^(?:get in touch|contact us today|let's talk)\b.{0,30}$/,
  /^join the (?:waitlist|wait list|beta|community)\b.{0,30}$/,
  /^(?:save|reserve|book|claim|secure) (?:your|a) (?:seat|spot|place|ticket)\b.{0,30}$/,
  /^(?:explore|discover|check out|visit) (?:the|our) (?:platform|product|products|features|plans|pricing|docs|documentation|solutions|integrations|website|site|store|shop|marketplace)\b.{0,20}$/,
  /^(?:see|view|compare|check) (?:our )?(?:pricing|plans)\b.{0,20}$/,
  /^(?:watch|listen|read|play|stream|view|apply|upgrade|donate|enroll|enrol) (?:it )?(?:now|today|here)$/,
  /^(?:get|download) (?:the|our) (?:app|extension|plugin|add-on)\b.{0,30}$/,
  /^upgrade to .{1,30}$/,
  /^get (?:early |instant |free |full )?access\b.{0,30}$/,
  /^(?:get|save|enjoy|take) \d+ ?% off\b.{0,30}$/,
  /^use (?:the )?(?:code|coupon|promo code)\b.{0,30}$/,
  /^claim (?:your |the |this )?(?:offer|deal|discount|free .{1,20})$/,
];

/** Leftovers of the page's navigation and chrome. */
const NAVIGATION: RegExp[] = [
  // Pagination between articles, in any of its wordings: "Next post", "No newer posts",
  // "Older entries", "See more articles", "Previous article: How we …", "No new articles".
  new RegExp(`^(?:no |no more )?${PAGER} ${ITEMS}(?: here| yet| found| to show| available| in this (?:series|category))?$`),
  /^(?:previous|prev|next|older|newer)(?: posts?| entries| page)?$/,
  new RegExp(`^(?:(?:see|view|show|load|browse|go to) (?:all |more |the )?|all )(?:${PAGER} )?${ITEMS}$`),
  /^(?:show|load|see|view) (?:more|all)$/,
  new RegExp(`^(?:previous|prev|next|older|newer)(?: ${ITEMS})?: .{1,120}$`),
  new RegExp(`^no (?:${ITEMS})(?: yet| found| to show| available| here)?$`),
  /^(?:page \d+(?: of \d+)?|\d+(?: \d+)+(?: next| last)?|(?:first|last) page)$/,
  /^(?:(?:back|return|go back|scroll|jump|skip) to (?:the )?(?:blog|all (?:posts|articles|stories)|articles|posts|news|top|home|homepage|overview|index|start|main page|the top)|go back|to top)$/,
  new RegExp(`^(?:share|tweet|post|send|email|pin|like|print|save|bookmark)(?: this| it| the)?(?: article| post| story| page| link)?(?: (?:on|via|to|with) ${SOCIAL})?$`),
  new RegExp(`^(?:follow|find|like) us(?: on ${SOCIAL}(?:(?:,| and| or) ${SOCIAL})*)?$`),
  /^(?:was this (?:article|post|page) (?:helpful|useful)|did you (?:like|enjoy) this (?:article|post))\??$/,
  /^(?:no comments(?: yet)?|be the first to comment|join the (?:discussion|conversation))$/,
  /^(?:tweet|post) (?:this|it)$/,
  new RegExp(`^(?:${SOCIAL}|copy link|copy url|link copied|print)$`),
  /^(?:related|similar) (?:posts|articles|stories|reading|content|topics)$/,
  /^(?:you (?:might|may) also (?:like|enjoy)|more (?:from|on) (?:the|our|this) blog|more (?:posts|articles|stories)|read next|up next|keep reading|recommended(?: (?:posts|articles|reading|for you))?|popular posts|latest (?:posts|articles|news))$/,
  /^(?:skip to (?:main )?content|menu|close menu|open menu|toggle navigation|search|close|home|log in|login|sign in)$/,
  /^(?:about the author|written by|posted in|filed under|tags?|topics|categories|table of contents|on this page|in this (?:article|post))$/,
  /^\d+ min(?:ute)?s?(?: read)?$/,
  /^(?:accept(?: all)?(?: cookies)?|reject(?: all)?|decline|cookie (?:settings|preferences|policy)|manage (?:cookies|preferences))$/,
  /^we use cookies\b.{0,200}$/,
  /^home(?: [/›>»|] [^/›>»|]+)+$/,
  /^(?:all rights reserved|(?:©|\(c\)|copyright) .{0,80})$/,
  /^(?:comments?|\d+ comments?|leave a (?:comment|reply)|show comments|load more)$/,
];

/** Newsletter sign-up prompts. */
const SIGNUP: RegExp[] = [
  /^enter your (?:work |business )?(?:email|e-mail)(?: address)?\b.{0,40}$/,
  /^(?:your )?(?:work |business )?(?:email|e-mail)(?: address)?\*?$/,
  /^join (?:over |more than |nearly |almost )?[\d.,]+\s*(?:k|m|\+|k\+)? ?(?:other |fellow )?(?:readers|subscribers|developers|engineers|people|designers|marketers|professionals|leaders|others)\b.{0,100}$/,
  /^join (?:thousands|hundreds|tens of thousands) of\b.{0,100}$/,
  /^(?:get|receive) (?:the |our )?(?:latest|best|newest|weekly|monthly|new|top)\b.{0,60}\b(?:inbox|email|newsletter)s?\b.{0,30}$/,
  /^(?:delivered|sent) (?:straight |right |directly )?to your inbox\b.{0,30}$/,
  /^(?:no spam|we (?:will |')?never (?:spam|share)|we respect your privacy|unsubscribe (?:at )?any ?time)\b.{0,80}$/,
  /^(?:stay|keep) (?:up to date|up-to-date|in the loop|informed|updated|posted)\b.{0,80}$/,
  /^(?:our |the |a )?(?:weekly |monthly )?newsletter$/,
  /^(?:thanks|thank you) for (?:subscribing|signing up)\b.{0,40}$/,
  /^(?:by subscribing|by signing up)\b.{0,160}$/,
];

/** Headings after which a page lists other articles (their titles are dropped too). */
const RELATED_HEADING =
  /^(?:(?:related|similar) (?:posts|articles|stories|reading|content)|you (?:might|may) also (?:like|enjoy)|more (?:from|on) (?:the|our|this) blog|more (?:posts|articles|stories)|read next|up next|keep reading|recommended(?: (?:posts|articles|reading|for you))?|popular posts|latest (?:posts|articles|news))$/;

const MAX_FURNITURE_WORDS = 24;

/**
 * A line reduced for matching: lower case, straight quotes, single spaces,
 * without surrounding arrows, bullets and final punctuation
 * ("Next article →" → "next article", "Learn more." → "learn more").
 */
export function matchKey(line: string): string {
  return line
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/^[\s→←↑↓↗›‹»«><\-–—•·|*#:]+/, '')
    .replace(/[\s→←↑↓↗›‹»«><\-–—•·|*#:.!…]+$/, '')
    .trim();
}

/** Why `line` is page furniture, or undefined when it is content. */
export function classifyLine(line: string): DropReason | undefined {
  if (wordCount(line) > MAX_FURNITURE_WORDS) return undefined;
  const key = matchKey(line);
  if (!key) return undefined;
  if (SIGNUP.some((pattern) => pattern.test(key))) return 'signup';
  if (NAVIGATION.some((pattern) => pattern.test(key))) return 'navigation';
  if (PROMO.some((pattern) => pattern.test(key))) return 'promo';
  return undefined;
}

/** Whether `line` introduces a list of other articles ("Related posts"). */
export function isRelatedHeading(line: string): boolean {
  return RELATED_HEADING.test(matchKey(line));
}

/** Number of whitespace-separated words. */
export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed ? trimmed.split(/\s+/).length : 0;
}

/** Whether `line` ends like a sentence or clause (so it is no kicker, title or heading). */
export function endsWithPunctuation(line: string): boolean {
  return /[.!?:;,…]["'”’)\]]*$/.test(line.trim());
}

/** A list item ("- a", "• a", "1. a"), as its marker kind and text. */
export function listItem(line: string): { ordered: boolean; text: string } | undefined {
  const match = /^\s*(?:([-*•◦▪‣●–])|(\d{1,3})[.)])\s+(.*\S)\s*$/.exec(line);
  if (!match) return undefined;
  return { ordered: match[2] !== undefined, text: match[3] ?? '' };
}

/** Lines of one paragraph wrapped at a fixed width: all but the last long, none a list item, some ending mid-sentence. */
export function isHardWrapped(block: string[]): boolean {
  if (block.length < 2) return false;
  const body = block.slice(0, -1);
  return (
    block.every((line) => line.length <= 100 && !listItem(line)) &&
    body.every((line) => line.length >= 40) &&
    body.some((line) => !endsWithPunctuation(line))
  );
}

/** A short line above the title naming the section: "ENGINEERING", "Product updates". */
export function isKickerLike(line: string): boolean {
  const text = line.trim();
  return (
    text.length > 0 &&
    text.length <= 40 &&
    wordCount(text) <= 4 &&
    /\p{L}/u.test(text) &&
    !endsWithPunctuation(text) &&
    !listItem(text) &&
    !parseDateLine(text)
  );
}

/** A line that can be a title: not too long, not ending like a sentence (a "?" or "!" is fine). */
export function isTitleLike(line: string): boolean {
  const text = line.trim();
  return text.length > 0 && text.length <= 200 && wordCount(text) <= 25 && !/[.:;,]$/.test(text) && !listItem(text);
}

const NAME_PARTICLE = /^(?:de|da|di|del|della|der|den|van|von|le|la|du|dos|das|bin|ibn|al|el|y|ter|zu)$/;
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.)$/u;

/** Whether `line` looks like a person's name: "Jane Doe", "Ana María de la Cruz", "J. R. Okafor". */
export function isPersonName(line: string): boolean {
  const text = line.trim();
  if (text.length < 3 || text.length > 60 || /\d/.test(text)) return false;
  const words = text.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  // "Jane Doe." ends a sentence; "J. R. Okafor Jr." ends with an abbreviation.
  if (/[.!?,;:]$/.test(text) && (words.at(-1) ?? '').length > 3) return false;
  const capitalised = words.filter((word) => NAME_WORD.test(word)).length;
  return capitalised >= 2 && words.every((word) => NAME_WORD.test(word) || NAME_PARTICLE.test(word));
}

/** Whether `bio` is a bio paragraph of `name`: it begins with the name and says something. */
export function isBioOf(bio: string, name: string): boolean {
  const text = bio.trim();
  const rest = text.slice(name.length);
  return text.startsWith(name) && /^(?:\s|,|['’]s\s)/.test(rest) && wordCount(text) >= 5;
}

/** The author's name in a byline: "By Jane Doe" → "Jane Doe". */
export function parseByline(line: string): string | undefined {
  const match = /^by\s+(.+)$/i.exec(line.trim());
  const name = match?.[1]?.trim();
  return name && name.length <= 80 && !endsWithPunctuation(name) ? name : undefined;
}

/** A section name from a kicker: all-caps kickers become sentence case ("PRODUCT UPDATES" → "Product updates"). */
export function sectionFromKicker(kicker: string): string {
  const text = kicker.trim().replace(/\s+/g, ' ');
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2 || letters !== letters.toUpperCase()) return text;
  const lower = text.toLowerCase().replace(/\b(?:ai|ml|api|apis|css|html|sql|ui|ux|qa|ci|cd|seo)\b/g, (word) => word.toUpperCase());
  return lower.replace(/\p{L}/u, (first) => first.toUpperCase());
}

/** The items of a line of furniture laid side by side: "← Older posts | Newer posts →", "Share · Tweet · Email". */
export function splitItems(text: string): string[] {
  const [label, rest] = splitLabel(text);
  return [...(label ? [label] : []), ...rest.split(/\s+[|·•/]\s+|\s{3,}/)].map((part) => part.trim()).filter(Boolean);
}

/** A short label before a colon ("Share:", "Follow us:") and the rest of the line. */
export function splitLabel(text: string): [string | undefined, string] {
  const match = /^([^:]{1,20}):\s*(.*)$/s.exec(text);
  return match && (match[1]?.trim().split(/\s+/).length ?? 0) <= 3 ? [match[1], match[2] ?? ''] : [undefined, text];
}

/** The sentences of a paragraph: each ends with ".", "!", "?" or "…" followed by a space and a capital. */
export function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?…]["'”’)\]]*)\s+(?=["'“‘([]?[\p{Lu}\p{N}])/u).filter((sentence) => sentence.trim() !== '');
}

/** Prose that ends with a full stop: article titles ("Why is CI slow?") never do. */
export function isSentence(unit: string): boolean {
  return /[.…]["'”’)\]]*$/.test(unit) && wordCount(unit) >= 6;
}
