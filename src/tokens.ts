/**
 * Per-recipient placeholders. The render stage writes them into the MJML,
 * HTML and text once per issue; the personalize stage fills them per
 * recipient. The `[[digest:name]]` form is plain ASCII without `{{ }}`, so
 * MJML and its minifier leave it alone even inside attributes.
 */
export const RECIPIENT_FIELDS = ['greetingName', 'email', 'unsubscribeUrl', 'preferencesUrl'] as const;

/** A field filled in per recipient. */
export type RecipientField = (typeof RECIPIENT_FIELDS)[number];

/** The placeholder for one recipient field. */
export function recipientToken(field: RecipientField): string {
  return `[[digest:${field}]]`;
}

/** Matches any placeholder; group 1 is the field name. */
export const RECIPIENT_TOKEN_PATTERN = /\[\[digest:([A-Za-z]+)\]\]/g;

/**
 * Neutralises placeholder look-alikes in content so an article cannot inject
 * another recipient's data.
 */
export function defuseTokens(text: string): string {
  return text.replace(/\[\[digest:/g, '[[ digest:');
}
