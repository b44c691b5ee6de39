import addressparser from 'nodemailer/lib/addressparser';

/** A mailbox split into what an inbox shows: the display name (when there is one) and the address. */
export interface Mailbox {
  name: string | null;
  address: string;
}

/**
 * Splits an RFC 5322 mailbox such as `"Field Notes" <news@example.com>` into
 * its display name and address, as mail clients show the sender.
 */
export function parseMailbox(value: string): Mailbox {
  const [first] = addressparser(value, { flatten: true });
  const address = first?.address ?? '';
  if (!first || address === '') return { name: null, address: value.trim() };
  return { name: first.name.trim() || null, address };
}
