/** Domain types shared by the pipeline's stages. */

/** A link on an author's card. */
export interface AuthorLink {
  label: string;
  url: string;
}

/** A local image named in front matter, checked and measured, published as `dataDir/media/<name>`. */
export interface MediaFile {
  /** Absolute path of the file in the content folder. */
  source: string;
  /** Published name: a hash of the bytes and the format's extension, e.g. `3f2a…9c.png`. */
  name: string;
  bytes: number;
  width: number;
  height: number;
  /** Modification time when it was read (a long-running preview re-reads a replaced file). */
  mtimeMs: number;
}

/** An author, from `contentDir/authors/<id>.md`. */
export interface Author {
  id: string;
  name: string;
  role?: string;
  /**
   * URL of the avatar image (a local file's is `baseUrl/media/<name>`);
   * absent means an initials badge is drawn.
   */
  avatar?: string;
  /** Display size of the avatar in pixels: read from a local file, absent for a remote one. */
  avatarWidth?: number;
  avatarHeight?: number;
  /** The local file behind `avatar`, published with the issue. */
  avatarFile?: MediaFile;
  links: AuthorLink[];
  /** Sanitised HTML of the bio (Markdown body of the author file). */
  bioHtml: string;
  /** Plain text of the bio, for the text part. */
  bioText: string;
  file: string;
}

/** An article as collected from a source, before the week filter. */
export interface Article {
  /** Path of the source file, relative to the working directory when possible. */
  file: string;
  slug: string;
  title: string;
  date: Date;
  authorId?: string;
  /** Summary given in front matter; wins over the generated one. */
  summary?: string;
  url: string;
  section?: string;
  tags: string[];
  /** URL of the lead image (a local file's is `baseUrl/media/<name>`). */
  image?: string;
  /** Alt text of `image`. */
  imageAlt?: string;
  /** Size of `image` in pixels: read from a local file, or front matter `imageWidth`/`imageHeight` for a URL. */
  imageWidth?: number;
  imageHeight?: number;
  /** The local file behind `image`, published with the issue. */
  imageFile?: MediaFile;
  draft: boolean;
  /** Front matter `featured: true`: the issue's lead story, shown large with its image. */
  featured?: boolean;
  /** Markdown body without front matter. */
  body: string;
  /** Set when the article belongs to a week already sent without it, and goes out in a later issue. */
  late?: LateMark;
}

/** Why an article is in an issue late. */
export interface LateMark {
  /** The week it is dated in, already sent. */
  week: string;
  sentAt: Date;
  /** E.g. "late: its week 2026-W47 was sent on 2026-11-30 08:00 (UTC)". */
  reason: string;
}

/** Why a candidate article is not in an issue. */
export type ExclusionReason = 'draft' | 'before the week' | 'after the week' | 'invalid' | 'duplicate' | 'late';

/** A candidate article left out of an issue, with the reason. */
export interface ExcludedArticle {
  title: string;
  file: string;
  reason: ExclusionReason;
  /** Details, e.g. the validation message for an invalid file. */
  detail?: string;
}

/** An article as it appears in an issue. */
export interface IssueArticle extends Article {
  summary: string;
  author?: Author;
}

/** An ISO week in the newsletter's timezone: `[start, end)`. */
export interface WeekWindow {
  /** `YYYY-Www`. */
  id: string;
  start: Date;
  end: Date;
}

/** A user-fixable problem with a file, as shown to an editor. */
export interface Problem {
  file?: string;
  line?: number;
  message: string;
  hint?: string;
}

/** One issue of the newsletter: the articles of one week. */
export interface Issue {
  id: string;
  week: WeekWindow;
  /** Human date range of the week, e.g. "Nov 23 – 29, 2026". */
  dateRange: string;
  timezone: string;
  articles: IssueArticle[];
  excluded: ExcludedArticle[];
  warnings: string[];
  /** Invalid content files (only when collected leniently, as the preview does). */
  problems: Problem[];
  /** Sources that failed or looked odd (e.g. an unreachable feed); the issue was built without them. */
  sourceWarnings: string[];
  /** The editor's issue file `contentDir/issues/<YYYY-Www>.md`, when there is one. */
  editorial?: Editorial;
}

