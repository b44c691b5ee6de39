/**
 * `digest check --online`: fetches every http(s) URL of the email (HEAD, and
 * GET when HEAD is refused), a few at a time, each with a timeout. A 4xx or
 * 5xx answer, or no answer, is a warning: the page may be down for a while.
 */
import type { Check } from './check.js';
import type { EmailLink } from './links.js';

/** How the links are fetched. */
export interface OnlineOptions {
  /** Longest wait for one request, in ms. */
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** The fetch to use (the global one by default). */
  fetch?: typeof globalThis.fetch;
  userAgent?: string;
}

/** Defaults of {@link OnlineOptions}. */
export const ONLINE_DEFAULTS = { timeoutMs: 10_000, concurrency: 6, userAgent: 'newsletter-digest/0.1 (link check)' } as const;

/** What one URL answered: a status, or why there was none. */
export type LinkAnswer = { status: number } | { error: string };

/** Asks one URL: HEAD first, then GET when HEAD fails or is answered 4xx/5xx (many servers refuse HEAD). */
export async function probeUrl(url: string, options: OnlineOptions = {}): Promise<LinkAnswer> {
  const fetcher = options.fetch ?? globalThis.fetch;
  const headers = { 'user-agent': options.userAgent ?? ONLINE_DEFAULTS.userAgent };
  const ask = async (method: 'HEAD' | 'GET'): Promise<LinkAnswer> => {
    try {
      const response = await fetcher(url, { method, headers, redirect: 'follow', signal: AbortSignal.timeout(options.timeoutMs ?? ONLINE_DEFAULTS.timeoutMs) });
      // The body is not needed; cancelling it frees the connection.
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status };
    } catch (error) {
      return { error: describeFailure(error, options.timeoutMs ?? ONLINE_DEFAULTS.timeoutMs) };
    }
  };
  const head = await ask('HEAD');
  if ('status' in head && head.status < 400) return head;
  return ask('GET');
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

/** Fetches each distinct http(s) URL of `links` and reports those that fail. */
export async function checkLinksOnline(links: readonly EmailLink[], options: OnlineOptions = {}): Promise<Check[]> {
  const urls = [...new Map(links.filter((link) => /^https?:\/\//i.test(link.url) && URL.canParse(link.url)).map((link) => [link.url, link])).values()];
  const answers = new Array<LinkAnswer | undefined>(urls.length);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const index = next++;
      const link = urls[index];
      if (link) answers[index] = await probeUrl(link.url, options);
    }
  };
  const concurrency = Math.max(1, options.concurrency ?? ONLINE_DEFAULTS.concurrency);
  await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, worker));
  const checks: Check[] = [];
  urls.forEach((link, index) => {
    const answer = answers[index];
    const what = `${link.kind === 'image' ? 'image' : 'link'} ${link.url}`;
    if (!answer) return;
    if ('error' in answer) {
      checks.push({ severity: 'warning', check: 'online-link', message: `${what} is unreachable (${answer.error}): check the address, or that the site is up` });
    } else if (answer.status >= 400) {
      checks.push({ severity: 'warning', check: 'online-link', message: `${what} answers ${answer.status}: fix or remove it` });
    }
  });
  return checks;
}
