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

/** Whether caniemail knows the client. */
export function isEmailClient(name: string): boolean {
  return (EMAIL_CLIENTS as readonly string[]).includes(name);
}
