import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openStore, type Store } from '../../../src/store/db.js';

/** The fixed clock of the store tests. */
export const NOW = new Date('2026-11-30T08:00:00.000Z');

/**
 * Registers cleanup and returns a factory for temp data directories; every
 * store opened through it is closed and its directory removed after each test.
 */
export function useTempStores(): { dir: () => string; open: (dataDir?: string) => Store } {
  const dirs: string[] = [];
  const stores: Store[] = [];
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const dir = (): string => {
    const created = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-store-'));
    dirs.push(created);
    return created;
  };
  const open = (dataDir: string = dir()): Store => {
    const store = openStore(dataDir);
    stores.push(store);
    return store;
  };
  return { dir, open };
}
