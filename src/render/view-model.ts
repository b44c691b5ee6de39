import path from 'node:path';
import { defuseTokens, recipientToken } from '../tokens.js';
import type { Issue, IssueArticle, LayoutPlan } from '../types.js';
import { PACKAGE_ROOT } from '../util/paths.js';
import { htmlToText } from '../util/sanitize.js';
import { articleView, authorView, type ArticleView, type AuthorView, type ImageView } from './article-view.js';
import { readableOn } from './colors.js';
import { dateLocaleOf } from '../util/date-locale.js';
import { truncateText } from './format.js';
import { compactUrls, layoutOf, type LayoutOptions } from './layout.js';
import { fill, isRightToLeft, loadLocales, plural, wordsFor, type Locales, type Words } from './words.js';

export { CARD_BIO_LENGTH, IMAGE_WIDTH, type ArticleView, type AuthorView, type ImageView } from './article-view.js';

/** Newsletter settings the templates show, from the config (see `newsletterInfo()` in pipeline/). */
export interface NewsletterInfo extends LayoutOptions {
  name: string;
  baseUrl: string;
  tagline?: string;
  footer?: string;
  /** BCP 47 tag of the email's language; default "en". */
  language?: string;
  /** Brand colour of links and the masthead rule (hex). */
  accent?: string;
  /** https URL of the masthead logo. */
  logo?: string;
}

/** A section of the email: its heading (null when the issue has no sections) and articles. */
export interface SectionView {
  heading: string | null;
  articles: ArticleView[];
}

/** Everything a template can reference. Every key is present (Handlebars strict mode). */
export interface ViewModel {
  lang: string;
  dir: 'ltr' | 'rtl';
  /** Where lines start and end in `dir`: "left"/"right" for MJML's align attributes. */
  align: { start: 'left' | 'right'; end: 'left' | 'right' };
  /** The template's fixed words in the newsletter's language (`templates/locales/<lang>.json`). */
  words: Words;
  theme: {
    accent: string;
    /** The accent lightened to 4.5:1 on the dark-mode card. */
    accentDark: string;
    logo: ImageView | null;
  };
  newsletter: { name: string; baseUrl: string; tagline: string | null; footer: string | null };
  issue: {
    id: string;
    subject: string;
    preheader: string;
    dateRange: string;
    /** The generic intro, shown when the editor wrote no note. */
    intro: string;
    /** The editor's note: sanitised HTML and plain text. */
    note: { html: string; text: string } | null;
    archiveUrl: string;
    articleCount: number;
    /** "Authors this week" (or the singular). */
    authorsHeading: string;
  };
  /** The lead story, when one is featured (also first in `articles`; in no section). */
  lead: ArticleView | null;
  /**
   * "In this issue", once the HTML shows 5 or more articles (else null): the
   * full-size ones, and "and N more in brief" for the compact ones.
   */
  contents: { articles: ArticleView[]; rest: string | null } | null;
  /** The sections the HTML shows, without the lead and moved articles. */
  sections: SectionView[];
  /** Articles moved to the web archive to fit the size budget, as one block; null when none. */
  more: { count: number; label: string; url: string } | null;
  /** Each author of the articles the HTML shows, once, in order of first appearance. */
  authors: AuthorView[];
  /** Every article in layout order, moved ones included. */
  articles: ArticleView[];
  /** The text part's structure: every article (it is never clipped) and every author. */
  text: { lead: ArticleView | null; sections: SectionView[]; authors: AuthorView[] };
  recipient: { greetingName: string; email: string; unsubscribeUrl: string; preferencesUrl: string };
}

/** What {@link buildViewModel} takes besides the issue. */
export interface ViewOptions {
  /** The words of `newsletter.language`; default: the bundled locale files. */
  words?: Words;
  /** Articles compacted or moved to fit the size budget. */
  plan?: LayoutPlan;
}

const DARK_CARD = '#161b22';
const LOGO_HEIGHT = 40;
let bundled: Locales | undefined;

/** The words of a language from the bundled `templates/locales/`. */
export function bundledWords(language: string): Words {
  bundled ??= loadLocales(path.join(PACKAGE_ROOT, 'templates'));
  return wordsFor(bundled, language);
}

/** Subject line of an issue: newsletter name and the week's dates. */
export function subjectOf(issue: Pick<Issue, 'dateRange'>, newsletter: Pick<NewsletterInfo, 'name'>): string {
  return `${newsletter.name} · ${issue.dateRange}`;
}

/** Preview text shown after the subject in inbox lists: the first story, then how many more and their titles. */
export function preheaderOf(articles: Pick<IssueArticle, 'title'>[], words: Words = bundledWords('en'), language = 'en'): string {
  const [first, ...rest] = articles;
  if (!first) return '';
  const line = fill(plural(words, 'preheader', articles.length, language), {
    lead: first.title,
    more: rest.length,
    titles: rest.map((article) => article.title).join(' · '),
  });
  return truncateText(line, 140);
}

/**
 * Builds the template data for an issue. Every content string, URLs included,
 * is defused, so no article can carry another recipient's placeholder.
 */
