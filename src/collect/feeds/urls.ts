/**
 * Absolute http(s) URL of `href`, resolved against `base` when relative;
 * null for anything else (`javascript:`, `data:`, `mailto:`, unresolvable).
 */
export function absoluteUrl(href: string | null | undefined, base: string | null): string | null {
  const trimmed = href?.trim();
  if (!trimmed) return null;
  const baseOrUndefined = base ?? undefined;
  if (!URL.canParse(trimmed, baseOrUndefined)) return null;
  // The scheme is checked after parsing: the parser drops tabs and newlines,
  // so "java\tscript:" only becomes "javascript:" there.
  const url = new URL(trimmed, baseOrUndefined);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/** An `xml:base` resolved against the base around it; the outer base when it does not resolve. */
export function nestedBase(xmlBase: string | null | undefined, outer: string | null): string | null {
  return absoluteUrl(xmlBase, outer) ?? outer;
}
