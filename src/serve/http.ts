import type http from 'node:http';

/** The small HTTP plumbing of the public server: errors with a status, pages, capped bodies. */

/** Request bodies over this are refused with a 413. */
export const MAX_BODY_BYTES = 1024;
/** Past this, an oversized body is not worth draining for a polite 413: the connection is cut. */
const MAX_DRAIN_BYTES = 256 * 1024;
/** Content-Security-Policy of the server's own pages. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
/** Content-Security-Policy of archived issues (their images). */
export const ARCHIVE_CSP = "default-src 'none'; img-src 'self' https: data:; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** A refusal shown as an error page with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    /** Seconds for Retry-After, when not the general limiter's. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** Sends an HTML page with the public server's security headers. */
export function send(res: http.ServerResponse, status: number, html: string, csp = PAGE_CSP, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(html);
}

/** Sends a JSON answer (to a JSON sign-up request). */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Why a confirmation link is refused, and what to do instead. */
export function confirmRefusal(reason: 'invalid' | 'expired' | 'superseded'): HttpError {
  if (reason === 'expired') return new HttpError(400, 'Link expired', 'This confirmation link has expired. Sign up again to receive a new one.');
  if (reason === 'superseded') {
    return new HttpError(400, 'Link no longer valid', 'You unsubscribed after this link was sent. Sign up again to receive a new one.');
  }
  return new HttpError(404, 'Link not valid', 'This confirmation link is not valid. Use the link in the latest confirmation email, or sign up again.');
}

/** The 413 of an oversized body. */
export const tooLarge = () => new HttpError(413, 'Request too large', 'The request body is larger than this endpoint accepts.');

/**
 * Reads a small request body. An oversized one is drained (up to a hard
 * limit) rather than cut off, so the client still receives the 413.
 */
export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      req.resume();
      req.on('end', () => reject(tooLarge()));
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > MAX_DRAIN_BYTES) req.destroy();
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(tooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}
