/** Every default of the configuration, in one place. */
export const CONFIG_DEFAULTS = {
  configFileName: 'digest.config.yaml',
  timezone: 'UTC',
  schedule: '0 8 * * 1',
  contentDir: './content',
  dataDir: './.digest',
  summaryMaxLength: 300,
  language: 'en',
  theme: { accent: '#0b5cad' },
  layout: { compactAfter: 12 },
  size: { budget: '95KB', fit: true },
  check: {
    /** caniemail client names: Gmail web, iOS and Android; Outlook for Windows; Outlook.com; Apple Mail; Yahoo. */
    clients: [
      'gmail.desktop-webmail',
      'gmail.ios',
      'gmail.android',
      'outlook.windows',
      'outlook.outlook-com',
      'apple-mail.macos',
      'apple-mail.ios',
      'yahoo.desktop-webmail',
    ],
  },
  lateArticles: 'include',
  lateArticlesMaxAge: '14d',
  subscribe: {
    confirmExpiry: '7d',
  },
  sending: {
    connections: 5,
    rate: 0,
    retries: 3,
    retryDelay: 2,
    dailyCap: 0,
    bounceThreshold: 1,
    maxDelay: '24h',
    maxRetryDelayMs: 5 * 60_000,
    timeout: 60,
  },
  feeds: {
    timeoutMs: 15_000,
    maxBytes: 5 * 1024 * 1024,
    maxRedirects: 5,
    maxItems: 500,
    userAgent: 'newsletter-digest/0.1 (weekly digest feed reader)',
    /** The preview reuses a fetched feed this long before asking again. */
    previewMaxAgeMs: 5 * 60_000,
  },
  /** Gmail clips messages whose HTML is larger than this. */
  gmailClipBytes: 102 * 1024,
} as const;

/** Environment variables the tool reads. Secrets live here, never in the config file. */
export const ENV = {
  smtpUrl: 'SMTP_URL',
  secret: 'DIGEST_SECRET',
  /** Earlier secrets (comma-separated) still accepted for links during a rotation. */
  secretPrevious: 'DIGEST_SECRET_PREVIOUS',
  debug: 'DEBUG',
  /** Only SNS notifications of this topic are taken by the SES webhook (comma-separated ARNs). */
  sesTopicArn: 'SES_SNS_TOPIC_ARN',
  /** Basic-auth credentials ("user:password") Postmark's webhook must present. */
  postmarkWebhookAuth: 'POSTMARK_WEBHOOK_AUTH',
  /** Mailgun's HTTP webhook signing key. */
  mailgunSigningKey: 'MAILGUN_WEBHOOK_SIGNING_KEY',
} as const;
