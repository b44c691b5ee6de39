import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../src/send/group-commit.js';

describe('GroupCommit', () => {
  it('writes everything added in one turn of the event loop as one batch', async () => {
    const batches: number[][] = [];
    const commits = new GroupCommit<number>((items) => batches.push(items));
    await Promise.all([commits.add(1), commits.add(2), commits.add(3)]);
    await commits.add(4);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('resolves a caller only after its item is written', async () => {
    const written: number[] = [];
    const commits = new GroupCommit<number>((items) => written.push(...items));
    const pending = commits.add(7);
    expect(written).toEqual([]);
    await pending;
    expect(written).toEqual([7]);
  });

  it('rejects every caller of a batch whose write failed', async () => {
    const commits = new GroupCommit<number>(() => {
      throw new Error('disk full');
    });
    const results = await Promise.allSettled([commits.add(1), commits.add(2)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });

  it('flush writes what is queued', async () => {
    const batches: number[][] = [];
    const commits = new GroupCommit<number>((items) => batches.push(items));
    void commits.add(1);
    await commits.flush();
    expect(batches).toEqual([[1]]);
  });
});
