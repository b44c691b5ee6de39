/**
 * Checks of the images an issue shows: local files heavy enough to slow the
 * email on mobile data, and lead images the email cannot reserve space for.
 */
import type { Issue, MediaFile } from '../types.js';
import type { Check } from './check.js';
import { MEDIA_WARN_BYTES } from '../util/media.js';

/** From this many bytes a local image gets a warning (the build refuses files over 1 MB). */
export const HEAVY_IMAGE_BYTES = MEDIA_WARN_BYTES;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/**
 * A warning per local image over {@link HEAVY_IMAGE_BYTES}, and a note per
 * remote lead image without `imageWidth`/`imageHeight`: with images off, an
 * image of unknown height takes no space and the layout jumps when it loads.
 */
export function checkImages(issue: Issue, heavyBytes = HEAVY_IMAGE_BYTES): Check[] {
  const checks: Check[] = [];
  const heavy = (file: MediaFile, owner: string, field: string): void => {
    if (file.bytes <= heavyBytes) return;
    checks.push({
      severity: 'warning', check: 'image-size', file: owner,
      message: `"${field}" image is ${kb(file.bytes)}, over ${kb(heavyBytes)}: every reader downloads it; resize it (${file.width}×${file.height} px now) or compress it`,
    });
  };
  const authorsSeen = new Set<string>();
  const unsized: string[] = [];
  for (const article of issue.articles) {
    if (article.imageFile) heavy(article.imageFile, article.file, 'image');
    else if (article.image !== undefined && (article.imageWidth === undefined || article.imageHeight === undefined)) unsized.push(article.file);
    const author = article.author;
    if (author?.avatarFile && !authorsSeen.has(author.id)) {
      authorsSeen.add(author.id);
      heavy(author.avatarFile, author.file, 'avatar');
    }
  }
  const fix = 'add "imageWidth:" and "imageHeight:" (pixels), or use a local image file, so the email keeps its space when images are off';
  if (unsized.length === 1) checks.push({ severity: 'info', check: 'image-size', file: unsized[0], message: `the lead image has no size: ${fix}` });
  // One note for a whole feed's worth, not one line per article.
  if (unsized.length > 1) {
    const named = unsized.slice(0, 3).join(', ') + (unsized.length > 3 ? ` and ${unsized.length - 3} more` : '');
    checks.push({ severity: 'info', check: 'image-size', message: `${unsized.length} lead images have no size (${named}): ${fix}` });
  }
  return checks;
}
