import type { JsonFeed } from 'feedsmith';
import { html, isImage, present, type FeedDraft, type ItemDraft } from './drafts.js';
import { absoluteUrl } from './urls.js';

type Item = JsonFeed.Item<string>;

/**
 * A JSON Feed 1.0 / 1.1 as parsed by feedsmith (which reads 1.0's `author`
 * as `authors`), mapped to drafts. Titles and summaries are meant to be
 * plain text, but feeds in the wild escape them as HTML, so they are read
 * as HTML like RSS ones.
 */
export function jsonDraft(feed: JsonFeed.Feed<string>, feedUrl: string | null): FeedDraft {
  const link = absoluteUrl(feed.home_page_url, feedUrl);
  const base = link ?? feedUrl;
  const feedAuthor = feed.authors?.[0]?.name ?? null;
  return {
    format: 'json',
    title: html(feed.title),
    link,
    items: (feed.items ?? []).map((item) => itemDraft(item, base, feedAuthor)),
  };
}

function itemDraft(item: Item, base: string | null, feedAuthor: string | null): ItemDraft {
  const attachments = (item.attachments ?? []).filter((attachment) => isImage({ url: attachment.url, type: attachment.mime_type }));
  return {
    guid: item.id?.trim() || null,
    title: html(item.title),
    link: item.url?.trim() || item.external_url?.trim() || null,
    base,
    contentBase: base,
    dates: present([item.date_published, item.date_modified]),
    // Items inherit the feed's authors (JSON Feed 1.1, "authors").
    author: present([item.authors?.[0]?.name, feedAuthor])[0] ?? null,
    summary: html(item.summary),
    content: item.content_html ? { value: item.content_html, html: true } : item.content_text ? { value: item.content_text, html: false } : null,
    images: present([item.image, item.banner_image, ...attachments.map((attachment) => attachment.url)]),
    categories: present(item.tags ?? []),
  };
}
