import type { Store } from '../store/db.js';
import { pageUnsentDeliveries } from '../store/deliveries.js';
import { countSentSince, writeLedger, type DeliveryOutcome } from '../store/ledger.js';
import { classifyFailure, backoffDelay, type ClassifiedFailure } from './classify.js';
import { ClaimQueue, type Job } from './claim-queue.js';
import { DailyCap } from './daily-cap.js';
import type { DeliverOptions, DeliveryEvent } from './deliver.js';
import { FatalSendError } from './fatal.js';
import { GroupCommit } from './group-commit.js';
import { TokenBucket } from './rate-limit.js';
import { ServerGate } from './server-gate.js';

/** One write to the ledger, grouped with others into a transaction. */
type LedgerWrite = { kind: 'claim'; subscriberId: number } | { kind: 'outcome'; outcome: DeliveryOutcome };

/** What the claims of one group commit did. */
interface Claims {
  claimed: Set<number>;
  skipped: Set<number>;
}

/** An outcome not yet written, with the job it ends. */
interface Done {
  outcome: DeliveryOutcome;
  job: Job;
}

const DEFAULT_PAGE_SIZE = 500;

/** Counts of one run, as its workers leave them. */
export interface RunCounts {
  sentNow: number;
  failedNow: number;
  skippedNow: number;
  /** Retries still waiting when the run stopped (recorded as the temporary failures they are). */
  cutRetries: number;
}

/**
 * One delivery run: `connections` workers that each take a job (a due retry,
 * else the next fresh delivery unless the {@link ServerGate} holds fresh
 * ones), wait for the {@link DailyCap} and the rate limit, claim it in the
 * ledger, send it and record the outcome with their next claim.
 */
export class DeliveryRun {
  private readonly ledger: GroupCommit<LedgerWrite, Claims>;
  private readonly queue: ClaimQueue;
  private readonly gate: ServerGate;
  private readonly cap: DailyCap;
  private readonly bucket: TokenBucket;
  private readonly waiters: (() => void)[] = [];
  private inFlight = 0;
  private fatal: FatalSendError | undefined;
  private readonly counts: RunCounts = { sentNow: 0, failedNow: 0, skippedNow: 0, cutRetries: 0 };

  constructor(
    private readonly options: DeliverOptions,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  ) {
    const { store, issueId, clock, policy } = options;
    // Claims and outcomes of every connection share one transaction per turn of the event loop:
    // SQLite commits synchronously (one disk sync each), so fewer commits is more throughput.
    this.ledger = new GroupCommit<LedgerWrite, Claims>((writes) => this.writeBatch(store, writes));
    this.queue = new ClaimQueue(
      (afterId, limit) => pageUnsentDeliveries(store, issueId, afterId, limit),
      options.pageSize ?? DEFAULT_PAGE_SIZE,
    );
    this.gate = new ServerGate((change) => this.emit(change));
    this.cap = new DailyCap({
      cap: policy.dailyCap,
      clock,
      startOfDay: policy.startOfDay,
      nextDay: policy.nextDay,
      countSentSince: (since) => countSentSince(store, since),
      sleep,
      onPause: ({ until, sentToday }) => this.emit({ type: 'paused', reason: 'daily cap', until, sentToday }),
      onResume: () => this.emit({ type: 'resumed' }),
    });
    this.bucket = new TokenBucket(policy.rate);
  }

  /** Runs every worker to the end; throws the {@link FatalSendError} that stopped the run, if one did. */
  async run(connections: number): Promise<RunCounts> {
    await Promise.all(Array.from({ length: connections }, () => this.worker()));
    this.recordCutRetries();
    await this.ledger.flush();
    if (this.fatal) throw this.fatal;
    return this.counts;
  }

  private get stopped(): boolean {
    return Boolean(this.options.signal?.aborted) || this.fatal !== undefined;
  }

  private emit(event: DeliveryEvent): void {
    this.options.onEvent?.(event);
  }

  private writeBatch(store: Store, writes: LedgerWrite[]): Claims {
    const claims = writes.flatMap((write) => (write.kind === 'claim' ? [write.subscriberId] : []));
    const outcomes = writes.flatMap((write) => (write.kind === 'outcome' ? [write.outcome] : []));
    const { options } = this;
    const result = writeLedger(store, options.issueId, { claims, outcomes }, options.clock.now(), options.policy.bounceThreshold);
    return { claimed: new Set(result.claimed), skipped: new Set(result.skipped) };
  }

