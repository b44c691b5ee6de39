import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { defuseTokens, recipientToken } from '../tokens.js';
import type { Author, Issue, IssueArticle } from '../types.js';
import { badgeColorOf, initialsOf, truncateText } from './format.js';

/** Newsletter settings the templates show. */
export interface NewsletterInfo {
  name: string;
  baseUrl: string;
  tagline?: string;
  footer?: string;
}

/** An author as the card shows it. Every key is present (Handlebars strict mode). */
export interface AuthorView {
  id: string;
  name: string;
  role: string | null;
  avatar: string | null;
  initials: string;
  badgeColor: string;
  /** Short plain-text bio for the card. */
  bio: string | null;
  links: { label: string; url: string }[];
}

/** An article as the templates show it. */
export interface ArticleView {
  number: number;
  title: string;
  url: string;
  dateLabel: string;
  section: string | null;
  summary: string;
  image: { src: string; alt: string } | null;
  author: AuthorView | null;
}

/** Everything a template can reference. */
export interface ViewModel {
  newsletter: { name: string; baseUrl: string; tagline: string | null; footer: string | null };
  issue: {
    id: string;
    subject: string;
    preheader: string;
    dateRange: string;
    intro: string;
    archiveUrl: string;
    articleCount: number;
  };
  articles: ArticleView[];
  /** Each author of the issue once, in order of first appearance. */
  authors: AuthorView[];
  recipient: { greetingName: string; email: string; unsubscribeUrl: string };
}

/** Longest bio shown on a card; the full bio lives on the site. */
export const CARD_BIO_LENGTH = 180;

/** Subject line of an issue: newsletter name and the week's dates. */
export function subjectOf(issue: Pick<Issue, 'dateRange'>, newsletter: Pick<NewsletterInfo, 'name'>): string {
  return `${newsletter.name} · ${issue.dateRange}`;
}

/** Preview text shown after the subject in inbox lists. */
export function preheaderOf(issue: Pick<Issue, 'articles'>): string {
  const count = issue.articles.length;
  const titles = issue.articles.map((article) => article.title).join(' · ');
  return truncateText(`${count} ${count === 1 ? 'article' : 'articles'} this week: ${titles}`, 140);
}

/**
 * Builds the template data for an issue. Every content string, URLs included,
 * is defused, so no article can carry another recipient's placeholder.
 */
export function buildViewModel(issue: Issue, newsletter: NewsletterInfo): ViewModel {
  const authors = new Map<string, AuthorView>();
  const articles = issue.articles.map((article, index) => {
    const author = article.author ? authorView(article.author, authors) : null;
    return articleView(article, index + 1, author, issue.timezone);
  });
  const count = issue.articles.length;
  const content = defuseDeep({
    newsletter: {
      name: newsletter.name,
      baseUrl: newsletter.baseUrl,
      tagline: newsletter.tagline ?? null,
      footer: newsletter.footer ?? null,
    },
    issue: {
      id: issue.id,
      subject: subjectOf(issue, newsletter),
      preheader: preheaderOf(issue),
      dateRange: issue.dateRange,
      intro: `Here ${count === 1 ? 'is the article' : `are the ${count} articles`} we published this week.`,
      archiveUrl: `${newsletter.baseUrl}/archive/${issue.id}`,
      articleCount: count,
    },
    articles,
    authors: [...authors.values()],
  });
  return {
    ...content,
    recipient: {
      greetingName: recipientToken('greetingName'),
      email: recipientToken('email'),
      unsubscribeUrl: recipientToken('unsubscribeUrl'),
    },
  };
}

function articleView(article: IssueArticle, number: number, author: AuthorView | null, timeZone: string): ArticleView {
  return {
    number,
    title: article.title,
    url: article.url,
    dateLabel: format(new TZDate(article.date, timeZone), 'EEE, MMM d'),
    section: article.section ?? null,
    summary: article.summary,
    image: article.image ? { src: article.image, alt: article.imageAlt ?? article.title } : null,
    author,
  };
}

function authorView(author: Author, seen: Map<string, AuthorView>): AuthorView {
  const existing = seen.get(author.id);
  if (existing) return existing;
  const view: AuthorView = {
    id: author.id,
    name: author.name,
    role: author.role ?? null,
    avatar: author.avatar ?? null,
    initials: initialsOf(author.name),
    badgeColor: badgeColorOf(author.name),
    bio: author.bioText ? truncateText(author.bioText, CARD_BIO_LENGTH) : null,
    links: author.links.map((link) => ({ label: link.label, url: link.url })),
  };
  seen.set(author.id, view);
  return view;
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
