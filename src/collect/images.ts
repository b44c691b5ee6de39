import type { MediaFile } from '../types.js';
import { isLocalReference, mediaUrl, readLocalImage, type MediaOrigin } from '../util/media.js';

/** An image as an article or author carries it: its URL in the email, its size, and the local file behind it. */
export interface ResolvedImage {
  url: string;
  width?: number;
  height?: number;
  file?: MediaFile;
}

/**
 * Resolves a front-matter image. A URL stays as it is, sized only by what
 * the front matter says. A local file becomes `baseUrl/media/<name>` and is
 * sized from its header; a size given in front matter wins (a 2× image shown
 * at half size), and one given alone keeps the file's proportions.
 */
export function resolveImage(
  reference: string,
  given: { width?: number; height?: number },
  origin: MediaOrigin,
  baseUrl: string,
): ResolvedImage {
  if (!isLocalReference(reference)) return { url: reference, width: given.width, height: given.height };
  const file = readLocalImage(reference, origin);
  const { width, height } = given;
  if (width !== undefined && height !== undefined) return { url: mediaUrl(baseUrl, file), width, height, file };
  if (width !== undefined) return { url: mediaUrl(baseUrl, file), width, height: Math.round((width * file.height) / file.width), file };
  if (height !== undefined) return { url: mediaUrl(baseUrl, file), width: Math.round((height * file.width) / file.height), height, file };
  return { url: mediaUrl(baseUrl, file), width: file.width, height: file.height, file };
}
