import { afterEach, describe, expect, it } from 'vitest';
import { clockFrom } from '../../../src/pipeline/clock.js';
import { PreviewSession } from '../../../src/preview/session.js';
import { writeBigWeek } from '../../fixtures/big-week.js';
import { createWorkspace, type Workspace } from '../../helpers/workspace.js';

const CLOCK = clockFrom(new Date('2026-11-30T08:00:00Z'));

describe('the preview on a week over its size budget', () => {
  let ws: Workspace | undefined;
  afterEach(() => ws?.remove());

  it('shows the fitted email, what was compacted and moved, and a note for each in the checks', async () => {
    ws = createWorkspace({ extraConfig: 'size:\n  budget: 20KB\nlayout:\n  compactAfter: 4\n' });
    const urls = writeBigWeek(ws, 20);
    const snapshot = await new PreviewSession(ws.configFile, ws.dir, CLOCK, {}).snapshot('2026-W48');
    expect(snapshot.fit?.budget).toBe(20 * 1024);
    expect(snapshot.fit?.bytes).toBeLessThanOrEqual(20 * 1024);
    expect(snapshot.fit?.moved.length).toBeGreaterThan(0);
    for (const url of snapshot.fit?.moved ?? []) expect(snapshot.html).not.toContain(`href="${url}"`);
    expect(urls).toEqual(expect.arrayContaining(snapshot.fit?.compacted ?? []));
    const notes = snapshot.checks.filter((check) => check.check === 'size').map((check) => `${check.severity}: ${check.message}`);
    expect(notes).toEqual([
      expect.stringMatching(/^info: to stay within "size\.budget" \(20 KB\), \d+ articles? shown compact: "/),
      expect.stringMatching(new RegExp(`^info: to stay within "size\\.budget" \\(20 KB\\), ${snapshot.fit?.moved.length} articles moved to the web archive`)),
    ]);
  });

  it('with size.fit false, shows the email as designed with the size as an error, without failing', async () => {
    ws = createWorkspace({ extraConfig: 'size:\n  budget: 20KB\n  fit: false\n' });
    writeBigWeek(ws, 20);
    const snapshot = await new PreviewSession(ws.configFile, ws.dir, CLOCK, {}).snapshot('2026-W48');
    expect(snapshot.html).toContain('</html>');
    expect(snapshot.fit).toMatchObject({ budget: 20 * 1024, compacted: [], moved: [] });
    expect(snapshot.checks[0]).toMatchObject({ severity: 'error', check: 'size' });
    expect(snapshot.checks[0]?.message).toContain('over "size.budget" (20 KB) and "size.fit" is false');
  });
});
