import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/schema.js';
import { readCompiledIssue, readIssueJson } from '../util/issue-files.js';
import { listenOn } from '../util/listen.js';
import { configListId, listIdentity } from '../util/personalize-options.js';
import { compileFill } from '../personalize/template.js';
import type { Store } from '../store/db.js';
import { settleListId } from '../store/settings.js';
import { getSubscriber, getSubscriberByUid, setSubscriberStatus } from '../store/subscribers.js';
import type { Clock } from '../types.js';
import { readTokenClaim, verifyTokenFor } from '../util/unsubscribe-token.js';
import { archivePage } from './archive.js';
import { archiveIndexPage, checkInboxPage, confirmPage, confirmSignUpPage, donePage, errorPage, page, subscribedPage } from './pages.js';
import { checkConfirmation, handleSignUp, parseSignUp, SignUpInputError, type SignUpContext, type SignUpMailer } from './sign-up.js';
import { ClientRateLimiter } from './rate-limit.js';
import { ARCHIVE_CSP, confirmRefusal, HttpError, PAGE_CSP, readBody, send, sendJson } from './http.js';
import { serveMedia } from '../util/media-http.js';
import { applyPreferences, currentPreferences, parsePreferences, preferencesPage } from './preferences.js';

/** Options of {@link startPublicServer}. */
export interface PublicServerOptions {
  config: Config;
  store: Store;
  secret: string;
  /** Earlier secrets (`DIGEST_SECRET_PREVIOUS`) whose links still verify during a rotation. */
  previousSecrets?: readonly string[];
  clock: Clock;
  host: string;
  port: number;
  /** Requests per client per minute (default 60). */
  requestsPerMinute?: number;
  /** Sign-up requests (`POST /subscribe`) per client per hour (default 10). */
  signUpsPerHour?: number;
  /**
   * Behind a reverse proxy every request comes from the proxy: take the client
   * address from the last `X-Forwarded-For` entry (the one the proxy added).
   */
  trustProxy?: boolean;
  onUnsubscribe?(email: string): void;
  onSubscribe?(email: string): void;
  /** Sends sign-up confirmations; without it `POST /subscribe` still answers but mails nothing. */
  mailer?: SignUpMailer;
  /** A problem that has no one to answer to (a confirmation mail that failed). */
  onError?(message: string): void;
}

/** A running public server. */
export interface PublicServer {
  url: string;
  port: number;
  close(): Promise<void>;
}


/**
 * Whether a POST body says `List-Unsubscribe=One-Click`. RFC 8058 allows
 * application/x-www-form-urlencoded and multipart/form-data.
 */
export function isOneClick(body: string, contentType: string): boolean {
  const boundary = /multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return new URLSearchParams(body).get('List-Unsubscribe') === 'One-Click';
  return body.split(`--${boundary}`).some((part) => {
    const [head, ...value] = part.split(/\r?\n\r?\n/);
    return /name="List-Unsubscribe"/i.test(head ?? '') && value.join('\n\n').trim() === 'One-Click';
  });
}

/** A token from the URL path; malformed percent-encoding is an invalid link, not a server error. */
function decodeToken(raw: string, kind: 'unsubscribe' | 'confirmation' | 'preferences' = 'unsubscribe'): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(404, 'Link not valid', `This ${kind} link is not valid. Use the link in the latest email you received.`);
  }
}


/**
 * The public HTTP endpoint: RFC 8058 one-click unsubscribe at the
 * List-Unsubscribe URLs (POST unsubscribes at once; GET only asks, so link
 * scanners unsubscribe no one) and the web archive of sent issues, which is
 * every email's "view in browser" link; sign-up with double opt-in at
 * `/subscribe` and `/confirm/<token>` (see sign-up.ts). Requests are
 * rate-limited per client, sign-ups more tightly, and bodies are capped at 1 KB.
 */
