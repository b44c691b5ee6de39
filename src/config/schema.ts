import { z } from 'zod';
import { Cron } from 'croner';
import { CONFIG_DEFAULTS } from './defaults.js';
import { EMAIL_CLIENTS, isEmailClient, resolveEmailClients } from '../util/email-clients.js';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isCronPattern(value: string): boolean {
  try {
    new Cron(value, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

/** "24h", "90m", "2d", "3600s" → milliseconds. */
const duration = z
  .union([z.string(), z.number()])
  .transform((value, context) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(String(value));
    if (!match?.[1]) {
      context.addIssue({ code: 'custom', message: 'must be a duration such as "24h", "90m" or "2d"' });
      return z.NEVER;
    }
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(match[2] ?? 'h') as 'ms' | 's' | 'm' | 'h' | 'd'];
    return Number(match[1]) * unit;
  });

/** "95KB", "1MB", "97280" (bytes) → bytes; KB = 1,024 bytes. */
const byteSize = z
  .union([z.string(), z.number()])
  .transform((value, context) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB)?\s*$/i.exec(String(value));
    if (!match?.[1]) {
      context.addIssue({ code: 'custom', message: 'must be a size such as "95KB" (KB = 1,024 bytes) or a number of bytes' });
      return z.NEVER;
    }
    const unit = (match[2] ?? 'B').toUpperCase().replace('I', '');
    const bytes = Math.floor(Number(match[1]) * (unit === 'MB' ? 1024 * 1024 : unit === 'KB' ? 1024 : 1));
    if (bytes < 10 * 1024) {
      context.addIssue({ code: 'custom', message: 'must be at least 10KB: the header, the footer and the unsubscribe link need room' });
      return z.NEVER;
    }
    return bytes;
  });

const ADDRESS = /^(?:[^<>]*<\s*)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+(?:\s*>)?$/;

const httpUrl = z
  .string()
  .refine((value) => /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value), {
    message: 'must be an http(s) URL, e.g. https://news.example.com',
  });

const address = z.string().regex(ADDRESS, { message: 'must be an address like "Field Notes <news@example.com>"' });

