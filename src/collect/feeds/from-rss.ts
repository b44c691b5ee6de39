import type { RdfFeed, RssFeed } from 'feedsmith';
import { html, isImage, mediaImages, present, type FeedDraft, type ItemDraft } from './drafts.js';
import { absoluteUrl, nestedBase } from './urls.js';

type RssItem = RssFeed.Item<string>;
type RdfItem = RdfFeed.Item<string>;

/** Bases of a channel: its xml:base, else its link, else the URL it came from. */
function channelBases(xmlBase: string | undefined, link: string | undefined, feedUrl: string | null): { link: string | null; base: string | null } {
  const declared = absoluteUrl(xmlBase, feedUrl);
  const home = absoluteUrl(link, declared ?? feedUrl);
  return { link: home, base: declared ?? home ?? feedUrl };
}

/**
 * The `xml:base` of `<channel>`, read from the text: feedsmith 3.0.1 keeps
 * the one on `<rss>` and on items but drops the channel's.
 */
export function channelXmlBase(text: string): string | undefined {
  const tag = /<channel\b[^>]*>/i.exec(text.slice(0, 65_536))?.[0];
  const value = tag ? /\bxml:base\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag) : null;
  return value ? (value[1] ?? value[2] ?? '').replace(/&amp;/g, '&') : undefined;
}

/** An RSS 0.9x / 2.0 feed as parsed by feedsmith, mapped to drafts; `channelBase` is {@link channelXmlBase}. */
export function rssDraft(feed: RssFeed.Feed<string>, feedUrl: string | null, channelBase?: string): FeedDraft {
  const rootBase = absoluteUrl(feed.xml?.base, feedUrl) ?? feedUrl;
  const { link, base } = channelBases(channelBase ?? feed.xml?.base, feed.link, rootBase);
  const channelAuthor = feed.dc?.creators?.[0] ?? null;
  return {
    format: 'rss',
    title: html(feed.title),
    link,
    items: (feed.items ?? []).map((item) => rssItemDraft(item, nestedBase(item.xml?.base, base), channelAuthor)),
  };
}

function rssItemDraft(item: RssItem, base: string | null, channelAuthor: string | null): ItemDraft {
  const guid = item.guid?.value?.trim() || null;
  // A guid is a permalink unless it says otherwise (RSS 2.0 spec, <guid>).
  const permalink = guid && item.guid?.isPermaLink !== false && /^https?:\/\//i.test(guid) ? guid : null;
  const person = item.authors?.[0];
  return {
    guid,
    title: html(item.title),
    link: item.link?.trim() || permalink,
    base,
    contentBase: base,
    dates: present([item.pubDate, ...(item.dc?.dates ?? []), ...(item.dcterms?.issued ?? []), item.atom?.published, item.atom?.updated]),
    author: present([person?.name, item.dc?.creators?.[0], person?.email, channelAuthor])[0] ?? null,
    summary: html(item.description),
    content: html(item.content?.encoded),
    images: present([...(item.enclosures ?? []).filter(isImage).map((enclosure) => enclosure.url), ...mediaImages(item.media)]),
    categories: present([...(item.categories ?? []).map((category) => category.name), ...(item.dc?.subjects ?? [])]),
  };
}

/** An RSS 0.90 / 1.0 (RDF) feed as parsed by feedsmith, mapped to drafts. */
export function rdfDraft(feed: RdfFeed.Feed<string>, feedUrl: string | null): FeedDraft {
  const { link, base } = channelBases(feed.xml?.base, feed.link, feedUrl);
  const channelAuthor = feed.dc?.creators?.[0] ?? null;
  return {
    format: 'rdf',
    title: html(feed.title),
    link,
    items: (feed.items ?? []).map((item) => rdfItemDraft(item, nestedBase(item.xml?.base, base), channelAuthor)),
  };
}

function rdfItemDraft(item: RdfItem, base: string | null, channelAuthor: string | null): ItemDraft {
  return {
    guid: item.rdf?.about?.trim() || null,
    title: html(item.title),
    link: item.link?.trim() || null,
    base,
    contentBase: base,
    dates: present([...(item.dc?.dates ?? []), ...(item.dcterms?.issued ?? []), ...(item.dcterms?.modified ?? [])]),
    author: present([item.dc?.creators?.[0], channelAuthor])[0] ?? null,
    summary: html(item.description),
    content: html(item.content?.encoded),
    images: present(mediaImages(item.media)),
    categories: present(item.dc?.subjects ?? []),
  };
}
