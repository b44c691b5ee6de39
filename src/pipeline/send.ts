import path from 'node:path';
import { ENV } from '../config/defaults.js';
import type { Config } from '../config/schema.js';
import { createPersonalizer } from '../personalize/index.js';
import type { CaptureServer } from '../send/capture-server.js';
import { deliverIssue, FatalSendError, type DeliveryEvent, type DeliveryReport } from '../send/deliver.js';
import { createSmtpTransport, type Transport } from '../send/transport.js';
import type { Store } from '../store/db.js';
import { audienceSections, deliveryCounts, enqueueAudience, hasRetryableFailures, listFailures, sectionKeysOf, settleSectionKeys, skipDeliveriesOf } from '../store/deliveries.js';
import { copyKeyOf } from '../util/sections.js';
import type { Personalizer } from '../personalize/index.js';
import { saveIssueReport } from '../store/issues.js';
import type { Clock, Issue, RenderedIssue, SectionCopy } from '../types.js';
import { displayPath } from '../util/paths.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { deliveryPolicy, dkimSettings } from './policy.js';
import { configListId, listIdentity, personalizeOptions } from '../util/personalize-options.js';
import { settleListId } from '../store/settings.js';
import type { Log } from './log.js';
import { resolveSecret } from './secret.js';
import { smtpFailureError, smtpProblemOf } from '../send/smtp-errors.js';

/** The transport of one run, and the capture server behind it when there is no SMTP_URL. */
export interface RunTransport {
  transport: Transport;
  capture?: CaptureServer;
  close(): Promise<void>;
}

/** Where captured messages of an issue are stored. */
export function outboxDir(config: Config, issueId: string): string {
  return path.join(config.dataDir, 'outbox', issueId);
}

/**
 * Opens the run's transport: the SMTP server in `SMTP_URL`, else the
 * built-in capture server (said loudly: nothing is delivered).
 */
export async function openTransport(
  config: Config,
  env: NodeJS.ProcessEnv,
  capturePath: string,
  log: Log,
  options: { filePrefix?: string } = {},
): Promise<RunTransport> {
  const url = env[ENV.smtpUrl];
  const dkim = dkimSettings(config);
  if (url) {
    const transport = createSmtpTransport(url, { connections: config.sending.connections, dkim, timeoutMs: config.sending.timeout * 1000 });
    return { transport, close: () => transport.close() };
  }
  const { startCaptureServer } = await import('../send/capture-server.js');
  const capture = await startCaptureServer(capturePath, options);
  log.warn(
    `SMTP_URL is not set: using the built-in capture server on ${capture.url}. Nothing is delivered; every message is saved as an .eml file in ${displayPath(capture.dir)}/`,
  );
  const transport = createSmtpTransport(capture.url, { connections: config.sending.connections, dkim, timeoutMs: config.sending.timeout * 1000 });
  return {
    transport: { ...transport, description: `built-in capture server ${capture.url}` },
    capture,
    async close() {
      await transport.close();
      await capture.close();
    },
  };
}

/** True when the issue was sent and nothing is left to do: no pending, in-flight or retryable delivery. */
export function isIssueDone(store: Store, issueId: string): boolean {
  const counts = deliveryCounts(store, issueId);
  return counts.total > 0 && counts.pending + counts.sending === 0 && !hasRetryableFailures(store, issueId);
}

/** True once any delivery of the issue has been recorded (its audience is fixed). */
export function hasDeliveries(store: Store, issueId: string): boolean {
  return deliveryCounts(store, issueId).total > 0;
}

/** What a send run reports to whoever started it. */
export interface SendContext {
  store: Store;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  log: Log;
  signal?: AbortSignal;
  onEvent?(event: DeliveryEvent): void;
  /**
   * Runs once everything is ready, before the first message, with the email
   * as it goes out, section copies included (the send snapshot is written here).
   */
  beforeFirstSend?(rendered: RenderedIssue): void;
  /** The issue's data, on a first send: the section copies are rendered from it. */
  issue?: Issue;
}

/**
 * Sends a rendered issue to every subscriber of its audience not yet sent,
 * through one pooled transport closed in `finally`; stores and returns the
 * report.
 */
