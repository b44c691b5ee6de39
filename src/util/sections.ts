/**
 * Which articles a subscriber's copy holds. Config `sections` lists the
 * sections a reader may choose; a subscriber stores the ones they read
 * (NULL: all). Articles without a section, or with one the config does not
 * list, reach everyone. Names match as the layout matches them: trimmed,
 * in any case.
 */

const fold = (name: string) => name.trim().toLowerCase();

/**
 * The key of the copy a subscriber with these stored sections (a JSON array)
 * gets: the chosen configured sections in config order, as JSON, or null for
 * the whole issue. Choosing every section, or only sections no longer
 * configured, or a value that is not a list, is the whole issue.
 */
export function copyKeyOf(stored: string | null, configSections: readonly string[] | undefined): string | null {
  if (stored === null || !configSections?.length) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const wanted = new Set(parsed.filter((name): name is string => typeof name === 'string').map(fold));
  const chosen = configSections.filter((name) => wanted.has(fold(name)));
  return chosen.length === 0 || chosen.length === configSections.length ? null : JSON.stringify(chosen);
}

/** The sections a copy key names (every configured one for null). */
export function sectionsOfKey(key: string | null, configSections: readonly string[] | undefined): string[] {
  return key === null ? [...(configSections ?? [])] : (JSON.parse(key) as string[]);
}

/** Whether an article with this section belongs in the copy with this key. */
export function inCopy(section: string | undefined, key: string | null, configSections: readonly string[] | undefined): boolean {
  if (key === null || !section?.trim()) return true;
  const configured = new Set((configSections ?? []).map(fold));
  if (!configured.has(fold(section))) return true;
  return sectionsOfKey(key, configSections).some((name) => fold(name) === fold(section));
}

/** Whether an article's section is one of `sections` (as the layout matches names). */
export function inSections(section: string | undefined, sections: readonly string[]): boolean {
  return Boolean(section?.trim()) && sections.some((name) => fold(name) === fold(section as string));
}
