import type { Locale } from 'date-fns';
import type { Author, IssueArticle } from '../types.js';
import { dateLabel } from './dates.js';
import { badgeColorOf, cutAtSentence, initialsOf } from './format.js';
import { fill, type Words } from './words.js';

/** An author as the "Authors this week" card shows it. Every key is present (Handlebars strict mode). */
export interface AuthorView {
  id: string;
  name: string;
  role: string | null;
  avatar: string | null;
  initials: string;
  badgeColor: string;
  /** Short plain-text bio for the card, cut at a sentence end. */
  bio: string | null;
  links: { label: string; url: string }[];
}

/** An image with the size its `<img>` attributes give. */
export interface ImageView {
  src: string;
  alt: string;
  width: number;
  height: number;
}

/** An article as the templates show it. */
export interface ArticleView {
  /** Position in the email, from 1. */
  number: number;
  title: string;
  url: string;
  dateLabel: string;
  section: string | null;
  summary: string;
  /** One sentence of the summary, for the compact form. */
  teaser: string;
  image: ImageView | null;
  author: AuthorView | null;
  /** "by Name", or null without an author. */
  byline: string | null;
  /** The lead story, shown large with its image. */
  lead: boolean;
  /** Shown compact: title, teaser, byline. */
  compact: boolean;
  /** Left out of the HTML to fit the size budget (listed in the web archive and the text part). */
  moved: boolean;
}

/** Longest bio shown on a card; the full bio lives on the site. */
export const CARD_BIO_LENGTH = 180;
/** Longest teaser of a compact article. */
export const TEASER_LENGTH = 120;
/** Width of an article image in the 600 px email (24 px margins). */
export const IMAGE_WIDTH = 552;

/** What {@link articleView} needs besides the article. */
export interface ArticleContext {
  number: number;
  author: AuthorView | null;
  lead: boolean;
  compact: boolean;
  moved: boolean;
  timeZone: string;
  words: Words;
  dateLocale: Locale;
  language: string;
}

/** Image dimensions, when the collect stage measured them. */
interface Measured {
  imageWidth?: number;
  imageHeight?: number;
}

/** The view of one article. */
export function articleView(article: IssueArticle & Measured, context: ArticleContext): ArticleView {
  const pattern = context.words.dateFormat ?? 'EEE, MMM d';
  return {
    number: context.number,
    title: article.title,
    url: article.url,
    dateLabel: dateLabel(article.date, context.timeZone, pattern, context.dateLocale),
    section: article.section ?? null,
    summary: article.summary,
    teaser: cutAtSentence(article.summary, TEASER_LENGTH, context.language),
    image: article.image ? imageView(article, article.image) : null,
    author: context.author,
    byline: context.author ? fill(context.words.byline ?? 'by {name}', { name: context.author.name }) : null,
    lead: context.lead,
    compact: context.compact,
    moved: context.moved,
  };
}

function imageView(article: IssueArticle & Measured, src: string): ImageView {
  const { imageWidth, imageHeight } = article;
  // Without measured dimensions a 2:1 box keeps the layout when images are off; CSS height:auto corrects it when on.
  const height = imageWidth && imageHeight ? Math.round((IMAGE_WIDTH * imageHeight) / imageWidth) : IMAGE_WIDTH / 2;
  return { src, alt: article.imageAlt ?? article.title, width: IMAGE_WIDTH, height };
}

/** The card view of an author, made once per issue. */
export function authorView(author: Author, language: string): AuthorView {
  return {
    id: author.id,
    name: author.name,
    role: author.role ?? null,
    avatar: author.avatar ?? null,
    initials: initialsOf(author.name),
    badgeColor: badgeColorOf(author.name),
    bio: author.bioText ? cutAtSentence(author.bioText, CARD_BIO_LENGTH, language) : null,
    links: author.links.map((link) => ({ label: link.label, url: link.url })),
  };
}