  private async worker(): Promise<void> {
    let done: Done | undefined;
    for (;;) {
      await this.cap.wait(this.options.signal);
      let job = this.readyJob();
      if (!job) {
        // About to wait: write the last outcome first rather than keep it in doubt.
        if (done) {
          await this.ledger.add({ kind: 'outcome', outcome: done.outcome });
          this.announce(done);
        }
        done = undefined;
        job = await this.nextJob();
      }
      const writes: LedgerWrite[] = [];
      if (done) writes.push({ kind: 'outcome', outcome: done.outcome });
      if (job) writes.push({ kind: 'claim', subscriberId: job.subscriber.id });
      const claims = writes.length > 0 ? await this.ledger.add(...writes) : undefined;
      if (done) this.announce(done);
      done = undefined;
      if (!job) return;
      if (claims?.skipped.has(job.subscriber.id)) this.announceSkipped(job);
      // A delivery already sent (by an earlier run) or skipped is not claimed, and not sent.
      if (!claims?.claimed.has(job.subscriber.id)) continue;
      await this.bucket.take();
      this.inFlight++;
      try {
        const outcome = await this.attempt(job);
        if (outcome) done = { outcome, job };
      } finally {
        this.inFlight--;
        this.wakeAll();
      }
    }
  }

  /** A job that can start now: a retry that is due, else the next fresh one unless the gate holds them. */
  private readyJob(): Job | undefined {
    if (this.stopped) return undefined;
    const retry = this.queue.dueRetry(this.options.clock.now().getTime());
    if (retry) return retry;
    if (this.gate.holdsFresh(this.queue.retries.size > 0 || this.inFlight > 0)) return undefined;
    return this.queue.nextFresh();
  }

  /** Waits for a job: the next retry's time, or a message in flight that may still need a retry. */
  private async nextJob(): Promise<Job | undefined> {
    for (;;) {
      if (this.stopped) return undefined;
      const job = this.readyJob();
      if (job) return job;
      const due = this.queue.nextRetryDue();
      if (due !== undefined) await this.sleep(due - this.options.clock.now().getTime(), this.options.signal);
      else if (this.inFlight > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
      else return undefined;
    }
  }

  private wakeAll(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Sends one message: the outcome to record, or nothing when a retry was queued or the run must stop. */
  private async attempt(job: Job): Promise<DeliveryOutcome | undefined> {
    const { subscriber } = job;
    const { transport } = this.options;
    const message = this.options.messageFor(subscriber, { messageKey: job.messageKey, sectionsKey: job.sectionsKey ?? null });
    try {
      const result = job.attempt === 1 ? await transport.send(message) : await transport.sendFresh(message);
      this.cap.recordSent();
      this.gate.accepted();
      return { subscriberId: subscriber.id, status: 'sent', messageId: result.messageId, response: result.response };
    } catch (error) {
      return this.failed(job, classifyFailure(error), error);
    }
  }

  private async failed(job: Job, failure: ClassifiedFailure, error: unknown): Promise<DeliveryOutcome | undefined> {
    const { policy, clock } = this.options;
    const { subscriber } = job;
    if (failure.kind === 'fatal') {
      this.fatal ??= new FatalSendError(failure, 'refused', error);
      return undefined;
    }
    this.gate.failed(failure);
    const answersAtFirstFailure = job.answersAtFirstFailure ?? this.gate.answers;
    if (failure.kind === 'temporary' && job.attempt <= policy.retries) {
      const delayMs = backoffDelay(job.attempt, policy.retryDelayMs, policy.maxRetryDelayMs);
      const due = clock.now().getTime() + delayMs;
      this.queue.retry({ ...job, attempt: job.attempt + 1, due, lastFailure: failure, answersAtFirstFailure });
      this.emit({ type: 'retry', email: subscriber.email, code: failure.code, response: failure.response, attempt: job.attempt, delayMs });
      return undefined;
    }
    // Every attempt, on fresh connections over the whole backoff, failed to reach the server, it
    // answered nobody else meanwhile, and a bare connection fails too: stop instead of failing
    // the rest of the list.
    if (await this.gate.unreachable(failure, answersAtFirstFailure, () => this.serverReachable())) {
      this.fatal ??= new FatalSendError(failure, 'unreachable', error);
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

  /** Whether a bare connection (greeting and login, no message) gets an answer from the server. */
  private serverReachable(): Promise<boolean> {
    return this.options.transport.verify().then(
      () => true,
      (error: unknown) => !classifyFailure(error).connectionLost,
    );
  }

  /** Counts and reports an outcome once it is written. */
  private announce({ outcome, job }: Done): void {
    const { email } = job.subscriber;
    if (outcome.status === 'sent') {
      this.counts.sentNow++;
      this.emit({ type: 'sent', email, response: outcome.response ?? '', attempt: job.attempt });
      return;
    }
    this.counts.failedNow++;
    this.emit({
      type: 'failed',
      email,
      code: outcome.code ?? '',
      response: outcome.response ?? '',
      permanent: outcome.permanent,
      bounced: outcome.hardBounce,
    });
  }

  private announceSkipped(job: Job): void {
    this.counts.skippedNow++;
    this.emit({ type: 'skipped', email: job.subscriber.email });
  }

  /** Retries still waiting when the run stops are recorded as temporary failures; the next run tries them again. */
  private recordCutRetries(): void {
    const cut = this.queue.retries.drain();
    this.counts.cutRetries = cut.length;
    for (const job of cut) {
      const failure = job.lastFailure;
      void this.ledger.add({
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
  }
}