export function buildViewModel(issue: Issue, newsletter: NewsletterInfo, options: ViewOptions = {}): ViewModel {
  const language = newsletter.language ?? 'en';
  const words = options.words ?? bundledWords(language);
  const layout = layoutOf(issue, newsletter);
  const compact = compactUrls(layout.order, newsletter, options.plan);
  const moved = new Set(options.plan?.moved ?? []);
  const planned = new Set(options.plan?.compacted ?? []);
  const dateLocale = dateLocaleOf(language).locale;
  const authorViews = new Map<string, AuthorView>();
  const views = new Map<IssueArticle, ArticleView>();
  layout.order.forEach((article, index) => {
    const author = article.author ? authorViews.get(article.author.id) ?? authorView(article.author, language) : null;
    if (author) authorViews.set(author.id, author);
    const isLead = article === layout.lead;
    // The lead stays large past compactAfter (compactAfter 0 still leads); only a size plan compacts it.
    const compacted = isLead ? planned.has(article.url) : compact.has(article.url);
    views.set(article, articleView(article, {
      number: index + 1,
      author,
      lead: isLead,
      compact: compacted,
      moved: moved.has(article.url),
      timeZone: issue.timezone,
      words,
      dateLocale,
      language,
    }));
  });
  const all = layout.order.map((article) => views.get(article) as ArticleView);
  const shown = all.filter((article) => !article.moved);
  const named = layout.sections.some((section) => section.name !== null);
  const sectionsOf = (keep: (article: ArticleView) => boolean): SectionView[] =>
    layout.sections
      .map((section) => ({
        heading: section.name ?? (named ? (words.sectionOther ?? null) : null),
        articles: section.articles.map((article) => views.get(article) as ArticleView).filter(keep),
      }))
      .filter((section) => section.articles.length > 0);
  const authorsOf = (articles: ArticleView[]): AuthorView[] => [
    ...new Map(articles.flatMap((article) => (article.author ? [[article.author.id, article.author] as const] : []))).values(),
  ];
  const lead = layout.lead ? (views.get(layout.lead) ?? null) : null;
  const shownAuthors = authorsOf(shown);
  const count = issue.articles.length;
  const accent = newsletter.accent ?? '#0b5cad';
  const rtl = isRightToLeft(language);
  const content = defuseDeep({
    lang: language,
    dir: rtl ? ('rtl' as const) : ('ltr' as const),
    align: rtl ? { start: 'right' as const, end: 'left' as const } : { start: 'left' as const, end: 'right' as const },
    words,
    theme: {
      accent,
      accentDark: readableOn(accent, DARK_CARD),
      logo: newsletter.logo ? { src: newsletter.logo, alt: newsletter.name, width: LOGO_HEIGHT * 3, height: LOGO_HEIGHT } : null,
    },
    newsletter: {
      name: newsletter.name,
      baseUrl: newsletter.baseUrl,
      tagline: newsletter.tagline ?? null,
      footer: newsletter.footer ?? null,
    },
    issue: {
      id: issue.id,
      subject: issue.editorial?.subject ?? subjectOf(issue, newsletter),
      preheader: issue.editorial?.preheader ?? preheaderOf(layout.order, words, language),
      dateRange: issue.dateRange,
      intro: fill(plural(words, 'intro', count, language), { lead: layout.order[0]?.title ?? '' }),
      note: issue.editorial?.noteHtml ? { html: issue.editorial.noteHtml, text: issue.editorial.noteText ?? htmlToText(issue.editorial.noteHtml) } : null,
      archiveUrl: `${newsletter.baseUrl}/archive/${issue.id}`,
      articleCount: count,
      authorsHeading: plural(words, 'authorsHeading', shownAuthors.length, language),
    },
    lead: lead && !lead.moved ? lead : null,
    contents: shown.length >= 5 ? contentsOf(shown, words, language) : null,
    sections: sectionsOf((article) => !article.moved),
    more: moved.size > 0 ? moreBlock(all.length - shown.length, words, language, `${newsletter.baseUrl}/archive/${issue.id}`) : null,
    authors: shownAuthors,
    articles: all,
    text: { lead, sections: sectionsOf(() => true), authors: authorsOf(all) },
  });
  return {
    ...content,
    recipient: {
      greetingName: recipientToken('greetingName'),
      email: recipientToken('email'),
      unsubscribeUrl: recipientToken('unsubscribeUrl'),
      preferencesUrl: recipientToken('preferencesUrl'),
    },
  };
}

function contentsOf(shown: ArticleView[], words: Words, language: string): ViewModel['contents'] {
  const full = shown.filter((article) => !article.compact);
  const rest = shown.length - full.length;
  return { articles: full, rest: rest > 0 ? plural(words, 'contentsMore', rest, language) : null };
}

function moreBlock(count: number, words: Words, language: string, url: string): ViewModel['more'] {
  return count > 0 ? { count, label: plural(words, 'moreArticles', count, language), url } : null;
}

/** Applies {@link defuseTokens} to every string in a plain data structure. */
function defuseDeep<T>(value: T): T {
  if (typeof value === 'string') return defuseTokens(value) as T;
  if (Array.isArray(value)) return value.map((item) => defuseDeep(item)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, defuseDeep(item)])) as T;
  }
  return value;
}

