import { describe, expect, it } from 'vitest';
import { ClaimQueue, RetryHeap, type Job, type UnsentRow } from '../../../src/send/claim-queue.js';

const row = (id: number): UnsentRow => ({
  subscriber: { id, uid: `uid-${id}`, email: `user${id}@example.com`, name: null, status: 'active' },
  messageKey: `key-${id}`,
});
const job = (id: number, due: number): Job => ({ ...row(id), attempt: 2, due });

/** A ledger of `ids`, paged by id as the store pages it; records each read. */
function ledger(ids: number[]) {
  const reads: [number, number][] = [];
  const readPage = (afterId: number, limit: number) => {
    reads.push([afterId, limit]);
    return ids.filter((id) => id > afterId).slice(0, limit).map(row);
  };
  return { readPage, reads };
}

function drainFresh(queue: ClaimQueue): number[] {
  const ids: number[] = [];
  for (let next = queue.nextFresh(); next; next = queue.nextFresh()) ids.push(next.subscriber.id);
  return ids;
}

describe('ClaimQueue', () => {
  it.each([1, 2, 3, 10])('pages of %d give every delivery once, in id order, as first attempts', (pageSize) => {
    const { readPage } = ledger([2, 3, 5, 8, 13]);
    const queue = new ClaimQueue(readPage, pageSize);
    const first = queue.nextFresh();
    expect(first).toEqual({ ...row(2), sectionsKey: null, attempt: 1, due: 0 });
    expect([2, ...drainFresh(queue)]).toEqual([2, 3, 5, 8, 13]);
  });

  it('reads the next page only when the current one is used up, after the last id, and stops at an empty page', () => {
    const { readPage, reads } = ledger([1, 2, 3, 4, 5]);
    const queue = new ClaimQueue(readPage, 2);
    queue.nextFresh();
    expect(reads).toEqual([[0, 2]]);
    queue.nextFresh();
    queue.nextFresh();
    expect(reads).toEqual([
      [0, 2],
      [2, 2],
    ]);
    drainFresh(queue);
    expect(queue.nextFresh()).toBeUndefined();
    expect(reads).toEqual([
      [0, 2],
      [2, 2],
      [4, 2],
      [5, 2],
    ]);
  });

  it('hands out a retry only once it is due, earliest first', () => {
    const queue = new ClaimQueue(ledger([]).readPage, 10);
    queue.retry(job(1, 300));
    queue.retry(job(2, 100));
    queue.retry(job(3, 200));
    expect(queue.nextRetryDue()).toBe(100);
    expect(queue.dueRetry(99)).toBeUndefined();
    expect(queue.dueRetry(100)?.subscriber.id).toBe(2);
    expect(queue.dueRetry(250)?.subscriber.id).toBe(3);
    expect(queue.dueRetry(250)).toBeUndefined();
    expect(queue.nextRetryDue()).toBe(300);
    expect(queue.dueRetry(1000)?.subscriber.id).toBe(1);
    expect(queue.nextRetryDue()).toBeUndefined();
  });
});

describe('RetryHeap', () => {
  it('pops in order of due time, ties in the order they were pushed', () => {
    const heap = new RetryHeap();
    const dues = [50, 10, 30, 10, 90, 30, 0, 10];
    dues.forEach((due, i) => heap.push(job(i + 1, due)));
    expect(heap.size).toBe(dues.length);
    expect(heap.peek()?.subscriber.id).toBe(7);
    expect(heap.drain().map((j) => [j.due, j.subscriber.id])).toEqual([
      [0, 7],
      [10, 2],
      [10, 4],
      [10, 8],
      [30, 3],
      [30, 6],
      [50, 1],
      [90, 5],
    ]);
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBeUndefined();
  });

  it('stays ordered when pushes and pops interleave (1,000 pseudo-random operations)', () => {
    const heap = new RetryHeap();
    const model: Job[] = [];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 1000; i++) {
      if (random() < 0.6 || model.length === 0) {
        const next = job(i, Math.floor(random() * 50));
        heap.push(next);
        model.push(next);
      } else {
        // The model: the earliest due, and among equals the first pushed (a stable sort).
        model.sort((a, b) => a.due - b.due);
        expect(heap.pop()).toBe(model.shift());
      }
    }
    model.sort((a, b) => a.due - b.due);
    expect(heap.drain()).toEqual(model);
  });
});
