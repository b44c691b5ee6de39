import type { Subscriber } from '../types.js';
import type { ClassifiedFailure } from './classify.js';

/** One message to send: a delivery of the ledger, on its first attempt or a retry. */
export interface Job {
  subscriber: Subscriber;
  /** The id the message's Message-ID carries (kept stable across runs by the ledger). */
  messageKey: string;
  /** The sections of the copy this delivery gets (see store/deliveries.ts); null: every section. */
  sectionsKey?: string | null;
  /** 1 for the first attempt of this run. */
  attempt: number;
  /** When a retry may start (epoch ms); 0 for a fresh job. */
  due: number;
  /** The temporary failure that queued this retry. */
  lastFailure?: ClassifiedFailure;
  /** The run's count of server answers when this message first failed. */
  answersAtFirstFailure?: number;
}

/** A delivery still to do, as read from the ledger. */
export interface UnsentRow {
  subscriber: Subscriber;
  messageKey: string;
  sectionsKey?: string | null;
}

/** Reads up to `limit` unsent deliveries with a subscriber id above `afterId`, by id. */
export type PageReader = (afterId: number, limit: number) => UnsentRow[];

/**
 * Retries waiting for their time, earliest first (ties in the order they
 * were queued): a binary heap, so a long list of greylisted recipients costs
 * log n per retry instead of a sort per pick.
 */
export class RetryHeap {
  private readonly items: { job: Job; seq: number }[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(job: Job): void {
    this.items.push({ job, seq: this.seq++ });
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** The earliest retry, left in the heap. */
  peek(): Job | undefined {
    return this.items[0]?.job;
  }

  /** Removes and returns the earliest retry. */
  pop(): Job | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (!top || !last) return undefined;
    if (this.items.length > 0) {
      this.items[0] = last;
      this.siftDown(0);
    }
    return top.job;
  }

  /** Empties the heap, earliest first. */
  drain(): Job[] {
    const jobs: Job[] = [];
    for (let job = this.pop(); job; job = this.pop()) jobs.push(job);
    return jobs;
  }

  private siftDown(start: number): void {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let first = i;
      if (left < this.items.length && this.before(left, first)) first = left;
      if (right < this.items.length && this.before(right, first)) first = right;
      if (first === i) return;
      this.swap(i, first);
      i = first;
    }
  }

  private before(a: number, b: number): boolean {
    const x = this.items[a];
    const y = this.items[b];
    if (!x || !y) return false;
    return x.job.due < y.job.due || (x.job.due === y.job.due && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const x = this.items[a];
    const y = this.items[b];
    if (!x || !y) return;
    this.items[a] = y;
    this.items[b] = x;
  }
}

/**
 * The work of a run: fresh deliveries read from the ledger a page at a time
 * (so memory stays flat at any list size) and the retries waiting for their
 * time. It decides nothing about the server; see {@link ServerGate}.
 */
export class ClaimQueue {
  readonly retries = new RetryHeap();
  private fresh: Job[] = [];
  private afterId = 0;
  private exhausted = false;

  constructor(
    private readonly readPage: PageReader,
    private readonly pageSize: number,
  ) {}

  /** A retry whose time has come at `now`, removed from the queue. */
  dueRetry(now: number): Job | undefined {
    const next = this.retries.peek();
    return next && next.due <= now ? this.retries.pop() : undefined;
  }

  /** When the earliest waiting retry is due (epoch ms), if any is waiting. */
  nextRetryDue(): number | undefined {
    return this.retries.peek()?.due;
  }

  /** Queues a retry. */
  retry(job: Job): void {
    this.retries.push(job);
  }

  /** The next delivery not yet tried in this run, reading the next page when needed. */
  nextFresh(): Job | undefined {
    if (this.fresh.length === 0 && !this.exhausted) {
      const page = this.readPage(this.afterId, this.pageSize);
      const last = page.at(-1);
      if (!last) this.exhausted = true;
      else {
        this.afterId = last.subscriber.id;
        this.fresh = page.map((row) => ({ subscriber: row.subscriber, messageKey: row.messageKey, sectionsKey: row.sectionsKey ?? null, attempt: 1, due: 0 }));
      }
    }
    return this.fresh.shift();
  }
}
