import { describe, expect, it } from 'vitest';
import { checkSize } from '../../../src/checks/size.js';

const CLIP = 102 * 1024;

describe('checkSize against size.budget', () => {
  const BUDGET = 95 * 1024;
  const report = (bytes: number, compacted: string[] = [], moved: string[] = []) => ({ budget: BUDGET, bytes, compacted, moved });
  const titles = new Map([
    ['https://e.com/a', 'Alpha'],
    ['https://e.com/b', 'Beta'],
    ['https://e.com/c', 'Gamma'],
  ]);

  it('is an error over budget with size.fit off, naming both keys', () => {
    const [check, ...rest] = checkSize(0, CLIP, { budget: BUDGET, fit: false, report: report(BUDGET + 1) });
    expect(rest).toEqual([]);
    expect(check?.severity).toBe('error');
    expect(check?.message).toContain('over "size.budget" (95 KB)');
    expect(check?.message).toContain('"size.fit" is false');
  });

  it('is an error when fitting could not get under budget', () => {
    const checks = checkSize(0, CLIP, { budget: BUDGET, fit: true, report: report(BUDGET + 10, [], ['https://e.com/a']) }, titles);
    expect(checks.map((check) => check.severity)).toEqual(['error', 'info']);
    expect(checks[0]?.message).toContain('even with every article moved to the web archive');
  });

  it('notes each article compacted and moved, by title, and nothing else', () => {
    const checks = checkSize(0, CLIP, { budget: BUDGET, fit: true, report: report(BUDGET - 5, ['https://e.com/a'], ['https://e.com/b', 'https://e.com/c']) }, titles);
    expect(checks).toEqual([
      { severity: 'info', check: 'size', message: 'to stay within "size.budget" (95 KB), 1 article shown compact: "Alpha"' },
      { severity: 'info', check: 'size', message: 'to stay within "size.budget" (95 KB), 2 articles moved to the web archive ("2 more articles this week"): "Beta", "Gamma"' },
    ]);
  });

  it('says nothing for an email within budget that needed nothing, or that was not rendered', () => {
    expect(checkSize(0, CLIP, { budget: BUDGET, fit: true, report: report(BUDGET) })).toEqual([]);
    expect(checkSize(0, CLIP, { budget: BUDGET, fit: true, report: report(0) })).toEqual([]);
    expect(checkSize(0, CLIP, { budget: BUDGET, fit: true })).toEqual([]);
  });

  it('notes an email close to budget only when fitting is off', () => {
    expect(checkSize(0, CLIP, { budget: BUDGET, fit: false, report: report(BUDGET - 100) }).map((check) => check.severity)).toEqual(['info']);
    expect(checkSize(0, CLIP, { budget: BUDGET, fit: true, report: report(BUDGET - 100) })).toEqual([]);
  });

  it('warns when a budget above Gmail\'s limit lets the email be clipped', () => {
    const checks = checkSize(0, CLIP, { budget: 200 * 1024, fit: true, report: { ...report(CLIP + 1), budget: 200 * 1024 } });
    expect(checks.map((check) => check.severity)).toEqual(['warning']);
    expect(checks[0]?.message).toContain("Gmail's 102 KB clipping limit");
  });
});
