/** Longest address SMTP can carry (RFC 5321 path limit minus the brackets). */
export const MAX_EMAIL_LENGTH = 254;

/** The form an address is stored and compared in: trimmed, lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Why `email` is not a usable address, or `undefined` when it is. A
 * pragmatic check, not RFC 5322: one `@`, a non-empty local part, a dotted
 * domain without empty labels, no whitespace, at most 254 characters.
 */
export function emailProblem(email: string): string | undefined {
  if (email.length > MAX_EMAIL_LENGTH) {
    return `"${email.slice(0, 40)}…" is longer than ${MAX_EMAIL_LENGTH} characters`;
  }
  const invalid = `"${email}" is not a valid email address`;
  if (/\s/.test(email)) return invalid;
  const parts = email.split('@');
  if (parts.length !== 2) return invalid;
  const [local = '', domain = ''] = parts;
  if (local === '' || !domain.includes('.')) return invalid;
  if (domain.split('.').some((label) => label === '')) return invalid;
  return undefined;
}

/** Whether `email` passes {@link emailProblem}'s check. */
export function isValidEmail(email: string): boolean {
  return emailProblem(email) === undefined;
}
