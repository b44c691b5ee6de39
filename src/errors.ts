/**
 * One error type for every user-facing failure. The CLI prints `message` and
 * `hint` on one line and exits 1; the stack only shows with DEBUG=1.
 */

/** Catalog of error codes, grouped by the stage that raises them. */
export const ErrorCodes = {
  CONFIG_NOT_FOUND: 'CONFIG_NOT_FOUND',
  CONFIG_INVALID: 'CONFIG_INVALID',
  SECRET_MISSING: 'SECRET_MISSING',
  CONTENT_NOT_FOUND: 'CONTENT_NOT_FOUND',
  CONTENT_UNREADABLE: 'CONTENT_UNREADABLE',
  FRONT_MATTER_INVALID: 'FRONT_MATTER_INVALID',
  AUTHOR_UNKNOWN: 'AUTHOR_UNKNOWN',
  MEDIA_INVALID: 'MEDIA_INVALID',
  WEEK_INVALID: 'WEEK_INVALID',
  DATE_INVALID: 'DATE_INVALID',
  TEMPLATE_INVALID: 'TEMPLATE_INVALID',
  MJML_INVALID: 'MJML_INVALID',
  CSV_INVALID: 'CSV_INVALID',
  INPUT_INVALID: 'INPUT_INVALID',
  IMPORT_FAILED: 'IMPORT_FAILED',
  ISSUE_NOT_BUILT: 'ISSUE_NOT_BUILT',
  SMTP_FAILED: 'SMTP_FAILED',
  LOCKED: 'LOCKED',
  STALE_ISSUE: 'STALE_ISSUE',
  WEEK_IN_PROGRESS: 'WEEK_IN_PROGRESS',
  FEED_INVALID: 'FEED_INVALID',
  FEED_FETCH_FAILED: 'FEED_FETCH_FAILED',
  SEND_ABORTED: 'SEND_ABORTED',
  STORE_FAILED: 'STORE_FAILED',
  PORT_UNAVAILABLE: 'PORT_UNAVAILABLE',
  SIZE_OVER_BUDGET: 'SIZE_OVER_BUDGET',
  SUBSCRIBER_UNKNOWN: 'SUBSCRIBER_UNKNOWN',
  ADDRESS_SUPPRESSED: 'ADDRESS_SUPPRESSED',
  QUEUE_UNAVAILABLE: 'QUEUE_UNAVAILABLE',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Where in a file an error was found. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  field?: string;
}

/** Options for {@link DigestError}. */
export interface DigestErrorOptions extends ErrorLocation {
  /** What the user should do about it. */
  hint?: string;
  cause?: unknown;
}

/** The single error type the tool raises for anything a user can fix. */
export class DigestError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;

  constructor(code: ErrorCode, message: string, options: DigestErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DigestError';
    this.code = code;
    this.hint = options.hint;
    this.file = options.file;
    this.line = options.line;
    this.field = options.field;
  }
}

/**
 * Formats an error as the one line the CLI prints:
 * `<file>:<line>: "<field>" <message> — <hint>`.
 */
export function formatError(error: unknown): string {
  if (!(error instanceof DigestError)) {
    const message = error instanceof Error ? error.message : String(error);
    return `unexpected error: ${message} — run again with DEBUG=1 for details and report it`;
  }
  const where = error.file ? `${error.file}${error.line ? `:${error.line}` : ''}: ` : '';
  const hint = error.hint ? ` — ${error.hint}` : '';
  return `${where}${error.message}${hint}`.replace(/\s*\n\s*/g, ' ');
}
