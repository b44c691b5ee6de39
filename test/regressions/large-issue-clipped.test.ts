import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { compileIssue, type CompiledIssue } from '../../src/pipeline/compile.js';
import { weekWindow } from '../../src/util/week.js';
import { writeBigWeek } from '../fixtures/big-week.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

// A 60-article week came out at 104–110 KB: the build warned, then sent it,
// and Gmail clipped it, the footer and the unsubscribe link past the cut.
describe('a 60-article week', () => {
  let ws: Workspace;
  let compiled: CompiledIssue;
  let urls: string[];

  beforeAll(async () => {
    ws = createWorkspace();
    urls = writeBigWeek(ws, 60);
    const config = loadConfig(undefined, ws.dir);
    compiled = await compileIssue(config, weekWindow('2026-W48', config.timezone), { secret: 'regression-secret-0123456789', now: new Date('2026-11-30T08:00:00Z') });
  }, 60_000);

  afterAll(() => ws?.remove());

  it('is fitted within size.budget for the longest recipient, footer and unsubscribe link inside', () => {
    expect(compiled.fit?.budget).toBe(95 * 1024);
    expect(compiled.fit?.bytes).toBeLessThanOrEqual(95 * 1024);
    expect(compiled.htmlBytes).toBeLessThanOrEqual(compiled.fit?.bytes ?? 0);
    expect(compiled.sampleHtml).toMatch(/href="https:\/\/news\.test\.example\/unsubscribe\/[^"]+"/);
    expect(compiled.checks.filter((check) => check.check === 'size' && check.severity !== 'info')).toEqual([]);
  });

  it('keeps every article it does not show in full reachable: shown compact, or moved to the archive', () => {
    const html = compiled.sampleHtml ?? '';
    const moved = new Set(compiled.fit?.moved);
    for (const url of urls) expect(moved.has(url) || html.includes(`href="${url}"`), url).toBe(true);
  });
});
