/**
 * What keeps other web pages out of the preview. A page on another site can
 * make the editor's browser send requests here, and with DNS rebinding (its
 * own name resolving to this address) read the answers as if same-origin:
 * so every request must name this server in `Host`, and requests that change
 * something must also come from the preview's own page.
 */
import { createHash } from 'node:crypto';
import type http from 'node:http';
import os from 'node:os';

/** Names that always mean this machine. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** A refused request: the status and the reason shown to whoever sent it. */
export interface Refusal {
  status: number;
  error: string;
}

/** Lower case, without IPv6 brackets or a trailing dot, so one name has one spelling. */
function normalName(name: string): string {
  return name.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/**
 * The host names requests may use for a server bound to `bindHost`: the
 * loopback names, `bindHost` itself and, bound to every address (`0.0.0.0`
 * or `::`), this machine's host name and its interfaces' addresses.
 */
export function allowedHostNames(bindHost: string): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  const bound = normalName(bindHost);
  // An address literal (even 0.0.0.0) is no name another site can point at this machine.
  if (bound) names.add(bound);
  if (!WILDCARD_HOSTS.has(bound)) return names;
  names.add(normalName(os.hostname()));
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) names.add(normalName(address.address.replace(/%.*$/, '')));
  }
  return names;
}

/** Splits a `Host` header into name and port (80 when absent); undefined when it is not one. */
export function parseHostHeader(value: string): { name: string; port: number } | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!match?.[1]) return undefined;
  return { name: normalName(match[1]), port: match[2] === undefined ? 80 : Number(match[2]) };
}

/** Options of {@link createRequestGuard}. */
export interface RequestGuardOptions {
  /** The address the server was started for (`--host`). */
  bindHost: string;
  /** The port it listens on, once known. */
  port(): number;
}

/** Checks one request; undefined means it may be served. */
export type RequestGuard = (req: http.IncomingMessage) => Refusal | undefined;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Serves only requests whose `Host` names this server (one of
 * {@link allowedHostNames}, at its port); for any other method than GET and
 * HEAD, the browser's `Origin` and `Sec-Fetch-Site` must say the request
 * comes from the preview page itself. A client that sends neither (curl, a
 * script) is not a browser another site can drive, and is let through.
 */
export function createRequestGuard(options: RequestGuardOptions): RequestGuard {
  const names = allowedHostNames(options.bindHost);
  const isOurs = (name: string, port: number) => names.has(name) && port === options.port();
  return (req) => {
    const host = parseHostHeader(req.headers.host ?? '');
    if (!host || !isOurs(host.name, host.port)) {
      return {
        status: 403,
        error: `this preview does not answer to the Host "${req.headers.host ?? ''}": open it at http://localhost:${options.port()}/, or start it with --host <that name>`,
      };
    }
    if (SAFE_METHODS.has(req.method ?? 'GET')) return undefined;
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') {
      return { status: 403, error: `cross-site request refused (Sec-Fetch-Site: ${String(site)})` };
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !isOurOrigin(origin, isOurs)) {
      return { status: 403, error: `request from another origin refused (Origin: ${origin})` };
    }
    return undefined;
  };
}

function isOurOrigin(origin: string, isOurs: (name: string, port: number) => boolean): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    // "null" (a sandboxed frame, a file:// page) and anything unparsable are not this page.
    return false;
  }
  return url.protocol === 'http:' && isOurs(normalName(url.hostname), url.port ? Number(url.port) : 80);
}

/** Hashes of the inline scripts of `html`, as CSP source expressions. */
function scriptHashes(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (match) => `'sha256-${createHash('sha256').update(match[1] ?? '').digest('base64')}'`,
  );
}

/**
 * The Content-Security-Policy of the preview page `html`: only its own
 * inline script runs, it talks only to this server, and nobody frames it.
 * The email shows in `srcdoc` frames, which inherit this policy, so styles
 * (inline, as email needs) and images and fonts from anywhere stay allowed.
 */
export function previewPagePolicy(html: string): string {
  return [
    "default-src 'self'",
    `script-src ${scriptHashes(html).join(' ') || "'none'"}`,
    "style-src 'self' 'unsafe-inline' http: https:",
    "img-src 'self' http: https: data: blob: cid:",
    "font-src 'self' http: https: data:",
    "connect-src 'self'",
    "frame-src 'self' about:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy of the email served on its own (`/email.html`): no script at all. */
export const EMAIL_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline' http: https:",
  'img-src http: https: data: cid:',
  'font-src http: https: data:',
  "frame-ancestors 'self'",
].join('; ');

/** Headers for every answer of the preview. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};
