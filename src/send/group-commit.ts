/**
 * Batches writes from concurrent senders into one transaction per turn of
 * the event loop: each caller's promise resolves, with the write's result,
 * once its items are durably written; one disk sync covers every connection.
 */
export class GroupCommit<T, R = void> {
  private pending: T[] = [];
  private scheduled?: Promise<R>;

  constructor(private readonly write: (items: T[]) => R) {}

  /** Queues items; resolves with the batch's result when written (rejects if the write failed). */
  add(...items: T[]): Promise<R> {
    this.pending.push(...items);
    this.scheduled ??= new Promise<R>((resolve, reject) => {
      setImmediate(() => {
        this.scheduled = undefined;
        try {
          resolve(this.writeNow());
        } catch (error) {
          reject(error);
        }
      });
    });
    return this.scheduled;
  }

  /** Writes whatever is queued now. */
  async flush(): Promise<void> {
    await this.scheduled;
    if (this.pending.length > 0) this.writeNow();
  }

  private writeNow(): R {
    const items = this.pending;
    this.pending = [];
    return this.write(items);
  }
}
