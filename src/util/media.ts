/**
 * Local images named in front matter (`image:`, `avatar:`): resolved, checked
 * and measured once, then published under a name derived from their bytes,
 * `dataDir/media/<sha256 prefix>.<ext>`, which `digest serve` answers at
 * `baseUrl/media/`. A new version of a file is a new name, so caches can
 * keep every name forever.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import { DigestError, ErrorCodes } from '../errors.js';
import type { MediaFile } from '../types.js';
import { writeFileAtomic } from './issue-files.js';

/** The formats every client we check shows; SVG is not one (Gmail drops it). */
export const MEDIA_TYPES = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' } as const;

/** Extension of a published name. */
export type MediaExtension = keyof typeof MEDIA_TYPES;

/** A local image over this many bytes is refused: mail apps on mobile data load every one. */
export const MEDIA_MAX_BYTES = 1024 * 1024;

/** From this many bytes an image gets a warning (see checks/). */
export const MEDIA_WARN_BYTES = 200 * 1024;

/** Published names: 20 hex characters (80 bits of sha-256) and a known extension. */
const NAME = /^[0-9a-f]{20}\.(?:png|jpg|gif|webp)$/;

/** URL path under `baseUrl` where published media are served. */
export const MEDIA_PATH = '/media/';

const DETECTED: Record<string, MediaExtension> = { png: 'png', jpg: 'jpg', gif: 'gif', webp: 'webp' };

/** Whether a front-matter value names a local file rather than a URL. */
export function isLocalReference(value: string): boolean {
  return !/^[a-z][a-z\d+.-]*:/i.test(value) && !value.startsWith('//');
}

/** Whether `name` is a name {@link readLocalImage} can give (anything else is never served). */
export function isMediaName(name: string): boolean {
  return NAME.test(name);
}

/** Content type of a published name. */
export function mediaContentType(name: string): string {
  const extension = path.extname(name).slice(1) as MediaExtension;
  return MEDIA_TYPES[extension] ?? 'application/octet-stream';
}

/** Where a front-matter reference is resolved from. */
export interface MediaOrigin {
  /** Path of the file on disk that names the image (relative paths start at its folder). */
  sourceFile: string;
  /** The content folder: a leading "/" starts there, and the image must be inside it. */
  contentDir: string;
  /** The file and line shown in messages, and the front-matter field. */
  shownFile: string;
  line?: number;
  field: string;
}

/**
 * Resolves, checks and measures a local image: it must exist inside the
 * content folder, be PNG, JPEG, GIF or WebP by its bytes (not its name), and
 * be at most {@link MEDIA_MAX_BYTES}. Throws a DigestError naming the file,
 * line and field otherwise.
 */
export function readLocalImage(reference: string, origin: MediaOrigin): MediaFile {
  const fail = (message: string, hint: string): never => {
    throw new DigestError(ErrorCodes.MEDIA_INVALID, `"${origin.field}" ${message}`, { file: origin.shownFile, line: origin.line, field: origin.field, hint });
  };
  const relative = decodeReference(reference.trim().replace(/[?#][\s\S]*$/, ''));
  const contentDir = path.resolve(origin.contentDir);
  const source = relative.startsWith('/') ? path.join(contentDir, relative) : path.resolve(path.dirname(origin.sourceFile), relative);
  const inside = path.relative(contentDir, source);
  if (inside.startsWith('..') || path.isAbsolute(inside)) {
    fail(`points outside the content folder: ${reference}`, 'keep images in the content folder (e.g. content/images/) and name them relative to this file, or with a leading "/" from the content folder');
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch {
    return fail(`names an image that does not exist: ${reference}`, `create ${path.relative(process.cwd(), source) || source}, fix the path (relative to this file; a leading "/" starts at the content folder), or use an https URL`);
  }
  if (!stat.isFile()) fail(`is not a file: ${reference}`, 'name an image file (PNG, JPEG, GIF or WebP)');
  if (stat.size > MEDIA_MAX_BYTES) {
    fail(`names an image of ${(stat.size / 1024).toFixed(0)} KB, over the ${MEDIA_MAX_BYTES / 1024} KB limit: ${reference}`, 'resize or compress it (a lead image needs 1200 px at most; aim under 200 KB)');
  }
  const bytes = fs.readFileSync(source);
  const measured = measure(bytes);
  if (!measured) fail(`is not a PNG, JPEG, GIF or WebP image: ${reference}`, 'email clients show only these formats (Gmail drops SVG): export it as PNG or JPEG');
  const { extension, width, height } = measured as NonNullable<typeof measured>;
  const hash = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 20);
  return { source, name: `${hash}.${extension}`, bytes: stat.size, width, height, mtimeMs: stat.mtimeMs };
}

/** Format and display size of an image from its header; undefined for anything else (SVG included). */
export function measure(bytes: Uint8Array): { extension: MediaExtension; width: number; height: number } | undefined {
  let result: ReturnType<typeof imageSize>;
  try {
    result = imageSize(bytes);
  } catch (error) {
    // image-size throws TypeError for an unknown format and RangeError for a truncated header.
    if (error instanceof TypeError || error instanceof RangeError) return undefined;
    throw error;
  }
  const extension = DETECTED[result.type ?? ''];
  if (!extension || !result.width || !result.height) return undefined;
  // EXIF orientations 5–8 rotate by 90°: browsers show the image turned, so its box is too.
  const turned = result.orientation !== undefined && result.orientation >= 5;
  return { extension, width: turned ? result.height : result.width, height: turned ? result.width : result.height };
}

/** Whether a measured file is unchanged on disk (the preview re-reads a file that was replaced). */
export function isMediaFresh(file: MediaFile): boolean {
  try {
    const stat = fs.statSync(file.source);
    return stat.mtimeMs === file.mtimeMs && stat.size === file.bytes;
  } catch {
    return false;
  }
}

/** The URL a published image has in the email. */
export function mediaUrl(baseUrl: string, file: MediaFile): string {
  return `${baseUrl.replace(/\/+$/, '')}${MEDIA_PATH}${file.name}`;
}

/** `dataDir/media`. */
export function mediaDir(dataDir: string): string {
  return path.join(dataDir, 'media');
}

/**
 * Copies each image to `dataDir/media/<name>` unless it is there already (a
 * name is its content, so an existing file is the same image). Returns the
 * names written.
 */
export function publishMedia(dataDir: string, files: readonly MediaFile[]): string[] {
  const dir = mediaDir(dataDir);
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(dir, file.name);
    if (fs.existsSync(target)) continue;
    fs.mkdirSync(dir, { recursive: true });
    writeFileAtomic(target, fs.readFileSync(file.source));
    written.push(file.name);
  }
  return written;
}

function decodeReference(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    // A stray "%" is a literal character of the file name, not an escape.
    if (error instanceof URIError) return text;
    throw error;
  }
}
