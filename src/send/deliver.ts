import { deliveryCounts, enqueueAudience, listFailures, pageUnsentDeliveries, type DeliveryFailure } from '../store/deliveries.js';
import type { Store } from '../store/db.js';
import { countSentSince, writeLedger, type DeliveryOutcome } from '../store/ledger.js';
import type { Clock, OutgoingMessage, Subscriber } from '../types.js';
import { backoffDelay, classifyFailure, type ClassifiedFailure } from './classify.js';
import { GroupCommit } from './group-commit.js';
import { TokenBucket } from './rate-limit.js';
import type { Transport } from './transport.js';

/** What happens during a delivery run, as it happens. */
export type DeliveryEvent =
  | { type: 'start'; issue: string; total: number; remaining: number; connections: number }
  | { type: 'sent'; email: string; response: string; attempt: number }
  | { type: 'retry'; email: string; code: string; response: string; attempt: number; delayMs: number }
  | { type: 'failed'; email: string; code: string; response: string; permanent: boolean; bounced: boolean }
  | { type: 'paused'; reason: 'daily cap'; until: string; sentToday: number }
  | { type: 'resumed' };

/** Limits and policies of a run (from the `sending` config). */
export interface DeliveryPolicy {
  /** Retries of a temporary failure in this run (so up to retries + 1 attempts). */
  retries: number;
  /** First retry delay; each next one doubles, with jitter. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
  /** Messages per second over all connections; 0 = unlimited. */
  rate: number;
  /** Messages per local day over all issues; 0 = unlimited. */
  dailyCap: number;
  /** Hard bounces after which a subscriber is marked `bounced`. */
  bounceThreshold: number;
  /** Start of the local day containing an instant (the daily cap resets then). */
  startOfDay(instant: Date): Date;
  /** Start of the next local day after an instant. */
  nextDay(instant: Date): Date;
}

