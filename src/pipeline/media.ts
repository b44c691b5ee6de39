import type { Issue, MediaFile } from '../types.js';
import { publishMedia } from '../util/media.js';

/** Every local image an issue shows (lead images and avatars), each name once. */
export function issueMedia(issue: Issue): MediaFile[] {
  const byName = new Map<string, MediaFile>();
  for (const article of issue.articles) {
    for (const file of [article.imageFile, article.author?.avatarFile]) if (file) byName.set(file.name, file);
  }
  return [...byName.values()];
}

/**
 * Publishes an issue's local images to `dataDir/media/`, where `digest
 * serve` answers the `baseUrl/media/<name>` URLs the email names. Names are
 * content hashes: files of earlier issues stay, since sent emails still
 * point at them.
 */
export function publishIssueMedia(dataDir: string, issue: Issue): string[] {
  return publishMedia(dataDir, issueMedia(issue));
}