export async function startPublicServer(options: PublicServerOptions): Promise<PublicServer> {
  const { config, store, secret, clock } = options;
  // Links are bound to the list id stored at first use, not to today's name and baseUrl.
  const { accepted: listIds } = listIdentity(config, settleListId(store, configListId(config)));
  const secrets = [secret, ...(options.previousSecrets ?? [])];
  const newsletter = config.newsletter.name;
  const limiter = new ClientRateLimiter(options.requestsPerMinute ?? 60, 60_000);
  const signUpLimiter = new ClientRateLimiter(options.signUpsPerHour ?? 10, 3_600_000);
  const basePath = new URL(config.newsletter.baseUrl).pathname.replace(/\/+$/, '');
  const signUp: SignUpContext = {
    config,
    store,
    secret,
    secrets,
    listId: listIdentity(config, settleListId(store, configListId(config))).current,
    listIds,
    now: () => clock.now(),
    mailer: options.mailer,
    onError: options.onError ?? (() => undefined),
  };

  /** The subscriber a token names, when its signature checks out; a 4xx otherwise. */
  const subscriberOf = (token: string) => {
    const claim = readTokenClaim(token);
    const subscriber =
      claim?.kind === 'uid' ? getSubscriberByUid(store, claim.uid) : claim ? getSubscriber(store, claim.subscriberId) : undefined;
    if (!subscriber || !verifyTokenFor(token, subscriber, listIds, secrets)) {
      throw new HttpError(404, 'Link not valid', 'This unsubscribe link is not valid. Use the link in the latest email you received.');
    }
    return subscriber;
  };

  const sentIssues = () =>
    store.db
      .prepare<[], { id: string; subject: string }>(
        `SELECT i.id, i.subject FROM issues i WHERE EXISTS (SELECT 1 FROM deliveries d WHERE d.issue_id = i.id AND d.status = 'sent') ORDER BY i.id DESC`,
      )
      .all();

  const clientOf = (req: http.IncomingMessage): string => {
    const forwarded = options.trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',').pop()?.trim() : undefined;
    return forwarded || req.socket.remoteAddress || 'unknown';
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // baseUrl may have a path (https://example.com/news): its links arrive with that prefix.
    if (basePath && url.pathname.startsWith(`${basePath}/`)) url.pathname = url.pathname.slice(basePath.length);
    // Images are outside the rate limit: one mail provider's image proxy fetches them for every reader.
    if (url.pathname.startsWith('/media/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Not allowed', 'Only GET is served here.');
      if (await serveMedia(config.dataDir, url.pathname.slice('/media/'.length), req, res)) return;
      throw new HttpError(404, 'Not found', 'There is no such image.');
    }
    const client = clientOf(req);
    if (!limiter.allow(client)) {
      throw new HttpError(429, 'Too many requests', `Please wait ${limiter.retryAfter(client)} seconds and try again.`);
    }
    const unsubscribe = /^\/unsubscribe\/([^/]+)$/.exec(url.pathname);
    if (unsubscribe?.[1]) {
      const token = decodeToken(unsubscribe[1]);
      if (req.method === 'GET' || req.method === 'HEAD') {
        const subscriber = subscriberOf(token);
        send(res, 200, confirmPage(newsletter, subscriber.email));
        return;
      }
      if (req.method === 'POST') {
        if (!isOneClick(await readBody(req), String(req.headers['content-type'] ?? ''))) {
          throw new HttpError(400, 'Not understood', 'Use the Unsubscribe button on this page.');
        }
        const subscriber = subscriberOf(token);
        if (subscriber.status !== 'unsubscribed') {
          setSubscriberStatus(store, subscriber.id, 'unsubscribed', clock.now());
          options.onUnsubscribe?.(subscriber.email);
        }
        send(res, 200, donePage(newsletter, subscriber.email));
        return;
      }
      throw new HttpError(405, 'Not allowed', 'Use the link in your email.');
    }
    const preferences = /^\/preferences\/([^/]+)$/.exec(url.pathname);
    if (preferences?.[1]) {
      await managePreferences(req, res, decodeToken(preferences[1], 'preferences'));
      return;
    }
    if (url.pathname === '/preferences') {
      send(res, 200, page('Preferences', `<h1>Preferences</h1><p>Every ${newsletter} email ends with a link to your own preferences; use that one.</p>`));
      return;
    }
    if (url.pathname === '/subscribe') {
      if (req.method === 'POST' && !signUpLimiter.allow(client)) {
        const wait = signUpLimiter.retryAfter(client);
        throw new HttpError(429, 'Too many sign-ups', `Too many sign-ups from your address. Please try again in ${Math.ceil(wait / 60)} minutes.`, wait);
      }
      await subscribe(req, res);
      return;
    }
    const confirm = /^\/confirm\/([^/]+)$/.exec(url.pathname);
    if (confirm?.[1]) {
      const check = checkConfirmation(signUp, decodeToken(confirm[1], 'confirmation'));
      if (!check.ok) throw confirmRefusal(check.refused);
      if (req.method === 'GET' || req.method === 'HEAD') {
        send(res, 200, confirmSignUpPage(newsletter, check.email));
        return;
      }
      if (req.method !== 'POST') throw new HttpError(405, 'Not allowed', 'Use the link in your email.');
      await readBody(req);
      check.confirm();
      options.onSubscribe?.(check.email);
      send(res, 200, subscribedPage(newsletter, check.email));
      return;
    }
    if (url.pathname === '/unsubscribe') {
      send(res, 200, page('Unsubscribe', `<h1>Unsubscribe</h1><p>Every ${newsletter} email ends with your own unsubscribe link; use that one.</p>`));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Not allowed', 'Only GET is served here.');
    if (url.pathname === '/archive' || url.pathname === '/archive/') {
      send(res, 200, archiveIndexPage(newsletter, sentIssues()));
      return;
    }
    const archive = /^\/archive\/(\d{4}-W\d{2})$/.exec(url.pathname);
    if (archive?.[1]) {
      const id = archive[1];
      const rendered = sentIssues().some((issue) => issue.id === id) ? readCompiledIssue(config, id) : undefined;
      if (!rendered) throw new HttpError(404, 'No such issue', `Issue ${id} has not been sent.`);
      const html = compileFill(rendered.html, { escape: true, source: `archive ${id}` })({
        greetingName: rendered.greetingFallback ?? 'there',
        email: rendered.archiveRecipient ?? 'your address',
        unsubscribeUrl: `${config.newsletter.baseUrl}/unsubscribe`,
        preferencesUrl: `${config.newsletter.baseUrl}/preferences`,
      });
      // Articles fitting moved out of the email ("N more articles this week") are listed here.
      send(res, 200, archivePage(html, readIssueJson(config, id)), ARCHIVE_CSP);
      return;
    }
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    throw new HttpError(404, 'Not found', 'There is nothing here.');
  };

  /**
   * `/preferences/<token>`, the token of the subscriber's unsubscribe link: GET
   * shows the choices and changes nothing; POST saves sections, pauses,
   * resumes or unsubscribes. Pending (unconfirmed) and erased subscribers have
   * no preferences to manage.
   */
  const managePreferences = async (req: http.IncomingMessage, res: http.ServerResponse, token: string): Promise<void> => {
    const subscriber = subscriberOf(token);
    if (subscriber.status === 'pending' || subscriber.email.endsWith('@erased.invalid')) {
      throw new HttpError(404, 'Link not valid', 'This link is not valid. Use the link in the latest email you received.');
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      send(res, 200, preferencesPage(config, subscriber, currentPreferences(store, subscriber), clock.now()));
      return;
    }
    if (req.method !== 'POST') throw new HttpError(405, 'Not allowed', 'Use the link in your email.');
    const contentType = String(req.headers['content-type'] ?? '');
    const request = parsePreferences(await readBody(req), contentType);
    applyPreferences(config, store, subscriber, request, clock.now());
    if (request.action === 'unsubscribe' && subscriber.status !== 'unsubscribed') options.onUnsubscribe?.(subscriber.email);
    const updated = getSubscriber(store, subscriber.id) ?? subscriber;
    const stored = currentPreferences(store, updated);
    if (/^application\/json/i.test(contentType)) {
      sendJson(res, 200, { status: updated.status, sections: stored.sections, pausedUntil: stored.pausedUntil });
      return;
    }
    send(res, 200, preferencesPage(config, updated, stored, clock.now(), request.action));
  };

  /** `POST /subscribe`: 202 "check your inbox" for every valid request (see {@link handleSignUp}). */
  const subscribe = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.method !== 'POST') throw new HttpError(405, 'Not allowed', 'Sign up with the form on the newsletter\'s site.');
    const contentType = String(req.headers['content-type'] ?? '');
    const json = /^application\/json/i.test(contentType);
    try {
      handleSignUp(signUp, parseSignUp(await readBody(req), contentType));
    } catch (error) {
      if (!(error instanceof SignUpInputError)) throw error;
      if (json) return sendJson(res, 400, { error: error.message });
      throw new HttpError(400, 'Sign-up not accepted', error.message);
    }
    if (json) sendJson(res, 202, { status: 'check-your-inbox', message: 'Check your inbox for a confirmation link.' });
    else send(res, 202, checkInboxPage(newsletter));
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      if (error instanceof HttpError) {
        const extra: Record<string, string> = error.status === 429 ? { 'retry-after': String(error.retryAfter ?? limiter.retryAfter(clientOf(req))) } : {};
        send(res, error.status, errorPage(error.title, error.message), PAGE_CSP, extra);
        return;
      }
      send(res, 500, errorPage('Something went wrong', 'Please try again later.'));
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  await listenOn(server, { port: options.port, host: options.host, command: 'digest serve' });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