/** Everything the delivery loop needs; side effects come in through these. */
export interface DeliverOptions {
  store: Store;
  issueId: string;
  transport: Transport;
  /** Builds one recipient's message (fresh data per call). */
  messageFor(subscriber: Subscriber): OutgoingMessage;
  clock: Clock;
  policy: DeliveryPolicy;
  /** Aborting stops new sends; messages in flight finish and are recorded. */
  signal?: AbortSignal;
  /** Rows read from SQLite at a time; keeps memory flat on large lists. */
  pageSize?: number;
  onEvent?(event: DeliveryEvent): void;
  /** Waits (injectable so tests need not wait out backoffs and daily caps). */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The outcome of one delivery run. */
export interface DeliveryReport {
  issue: string;
  /** Accepted by the server in this run. */
  sentNow: number;
  /** Given up on in this run. */
  failedNow: number;
  /** Totals over every run of this issue. */
  sent: number;
  failed: number;
  pending: number;
  failures: DeliveryFailure[];
  startedAt: string;
  durationMs: number;
  /** Messages per second in this run. */
  rate: number;
  /** True when the run was stopped (Ctrl-C) before finishing. */
  interrupted: boolean;
}

/**
 * Stops the run: the SMTP server will not take any message (`refused`, e.g.
 * bad credentials) or cannot be reached at all (`unreachable`).
 */
export class FatalSendError extends Error {
  constructor(
    readonly failure: ClassifiedFailure,
    readonly reason: 'refused' | 'unreachable' = 'refused',
  ) {
    super(`${failure.code} ${failure.response}`);
    this.name = 'FatalSendError';
  }
}

/** One write to the ledger, grouped with others into a transaction. */
type LedgerWrite = { kind: 'claim'; subscriberId: number } | { kind: 'outcome'; outcome: DeliveryOutcome };

interface Job {
  subscriber: Subscriber;
  attempt: number;
  due: number;
  /** The temporary failure that queued this retry. */
  lastFailure?: ClassifiedFailure;
  /** The run's count of server answers when this message first failed. */
  answersAtFirstFailure?: number;
}

const DEFAULT_PAGE_SIZE = 500;

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Stage entry: sends the issue to its audience (the subscribers active when
 * it was first sent), skipping everyone already sent or since unsubscribed.
 *
 * Each delivery moves `pending → sending → sent | failed` in SQLite: `sending`
 * is committed right before its SMTP call and the outcome before that
 * connection takes its next message, in group commits shared by all
 * connections (one disk sync per round, not per message). So a crash can
 * repeat at most the messages in flight (one per connection), and a rerun
 * continues where this run stopped.
 *
 * When a connection breaks, fresh messages wait while the retries probe the
 * server; a server that cannot be reached at all stops the run
 * ({@link FatalSendError} `unreachable`) instead of failing the whole list.
 */
export async function deliverIssue(options: DeliverOptions): Promise<DeliveryReport> {
  const { store, issueId, transport, clock, policy, signal } = options;
  const sleep = options.sleep ?? defaultSleep;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const startedAt = clock.now();
  const started = performance.now();

  if (deliveryCounts(store, issueId).total === 0) enqueueAudience(store, issueId, clock.now());
  const before = deliveryCounts(store, issueId);
  options.onEvent?.({
    type: 'start',
    issue: issueId,
    total: before.total,
    remaining: before.pending + before.sending + before.failed,
    connections: transport.connections,
  });

  // Claims and outcomes of every connection share one transaction per turn of the event loop:
  // SQLite commits synchronously (one disk sync each), so fewer commits is more throughput.
  // A delivery is marked `sending` (committed) right before its SMTP call, and its outcome is
  // committed with the connection's next claim, so after a crash at most one message per
  // connection can be in doubt.
  const ledger = new GroupCommit<LedgerWrite, Set<number>>((writes) => {
    const claims = writes.flatMap((write) => (write.kind === 'claim' ? [write.subscriberId] : []));
    const outcomes = writes.flatMap((write) => (write.kind === 'outcome' ? [write.outcome] : []));
    return new Set(writeLedger(store, issueId, { claims, outcomes }, clock.now(), policy.bounceThreshold));
  });
  const bucket = new TokenBucket(policy.rate);
  const retries: Job[] = [];
  let sentNow = 0;
  let failedNow = 0;
  let fatal: FatalSendError | undefined;
  let inFlight = 0;
  // Answers from the server in this run: an accepted message or any SMTP reply, even a refusal.
  let serverAnswers = 0;
  // A connection failed and the server has not answered since: it may be down.
  let serverLooksDown = false;

  // Daily cap: messages accepted since local midnight, over all issues.
  let day = policy.startOfDay(clock.now());
  let sentToday = policy.dailyCap > 0 ? countSentSince(store, day) : 0;
  const waitForDailyCap = async (): Promise<void> => {
    if (policy.dailyCap <= 0) return;
    for (;;) {
      const today = policy.startOfDay(clock.now());
      if (today.getTime() !== day.getTime()) {
        day = today;
        sentToday = countSentSince(store, day);
      }
      if (sentToday < policy.dailyCap || signal?.aborted) return;
      const until = policy.nextDay(clock.now());
      options.onEvent?.({ type: 'paused', reason: 'daily cap', until: until.toISOString(), sentToday });
      await sleep(Math.max(0, until.getTime() - clock.now().getTime()), signal);
      options.onEvent?.({ type: 'resumed' });
    }
  };

  // Pages of claimed deliveries, read lazily so memory stays flat.
  let afterId = 0;
  let fresh: Job[] = [];
  let exhausted = false;
  const nextFresh = (): Job | undefined => {
    if (fresh.length === 0 && !exhausted) {
      const page = pageUnsentDeliveries(store, issueId, afterId, pageSize);
      if (page.length === 0) exhausted = true;
      else {
        afterId = page[page.length - 1]?.subscriber.id ?? afterId;
        fresh = page.map((row) => ({ subscriber: row.subscriber, attempt: 1, due: 0 }));
      }
    }
    return fresh.shift();
  };
  /** A job that can start now: a retry that is due, else the next fresh one. */
  const readyJob = (): Job | undefined => {
    if (signal?.aborted || fatal) return undefined;
    retries.sort((a, b) => a.due - b.due);
    const retry = retries[0];
    if (retry && retry.due <= clock.now().getTime()) return retries.shift();
    // While the server looks down, only the retries probe it: fresh messages wait rather
    // than fail one after another through the whole list.
    if (serverLooksDown && (retries.length > 0 || inFlight > 0)) return undefined;
    return nextFresh();
  };
  const nextJob = async (): Promise<Job | undefined> => {
    for (;;) {
      if (signal?.aborted || fatal) return undefined;
      const job = readyJob();
      if (job) return job;
      const retry = retries[0];
      if (retry) await sleep(retry.due - clock.now().getTime(), signal);
      // Nothing left to start, but a message in flight may still fail and need a retry.
      else if (inFlight > 0) await new Promise<void>((resolve) => waiters.push(resolve));
      else return undefined;
    }
  };
  const waiters: (() => void)[] = [];
  const wakeAll = () => {
    for (const wake of waiters.splice(0)) wake();
  };

  /** Whether a bare connection (greeting and login, no message) gets an answer from the server. */
  const serverReachable = (): Promise<boolean> =>
    transport.verify().then(
      () => true,
      (error: unknown) => !classifyFailure(error).connectionLost,
    );

  /** Sends one message: the outcome to record, or nothing when a retry was queued or the run must stop. */
  const attempt = async (job: Job): Promise<DeliveryOutcome | undefined> => {
    const { subscriber } = job;
    const message = options.messageFor(subscriber);
    try {
      const result = job.attempt === 1 ? await transport.send(message) : await transport.sendFresh(message);
      sentToday++;
      serverAnswers++;
      serverLooksDown = false;
      return { subscriberId: subscriber.id, status: 'sent', messageId: result.messageId, response: result.response };
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind === 'fatal') {
        fatal ??= new FatalSendError(failure);
        return undefined;
      }
      if (failure.connectionLost) serverLooksDown = true;
      else if (failure.replied) {
        serverAnswers++;
        serverLooksDown = false;
      }
      const answersAtFirstFailure = job.answersAtFirstFailure ?? serverAnswers;
      if (failure.kind === 'temporary' && job.attempt <= policy.retries) {
        const delayMs = backoffDelay(job.attempt, policy.retryDelayMs, policy.maxRetryDelayMs);
        const due = clock.now().getTime() + delayMs;
        retries.push({ subscriber, attempt: job.attempt + 1, due, lastFailure: failure, answersAtFirstFailure });
        options.onEvent?.({ type: 'retry', email: subscriber.email, code: failure.code, response: failure.response, attempt: job.attempt, delayMs });
        return undefined;
      }
      if (failure.connectionLost && serverAnswers === answersAtFirstFailure && !(await serverReachable())) {
        // Every attempt, on fresh connections over the whole backoff, failed to reach the server,
        // it answered nobody else meanwhile, and a bare connection fails too: stop instead of
        // failing the rest of the list.
        fatal ??= new FatalSendError(failure, 'unreachable');
      }
      return {
        subscriberId: subscriber.id,
        status: 'failed',
        code: failure.code,
        response: failure.response,
        permanent: failure.kind === 'permanent',
        hardBounce: failure.recipientRejected,
      };
    }
  };

