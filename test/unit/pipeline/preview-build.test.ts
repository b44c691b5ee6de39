import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clockFrom } from '../../../src/pipeline/clock.js';
import { createPreviewBuilder, type PreviewBuilder } from '../../../src/pipeline/preview-build.js';
import { createWorkspace, writeArticle, type Workspace } from '../../helpers/workspace.js';

describe('the preview build', () => {
  let ws: Workspace;
  let builder: PreviewBuilder;
  beforeEach(() => {
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-a', { title: 'First title', date: '2026-11-24', author: 'ada' });
    builder = createPreviewBuilder({ configArg: ws.configFile, cwd: ws.dir, clock: clockFrom(new Date('2026-11-26T12:00:00Z')), env: {} });
  });
  afterEach(() => ws.remove());

  it('shares one build of a week per version, and starts a new one after a save', async () => {
    const first = builder.current('2026-W48');
    expect(builder.current('2026-W48')).toBe(first);
    expect((await first).compiled?.rendered?.html).toContain('First title');

    const file = writeArticle(ws, '2026-11-24-a', { title: 'Second title', date: '2026-11-24', author: 'ada' });
    builder.invalidate([file]);
    const second = await builder.current('2026-W48');
    expect(second.version).toBe((await first).version + 1);
    expect(second.compiled?.rendered?.html).toContain('Second title');
  });

  it('says the week is in progress and runs the checks step', async () => {
    writeArticle(ws, '2026-11-25-b', { title: 'No author', date: '2026-11-25', extra: 'url: http://plain.test.example/b' });
    const build = await builder.current('2026-W48');
    expect(build.inProgress).toBe(true);
    expect(build.upcoming).toBe(true);
    expect(build.sentAt).toBeUndefined();
    expect(build.compiled?.checks).toContainEqual(expect.objectContaining({ severity: 'warning', check: 'missing-author', file: 'content/articles/2026-11-25-b.md' }));
    // The checks of the email itself run in the same step.
    expect(build.compiled?.checks).toContainEqual(expect.objectContaining({ severity: 'warning', check: 'link', message: expect.stringContaining('http://plain.test.example/b') }));
  });

  it('reports an invalid file as a problem and an error check, without failing', async () => {
    ws.write('content/articles/2026-11-26-bad.md', '---\ntitle: Bad\ndate: not a date\n---\nBody.\n');
    const build = await builder.current('2026-W48');
    expect(build.problems.length).toBeGreaterThan(0);
    expect(build.compiled?.checks[0]).toMatchObject({ severity: 'error', check: 'invalid-file' });
    expect(build.compiled?.rendered).toBeDefined();
  });

  it('marks the weeks already sent, and when, from their snapshots', async () => {
    ws.write('data/issues/2026-W47/issue.json', JSON.stringify({ id: '2026-W47', sentAt: '2026-11-23T07:00:00.000Z' }));
    ws.write('data/issues/2026-W46/compiled.json', '{}');
    ws.write('data/issues/2026-W46/issue.json', JSON.stringify({ id: '2026-W46' }));
    const sent = await builder.current('2026-W47');
    expect(sent.sentAt).toBe('2026-11-23T07:00:00.000Z');
    expect(sent.sent).toEqual([{ id: '2026-W47', sentAt: '2026-11-23T07:00:00.000Z' }]);
    expect((await builder.current('2026-W46')).sentAt).toBeUndefined();
  });
});
