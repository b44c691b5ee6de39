/**
 * The shape every feed format is first mapped to: values as the feed wrote
 * them (after XML decoding), links unresolved. Cleaning them is one shared
 * step (finish.ts), so RSS, Atom, RDF and JSON Feed items end up alike.
 */
import type { MediaNs } from 'feedsmith';

/** Text from a feed and whether it is HTML (RSS) or plain (Atom `type="text"`). */
export interface DraftText {
  value: string;
  html: boolean;
}

/** One item, uncleaned. */
export interface ItemDraft {
  /** guid / id / rdf:about as written. */
  guid: string | null;
  title: DraftText | null;
  link: string | null;
  /** Absolute base for this item's relative URLs. */
  base: string | null;
  /** Base for the content's relative URLs (Atom allows an xml:base on <content>). */
  contentBase: string | null;
  /** Date strings, best first (published before updated). */
  dates: string[];
  author: string | null;
  summary: DraftText | null;
  content: DraftText | null;
  /** Image URLs, best first, unresolved. */
  images: string[];
  categories: string[];
}

/** A whole feed, uncleaned. */
export interface FeedDraft {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: DraftText | null;
  /** The feed's home page, absolute. */
  link: string | null;
  items: ItemDraft[];
}

/** Text that is HTML (RSS, RDF and JSON Feed titles and descriptions). */
export function html(value: string | null | undefined): DraftText | null {
  return value ? { value, html: true } : null;
}

/** An Atom text construct: HTML when its type says so (`html`, `xhtml`, Atom 0.3's `text/html`). */
export function atomText(text: { value?: string; type?: string } | null | undefined): DraftText | null {
  if (!text?.value) return null;
  return { value: text.value, html: (text.type ?? 'text').toLowerCase().includes('html') };
}

/** Present strings, trimmed. */
export function present(values: readonly (string | null | undefined)[]): string[] {
  const kept: string[] = [];
  for (const value of values) {
    const trimmed = value?.trim();
    if (trimmed) kept.push(trimmed);
  }
  return kept;
}

const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i;

/** Whether a media object (enclosure, media:content, attachment) is an image, by type, medium or file name. */
export function isImage(media: { url?: string; type?: string; medium?: string }): boolean {
  if (media.medium) return media.medium.toLowerCase() === 'image';
  if (media.type) return media.type.toLowerCase().startsWith('image/');
  return IMAGE_EXTENSION.test(media.url ?? '');
}

/** Image URLs from Media RSS: image contents (also inside groups), then thumbnails. */
export function mediaImages(media: MediaNs.ItemOrFeed | undefined): (string | undefined)[] {
  if (!media) return [];
  const contents = [...(media.contents ?? []), ...(media.groups ?? []).flatMap((group) => group.contents ?? [])];
  const thumbnails = [...(media.thumbnails ?? []), ...contents.flatMap((content) => content.thumbnails ?? [])];
  return [...contents.filter(isImage).map((content) => content.url), ...thumbnails.map((thumbnail) => thumbnail.url)];
}