/** Schema of `digest.config.yaml`. Unknown keys are errors: a typo must not be ignored. */
export const configSchema = z.strictObject({
  newsletter: z.strictObject({
    name: z.string().min(1, { message: 'must not be empty' }),
    from: address,
    replyTo: address.optional(),
    baseUrl: httpUrl.transform((value) => value.replace(/\/+$/, '')),
    /** Address for `mailto:` unsubscribe requests, added to List-Unsubscribe. */
    unsubscribeMailto: z.email({ message: 'must be an email address' }).optional(),
    /** One line under the newsletter's name in the header. */
    tagline: z.string().optional(),
    /** Postal address or legal line shown in the footer. */
    footer: z.string().optional(),
    /** List-Id (RFC 2919) new unsubscribe links are bound to; default: the one stored at first send. */
    listId: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i, {
        message: 'must be a dotted name such as "field-notes.example.com"',
      })
      .optional(),
    /** BCP 47 language of the email: sets `lang`, date formats and the template's fixed words. */
    language: z
      .string()
      .regex(/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i, { message: 'must be a BCP 47 language tag such as "en", "de" or "pt-BR"' })
      .refine((value) => { try { return Intl.getCanonicalLocales(value).length === 1; } catch { return false; } }, { message: 'must be a BCP 47 language tag such as "en", "de" or "pt-BR"' })
      .default(CONFIG_DEFAULTS.language),
    /** Value of the Feedback-ID header (Gmail's feedback loop), e.g. "weekly:fieldnotes:northwind". */
    feedbackId: z
      .string()
      .regex(/^[\x21-\x7e]+(?::[\x21-\x7e]+)*$/, { message: 'must be printable ASCII without spaces, e.g. "weekly:fieldnotes:northwind"' })
      .optional(),
  }),
  /** How the email looks. */
  theme: z
    .strictObject({
      /** Brand colour of links and the masthead, e.g. "#0b5cad". */
      accent: z
        .string()
        .regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i, { message: 'must be a hex colour such as "#0b5cad"' })
        .default(CONFIG_DEFAULTS.theme.accent),
      /** https URL of a logo shown in the masthead. */
      logo: z
        .string()
        .refine((value) => /^https:\/\/[^\s/]+/i.test(value) && URL.canParse(value), { message: 'must be an https URL of an image' })
        .optional(),
    })
    .prefault({}),
  /** Section names in the order the email shows them; other sections follow, most articles first. */
  sections: z.array(z.string().trim().min(1, { message: 'must not be empty' })).optional(),
  layout: z
    .strictObject({
      /** Articles after this many are shown compact (title, one line, byline). */
      compactAfter: z.number().int().min(0).max(1000).default(CONFIG_DEFAULTS.layout.compactAfter),
    })
    .prefault({}),
  size: z
    .strictObject({
      /** Most bytes the HTML part may have, e.g. "95KB" (KB = 1,024 bytes); Gmail clips at about 102 KB. */
      budget: byteSize.prefault(CONFIG_DEFAULTS.size.budget),
      /** Fit an issue over budget (compact, then move articles to the web archive); false makes it an error. */
      fit: z.boolean().default(CONFIG_DEFAULTS.size.fit),
    })
    .prefault({}),
  /** What `digest check` looks at. */
  check: z
    .strictObject({
      /** Email clients whose support the client check reports (caniemail names, e.g. "gmail.desktop-webmail", or a family: "gmail"). */
      clients: z
        .array(
          z.string().refine(isEmailClient, {
            error: (issue) => `is ${JSON.stringify(issue.input)}, which caniemail does not know: use a family such as "gmail" or names such as ${EMAIL_CLIENTS.slice(0, 4).map((name) => `"${name}"`).join(', ')} (all: ${EMAIL_CLIENTS.join(', ')})`,
          }),
        )
        .min(1)
        .transform((names) => [...new Set(names.flatMap((name) => resolveEmailClients(name) ?? []))])
        .default([...CONFIG_DEFAULTS.check.clients]),
    })
    .prefault({}),
  timezone: z
    .string()
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin or UTC' })
    .default(CONFIG_DEFAULTS.timezone),
  schedule: z
    .string()
    .refine(isCronPattern, { message: 'must be a cron expression such as "0 8 * * 1" (Mondays 08:00)' })
    .default(CONFIG_DEFAULTS.schedule),
  contentDir: z.string().min(1).default(CONFIG_DEFAULTS.contentDir),
  dataDir: z.string().min(1).default(CONFIG_DEFAULTS.dataDir),
  /** Folder with layouts/, partials/ and text/; defaults to the bundled templates. */
  templatesDir: z.string().min(1).optional(),
  summary: z
    .strictObject({
      maxLength: z.number().int().min(40).max(2000).default(CONFIG_DEFAULTS.summaryMaxLength),
    })
    .prefault({}),
  sending: z
    .strictObject({
      connections: z.number().int().min(1).max(50).default(CONFIG_DEFAULTS.sending.connections),
      /** Messages per second across all connections; 0 = unlimited. */
      rate: z.number().min(0).default(CONFIG_DEFAULTS.sending.rate),
      retries: z.number().int().min(0).max(20).default(CONFIG_DEFAULTS.sending.retries),
      /** Seconds before the first retry; each next one doubles (with jitter). */
      retryDelay: z.number().min(0).max(3600).default(CONFIG_DEFAULTS.sending.retryDelay),
      /** Messages per local day over all issues; 0 = unlimited. */
      dailyCap: z.number().int().min(0).default(CONFIG_DEFAULTS.sending.dailyCap),
      /** Hard bounces (5xx to the recipient) after which a subscriber is marked bounced. */
      bounceThreshold: z.number().int().min(1).default(CONFIG_DEFAULTS.sending.bounceThreshold),
      /** How late after its scheduled time an issue may still go out, e.g. "24h", "90m", "2d". */
      maxDelay: duration.prefault(CONFIG_DEFAULTS.sending.maxDelay),
      /** Seconds any SMTP stage (connect, greeting, each command, the message data) may take. */
      timeout: z.number().positive().max(3600).default(CONFIG_DEFAULTS.sending.timeout),
    })
    .prefault({}),
  /** Where articles come from; default: the Markdown of `contentDir`. */
  sources: z
    .array(
      z.discriminatedUnion(
        'type',
        [
          z.strictObject({
            type: z.literal('markdown'),
            /** A content folder with articles/ (and authors/); default `contentDir`. */
            dir: z.string().min(1).optional(),
          }),
          z.strictObject({
            type: z.literal('feed'),
            /** RSS, Atom or JSON Feed: an http(s) URL, or a file relative to the config. */
            url: z.string().min(1),
            name: z.string().min(1).optional(),
            /** Section shown on this source's articles. */
            section: z.string().min(1).optional(),
            /** Author for items without one: an author id from authors/, or a name. */
            author: z.string().min(1).optional(),
            maxItems: z.number().int().min(1).max(10_000).optional(),
          }),
        ],
        { error: 'must have "type: markdown" or "type: feed"' },
      ),
    )
    .optional(),
  /** What a failing source does: `warn` builds the issue from the others; `fail` stops the build. */
  sourceErrors: z.enum(['warn', 'fail']).default('warn'),
  /** An article dated in a week already sent, and not in it: `include` puts it in the next issue, marked late; `skip` leaves it out. */
  lateArticles: z.enum(['include', 'skip']).default(CONFIG_DEFAULTS.lateArticles),
  /** Late articles dated more than this before the build are left out. */
  lateArticlesMaxAge: duration.prefault(CONFIG_DEFAULTS.lateArticlesMaxAge),
  /** Sign-up on `digest serve` (double opt-in). */
  subscribe: z
    .strictObject({
      /** How long a confirmation link stays valid, e.g. "7d", "48h". */
      confirmExpiry: duration.prefault(CONFIG_DEFAULTS.subscribe.confirmExpiry),
    })
    .prefault({}),
  /** Where bounces come back. */
  bounces: z
    .strictObject({
      /** VERP return path with `{token}` where each message's token goes, e.g. "bounces+{token}@example.com". */
      address: z
        .string()
        .regex(/^[^\s@<>{}]*\{token\}[^\s@<>{}]*@[^\s@<>]+\.[^\s@<>]+$/, {
          message: 'must be an address with {token} in its local part, e.g. "bounces+{token}@example.com"',
        })
        .optional(),
    })
    .prefault({}),
  dkim: z
    .strictObject({
      domain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { message: 'must be a domain such as example.com' }),
      selector: z.string().regex(/^[a-z0-9._-]+$/i, { message: 'must be a DNS label such as "news2026"' }),
      /** PEM file with the private key, relative to the config file. */
      privateKeyFile: z.string().min(1),
    })
    .optional(),
});

/** The configuration as written (after defaults), before paths are resolved. */
export type ConfigInput = z.infer<typeof configSchema>;

/** The configuration the program uses: paths are absolute. */
/** A source with its location resolved: folders absolute, feed files absolute, URLs as given. */
export type ResolvedSource =
  | { type: 'markdown'; dir: string }
  | { type: 'feed'; url: string; name: string; section?: string; author?: string; maxItems?: number };

export interface Config extends Omit<ConfigInput, 'dkim' | 'sources'> {
  /** Every source, resolved (the default is the Markdown of `contentDir`). */
  sources: ResolvedSource[];
  /** Absolute path of the config file. */
  file: string;
  contentDir: string;
  dataDir: string;
  templatesDir: string;
  /** DKIM settings with `privateKeyFile` absolute. */
  dkim?: { domain: string; selector: string; privateKeyFile: string };
}