  /** Counts and reports an outcome once it is written. */
  const announce = ({ outcome, job }: { outcome: DeliveryOutcome; job: Job }): void => {
    const { email } = job.subscriber;
    if (outcome.status === 'sent') {
      sentNow++;
      options.onEvent?.({ type: 'sent', email, response: outcome.response ?? '', attempt: job.attempt });
      return;
    }
    failedNow++;
    options.onEvent?.({
      type: 'failed',
      email,
      code: outcome.code ?? '',
      response: outcome.response ?? '',
      permanent: outcome.permanent,
      bounced: outcome.hardBounce,
    });
  };

  const worker = async (): Promise<void> => {
    let done: { outcome: DeliveryOutcome; job: Job } | undefined;
    for (;;) {
      await waitForDailyCap();
      let job = readyJob();
      if (!job) {
        // About to wait: write the last outcome first rather than keep it in doubt.
        if (done) await ledger.add({ kind: 'outcome', outcome: done.outcome });
        if (done) announce(done);
        done = undefined;
        job = await nextJob();
      }
      const writes: LedgerWrite[] = [];
      if (done) writes.push({ kind: 'outcome', outcome: done.outcome });
      if (job) writes.push({ kind: 'claim', subscriberId: job.subscriber.id });
      const claimed = writes.length > 0 ? await ledger.add(...writes) : new Set<number>();
      if (done) announce(done);
      done = undefined;
      if (!job) return;
      // A delivery already sent (by an earlier run) is not claimed, and not sent again.
      if (!claimed.has(job.subscriber.id)) continue;
      await bucket.take();
      inFlight++;
      try {
        const outcome = await attempt(job);
        if (outcome) done = { outcome, job };
      } finally {
        inFlight--;
        wakeAll();
      }
    }
  };

  await Promise.all(Array.from({ length: transport.connections }, () => worker()));
  // Retries still waiting when the run stops are recorded as the temporary failures they are;
  // the next run tries them again.
  const cutRetries = retries.length;
  for (const job of retries.splice(0)) {
    const failure = job.lastFailure;
    void ledger.add({
      kind: 'outcome',
      outcome: {
        subscriberId: job.subscriber.id,
        status: 'failed',
        code: failure?.code ?? null,
        response: failure?.response ?? null,
        permanent: false,
        hardBounce: false,
      },
    });
  }
  await ledger.flush();
  if (fatal) throw fatal;

  const after = deliveryCounts(store, issueId);
  const durationMs = Math.round(performance.now() - started);
  return {
    issue: issueId,
    sentNow,
    failedNow,
    sent: after.sent,
    failed: after.failed,
    pending: after.pending + after.sending,
    failures: listFailures(store, issueId),
    startedAt: startedAt.toISOString(),
    durationMs,
    rate: durationMs > 0 ? Math.round((sentNow / durationMs) * 1000 * 10) / 10 : 0,
    interrupted: Boolean(signal?.aborted) && (after.pending + after.sending > 0 || cutRetries > 0),
  };
}
