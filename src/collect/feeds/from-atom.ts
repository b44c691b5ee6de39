import type { AtomFeed } from 'feedsmith';
import { atomText, mediaImages, present, type DraftText, type FeedDraft, type ItemDraft } from './drafts.js';
import { absoluteUrl, nestedBase } from './urls.js';

type Entry = AtomFeed.Entry<string>;
type Link = AtomFeed.Link<string>;

/** The entry's or feed's page: rel="alternate" (the default rel), preferring an HTML type. */
function alternateLink(links: readonly Link[] | undefined): string | null {
  const alternates = (links ?? []).filter((link) => (link.rel ?? 'alternate').toLowerCase() === 'alternate' && link.href);
  const page = alternates.find((link) => !link.type || link.type.toLowerCase().includes('html')) ?? alternates[0];
  return page?.href?.trim() || null;
}

/** An Atom 0.3 / 1.0 feed as parsed by feedsmith, mapped to drafts. */
export function atomDraft(feed: AtomFeed.Feed<string>, feedUrl: string | null): FeedDraft {
  const declared = absoluteUrl(feed.xml?.base, feedUrl);
  const link = absoluteUrl(alternateLink(feed.links), declared ?? feedUrl);
  const base = declared ?? link ?? feedUrl;
  const feedAuthor = feed.authors?.[0]?.name ?? null;
  return {
    format: 'atom',
    title: atomText(feed.title),
    link,
    items: (feed.entries ?? []).map((entry) => entryDraft(entry, nestedBase(entry.xml?.base, base), feedAuthor)),
  };
}

function entryDraft(entry: Entry, base: string | null, feedAuthor: string | null): ItemDraft {
  const enclosures = (entry.links ?? []).filter((link) => link.rel?.toLowerCase() === 'enclosure' && link.type?.toLowerCase().startsWith('image/'));
  return {
    guid: entry.id?.trim() || null,
    title: atomText(entry.title),
    link: alternateLink(entry.links),
    base,
    contentBase: nestedBase(entry.content?.xml?.base, base),
    dates: present([entry.published, entry.updated, ...(entry.dc?.dates ?? [])]),
    // An entry without an author inherits the feed's (RFC 4287 section 4.2.1).
    author: present([entry.authors?.[0]?.name, entry.dc?.creators?.[0], entry.source?.authors?.[0]?.name, feedAuthor])[0] ?? null,
    summary: atomText(entry.summary),
    content: entryContent(entry.content),
    images: present([...enclosures.map((link) => link.href), ...mediaImages(entry.media)]),
    categories: present((entry.categories ?? []).map((category) => category.label ?? category.term)),
  };
}

/** Inline text or HTML content; out-of-line (`src`) and binary content are not the digest's business. */
function entryContent(content: AtomFeed.Content | undefined): DraftText | null {
  if (!content?.value || content.src) return null;
  const type = (content.type ?? 'text').toLowerCase();
  if (type.includes('html')) return { value: content.value, html: true };
  return type === 'text' || type.startsWith('text/') ? { value: content.value, html: false } : null;
}
