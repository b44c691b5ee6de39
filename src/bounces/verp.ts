/**
 * The token in a VERP address: `pattern` is the return path with
 * `{token}` where the token goes, e.g. `bounces+{token}@example.com`.
 * Returns null when `address` does not fit the pattern.
 */
export function verpToken(address: string, pattern: string): string | null {
  const [before, after] = pattern.toLowerCase().split('{token}');
  if (after === undefined) return null;
  const bare = address.trim().replace(/^<|>$/g, '');
  const lower = bare.toLowerCase();
  if (!lower.startsWith(before!) || !lower.endsWith(after) || bare.length <= before!.length + after.length) return null;
  // The token keeps its case: it may carry a Message-ID's local part.
  const token = bare.slice(before!.length, bare.length - after.length);
  return token.includes('@') ? null : token;
}