export async function sendRenderedIssue(config: Config, rendered: RenderedIssue, context: SendContext): Promise<DeliveryReport> {
  const { store, env, clock, log } = context;
  const before = deliveryCounts(store, rendered.issueId);
  if (isIssueDone(store, rendered.issueId)) {
    log.info(`Issue ${rendered.issueId} is done: ${before.sent} sent, ${before.failed} failed earlier; nothing more to send`);
    return {
      issue: rendered.issueId,
      sentNow: 0,
      failedNow: 0,
      skippedNow: 0,
      sent: before.sent,
      failed: before.failed,
      skipped: before.skipped,
      pending: 0,
      failures: listFailures(store, rendered.issueId),
      startedAt: clock.now().toISOString(),
      durationMs: 0,
      rate: 0,
      interrupted: false,
    };
  }
  const secret = resolveSecret(env, config.dataDir, { forDelivery: Boolean(env[ENV.smtpUrl]) });
  if (secret.source === 'local') log.warn(`DIGEST_SECRET is not set: unsubscribe links are signed with the local secret in ${displayPath(secret.file ?? '')}`);
  const listId = listIdentity(config, settleListId(store, configListId(config))).current;
  const copies = await sectionCopies(config, rendered, context);
  const sending: RenderedIssue = { ...rendered, copies };
  const options = personalizeOptions(config, secret.value, listId);
  const personalizer = createPersonalizer(sending, options);
  const copyReaders = new Map<string, Personalizer>(
    Object.entries(copies)
      .filter(([, copy]) => copy.articles > 0)
      .map(([key, copy]) => [key, createPersonalizer({ ...sending, html: copy.html, text: copy.text, preheader: copy.preheader }, options)]),
  );
  const run = await openTransport(config, env, outboxDir(config, rendered.issueId), log);
  try {
    context.beforeFirstSend?.(sending);
    fixAudience(config, rendered.issueId, copies, context);
    log.info(`Sending ${rendered.issueId} via ${run.transport.description} (${config.sending.connections} connections${config.sending.rate ? `, ${config.sending.rate}/s` : ''})`);
    const report = await deliverIssue({
      store,
      issueId: rendered.issueId,
      transport: run.transport,
      messageFor: (subscriber, delivery) =>
        ((delivery.sectionsKey && copyReaders.get(delivery.sectionsKey)) || personalizer).messageFor(subscriber, delivery),
      clock,
      policy: deliveryPolicy(config),
      signal: context.signal,
      onEvent: context.onEvent,
    });
    saveIssueReport(store, rendered.issueId, report);
    return report;
  } catch (error) {
    const resume = 'nothing more was sent and a rerun resumes';
    if (error instanceof FatalSendError && ['tls', 'dns'].includes(smtpProblemOf(error.original))) {
      throw smtpFailureError(error.original, run.transport.endpoint, { hintSuffix: resume });
    }
    if (error instanceof FatalSendError && error.reason === 'unreachable') {
      throw new DigestError(ErrorCodes.SMTP_FAILED, `cannot reach the SMTP server (${run.transport.description}): ${error.message}`, {
        field: ENV.smtpUrl,
        hint: 'check that the server in SMTP_URL is up and reachable from here; nothing more was sent and a rerun resumes',
        cause: error,
      });
    }
    if (error instanceof FatalSendError) {
      throw smtpFailureError(error.original ?? error, run.transport.endpoint, { hintSuffix: resume });
    }
    throw error;
  } finally {
    await run.close();
  }
}

/**
 * The copies a send needs, by copy key: those the snapshot has, and on a
 * first send one for each distinct set of sections of the audience about to
 * be fixed (MJML once per set, never per subscriber), rendered before the
 * send snapshot is written so a resumed send repeats them.
 */
async function sectionCopies(config: Config, rendered: RenderedIssue, context: SendContext): Promise<Record<string, SectionCopy>> {
  const copies: Record<string, SectionCopy> = { ...rendered.copies };
  if (!context.issue || hasDeliveries(context.store, rendered.issueId)) return copies;
  const keys = new Set(audienceSections(context.store, context.clock.now()).map((stored) => copyKeyOf(stored, config.sections)));
  const missing = [...keys].filter((key): key is string => key !== null && !copies[key]);
  if (missing.length === 0) return copies;
  const { renderSectionCopies } = await import('./section-copies.js');
  Object.assign(copies, await renderSectionCopies(config, context.issue, missing));
  context.log.info(
    `Rendered ${missing.length} section cop${missing.length === 1 ? 'y' : 'ies'}: ${missing.map((key) => `${(copies[key]?.sections ?? []).join(' + ')} (${copies[key]?.articles ?? 0} articles)`).join('; ')}`,
  );
  return copies;
}

/**
 * Fixes the audience on a first send (paused subscribers left out, each
 * delivery's copy taken from the subscriber's sections) and marks the
 * deliveries of an empty copy `skipped`: their sections have nothing this week.
 */
function fixAudience(config: Config, issueId: string, copies: Record<string, SectionCopy>, context: SendContext): void {
  const { store, clock, log } = context;
  if (!hasDeliveries(store, issueId)) {
    enqueueAudience(store, issueId, clock.now());
    settleSectionKeys(store, issueId, (stored) => copyKeyOf(stored, config.sections));
  }
  for (const key of sectionKeysOf(store, issueId)) {
    if (key === null) continue;
    const copy = copies[key];
    if (!copy) {
      // Sections changed between rendering the copies and fixing the audience, or an older snapshot.
      log.warn(`issue ${issueId} has no copy for the sections ${key}: those readers get the whole issue`);
      continue;
    }
    if (copy.articles > 0) continue;
    const skipped = skipDeliveriesOf(store, issueId, key, clock.now());
    if (skipped > 0) log.info(`${skipped} subscriber${skipped === 1 ? '' : 's'} of ${copy.sections.join(' + ')} skipped: no article in their sections this week`);
  }
}
