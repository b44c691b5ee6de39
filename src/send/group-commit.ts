/**
 * Batches writes from concurrent senders into one transaction per turn of
 * the event loop: each caller's promise resolves once its item is durably
 * written, and one disk sync covers every connection's outcome.
 */
export class GroupCommit<T> {
  private pending: T[] = [];
  private scheduled?: Promise<void>;

  constructor(private readonly write: (items: T[]) => void) {}

  /** Queues `item`; resolves when it has been written (rejects if the write failed). */
  add(item: T): Promise<void> {
    this.pending.push(item);
    this.scheduled ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.scheduled = undefined;
        try {
          this.writeNow();
          resolve();
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
    this.writeNow();
  }

  private writeNow(): void {
    const items = this.pending;
    this.pending = [];
    if (items.length > 0) this.write(items);
  }
}