/** What an editor wrote for one issue in `contentDir/issues/<YYYY-Www>.md`. */
export interface Editorial {
  /** Path of the issue file, as shown to the editor. */
  file: string;
  /** Replaces the default subject ("name · dates"). */
  subject?: string;
  /** Replaces the default preheader. */
  preheader?: string;
  /** File name (without `.md`) of the article to lead with; wins over front matter `featured`. */
  featured?: string;
  /** The editor's note under the greeting: sanitised HTML, and its plain text. */
  noteHtml?: string;
  noteText?: string;
}

/**
 * How an issue is laid out to fit its size budget: article URLs shown compact
 * beyond `layout.compactAfter`, and those moved to the web archive behind an
 * "N more articles" link. Both empty when nothing had to be done.
 */
export interface LayoutPlan {
  compacted: string[];
  moved: string[];
}

/** What fitting did, as `issue.json` `fit` records it. */
export interface FitReport extends LayoutPlan {
  /** `size.budget` in bytes. */
  budget: number;
  /** Bytes of the HTML part as sent (the longest recipient fields counted). */
  bytes: number;
}

/** Subscriber status as stored. */
/** `pending`: signed up, not confirmed yet; never in an issue's audience. */
export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed' | 'bounced';

/** A subscriber of the newsletter. */
export interface Subscriber {
  id: number;
  /**
   * Opaque random id that unsubscribe tokens and Message-IDs carry (every
   * stored subscriber has one); without it they fall back to the row id.
   */
  uid?: string;
  email: string;
  name: string | null;
  status: SubscriberStatus;
  /** The sections this subscriber reads; `null` (or absent): all of them. */
  sections?: readonly string[] | null;
  /** Left out of every issue's audience until then (ISO time), set in the preference centre. */
  pausedUntil?: string | null;
}

/**
 * An issue compiled once: MJML, HTML and text still carrying per-recipient
 * tokens (see personalize/).
 */
export interface RenderedIssue {
  issueId: string;
  subject: string;
  preheader: string;
  mjml: string;
  html: string;
  text: string;
  /** Warnings from MJML (the size is a check of the pipeline). */
  warnings: string[];
  /** Greeting name of a subscriber without one, in the email's language ("there": "Hi there,"). */
  greetingFallback?: string;
  /** How the web archive names the reader's address, in the email's language ("your address"). */
  archiveRecipient?: string;
  /**
   * The copies for readers of some sections only, by copy key (see
   * util/sections.ts), rendered once each when the issue is first sent and
   * kept in its send snapshot; `html`, `text` above are the whole issue.
   */
  copies?: Record<string, SectionCopy>;
}

/** One rendered copy of an issue for the readers of some sections. */
export interface SectionCopy {
  sections: string[];
  /** Articles it holds; 0: its readers get nothing this week. */
  articles: number;
  preheader: string;
  html: string;
  text: string;
}

/** The values filled in per recipient. */
export interface RecipientFields {
  /** Name for the greeting, with the fallback already applied. */
  greetingName: string;
  email: string;
  unsubscribeUrl: string;
  /** The subscriber's preference centre: sections, pause, unsubscribe. */
  preferencesUrl: string;
}

/** One message ready to hand to a transport. */
export interface OutgoingMessage {
  from: string;
  replyTo?: string;
  to: string;
  subject: string;
  /** The HTML alternative as a complete MIME part: its headers, a blank line, its encoded body. */
  htmlPart: string;
  /** The plain-text alternative, likewise. */
  textPart: string;
  headers: Record<string, string>;
  messageId: string;
  /** The SMTP envelope sender (MAIL FROM, where bounces go); default: the From address. */
  returnPath?: string;
}

/** The clock everything reads; `--now` fixes it. */
export interface Clock {
  now(): Date;
}
