/**
 * The email clients caniemail has data for, by its names (`family.platform`),
 * as `check.clients` takes them. @jsx-email/doiuse-email's own list lacks
 * Outlook.com, which its caniemail data covers.
 */
export const EMAIL_CLIENTS = [
  'apple-mail.macos', 'apple-mail.ios',
  'gmail.desktop-webmail', 'gmail.ios', 'gmail.android', 'gmail.mobile-webmail',
  'orange.desktop-webmail', 'orange.ios', 'orange.android',
  'outlook.windows', 'outlook.windows-mail', 'outlook.macos', 'outlook.outlook-com', 'outlook.ios', 'outlook.android',
  'yahoo.desktop-webmail', 'yahoo.ios', 'yahoo.android',
  'aol.desktop-webmail', 'aol.ios', 'aol.android',
  'samsung-email.android',
  'sfr.desktop-webmail', 'sfr.ios', 'sfr.android',
  'thunderbird.macos',
  'protonmail.desktop-webmail', 'protonmail.ios', 'protonmail.android',
  'hey.desktop-webmail', 'mail-ru.desktop-webmail', 'fastmail.desktop-webmail', 'laposte.desktop-webmail',
] as const;

const FAMILY: Record<string, string> = {
  'apple-mail': 'Apple Mail', gmail: 'Gmail', orange: 'Orange', outlook: 'Outlook', yahoo: 'Yahoo Mail', aol: 'AOL', 'samsung-email': 'Samsung Email',
  sfr: 'SFR', thunderbird: 'Thunderbird', protonmail: 'Proton Mail', hey: 'HEY', 'mail-ru': 'Mail.ru', fastmail: 'Fastmail', laposte: 'La Poste',
};
const PLATFORM: Record<string, string> = {
  'desktop-webmail': 'web', 'mobile-webmail': 'mobile web', ios: 'iOS', android: 'Android', macos: 'macOS', windows: 'for Windows',
  'windows-mail': 'Windows Mail', 'outlook-com': '.com',
};

/** A client's name for people, e.g. "Outlook for Windows", "Gmail iOS", "Outlook.com". */
export function clientLabel(client: string): string {
  const [family = client, platform = ''] = client.split('.');
  if (client === 'outlook.outlook-com') return 'Outlook.com';
  return `${FAMILY[family] ?? family} ${PLATFORM[platform] ?? platform}`.trim();
}

/** Other spellings people write for a client, lower-cased. */
const ALIASES: Record<string, string> = { 'outlook.com': 'outlook.outlook-com', 'outlook-com': 'outlook.outlook-com' };

/**
 * The caniemail clients a `check.clients` entry names: one client
 * (`gmail.ios`), or a whole family (`gmail` or `gmail.*`), in any case;
 * `outlook.com` is Outlook.com. Undefined when caniemail knows none.
 */
export function resolveEmailClients(name: string): string[] | undefined {
  const lower = name.trim().toLowerCase();
  const single = ALIASES[lower] ?? lower;
  if ((EMAIL_CLIENTS as readonly string[]).includes(single)) return [single];
  const family = lower.replace(/\.\*$/, '');
  const members = EMAIL_CLIENTS.filter((client) => client.startsWith(`${family}.`));
  return members.length > 0 ? [...members] : undefined;
}

/** Whether caniemail knows the client (or family, see {@link resolveEmailClients}). */
export function isEmailClient(name: string): boolean {
  return resolveEmailClients(name) !== undefined;
}
