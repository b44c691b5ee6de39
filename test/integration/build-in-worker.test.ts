import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { weekWindow } from '../../src/util/week.js';
import { loadConfig } from '../../src/config/load.js';
import { DigestError, ErrorCodes } from '../../src/errors.js';
import { buildInWorker } from '../../src/pipeline/build-in-worker.js';
import { clockFrom } from '../../src/pipeline/clock.js';
import type { PipelineContext } from '../../src/pipeline/index.js';
import { spawnDigest } from '../helpers/spawn.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

describe('building an issue in a worker thread (digest send / run)', () => {
  let ws: Workspace;
  let lines: { level: 'info' | 'warn'; line: string }[];
  let context: PipelineContext;
  beforeEach(() => {
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-streaming', { title: 'Streaming the nightly batch', date: '2026-11-24', author: 'ada' });
    lines = [];
    context = {
      config: loadConfig(undefined, ws.dir),
      clock: clockFrom(new Date('2026-11-30T08:00:00+01:00')),
      env: {},
      log: { info: (line) => lines.push({ level: 'info', line }), warn: (line) => lines.push({ level: 'warn', line }) },
    };
  });
  afterEach(() => ws.remove());

  it('returns the built issue, writes its files and relays its log lines in order', async () => {
    const built = await buildInWorker(context, weekWindow('2026-W48', 'Europe/Berlin'));
    expect(built.issue.articles.map((article) => article.title)).toEqual(['Streaming the nightly batch']);
    expect(built.rendered?.html).toContain('Streaming the nightly batch');
    expect(built.issue.week.start).toBeInstanceOf(Date);
    expect(fs.existsSync(path.join(ws.dataDir, 'issues', '2026-W48', 'compiled.json'))).toBe(true);
    expect(lines[0]).toEqual({ level: 'info', line: expect.stringMatching(/^Issue 2026-W48 \(Nov 23 – 29, 2026\): 1 article, 0 left out, HTML /) });
    expect(lines.at(-1)).toEqual({ level: 'info', line: expect.stringMatching(/^Built .*issues\/2026-W48\/$/) });
  });

  it('brings back a user error whole: its code, file, line and hint', async () => {
    writeArticle(ws, '2026-11-25-untitled', { date: '2026-11-25', author: 'ada' });
    const failure = await buildInWorker(context, weekWindow('2026-W48', 'Europe/Berlin')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DigestError);
    const error = failure as DigestError;
    expect(error.code).toBe(ErrorCodes.FRONT_MATTER_INVALID);
    expect(error.file).toMatch(/content\/articles\/2026-11-25-untitled\.md$/);
    expect(error.line).toBeGreaterThan(0);
    expect(error.hint).toBeTruthy();
    // The stack is the worker's, where the error was raised.
    expect(error.stack).toMatch(/front-matter|articles/);
  });

  it('makes `digest run` fail with one line naming the file, exit 1, no stack (a stack with DEBUG=1)', () => {
    writeSubscribers(ws, ['ana@example.com,Ana']);
    expect(spawnDigest(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir }).code).toBe(0);
    writeArticle(ws, '2026-11-25-untitled', { date: '2026-11-25', author: 'ada' });
    const result = spawnDigest(['run', '--now', '2026-11-30T08:00:00'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/content\/articles\/2026-11-25-untitled\.md:\d+: "title" is required/);
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+\)?$/m);

    const debug = spawnDigest(['run', '--now', '2026-11-30T08:00:00'], { cwd: ws.dir, env: { DEBUG: '1' } });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\bat .+:\d+:\d+\)?$/m);
  });
});
