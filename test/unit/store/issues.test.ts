import { describe, expect, it } from 'vitest';
import { getIssue, getIssueReport, saveIssue, saveIssueReport } from '../../../src/store/issues.js';
import { NOW, useTempStores } from './temp-store.js';

const temp = useTempStores();
const LATER = new Date('2026-12-01T09:30:00.000Z');
const week = {
  id: '2026-W48',
  weekStart: new Date('2026-11-22T23:00:00.000Z'),
  weekEnd: new Date('2026-11-29T23:00:00.000Z'),
  subject: 'The week in review',
  articleCount: 5,
  htmlBytes: 48_213,
};

describe('issues', () => {
  it('saves an issue and reads it back with dates, built at `now`', () => {
    const store = temp.open();
    saveIssue(store, week, NOW);
    expect(getIssue(store, '2026-W48')).toEqual({ ...week, builtAt: NOW });
    expect(getIssue(store, '2026-W47')).toBeUndefined();
  });

  it('a rebuild updates the issue and keeps the last send report', () => {
    const store = temp.open();
    saveIssue(store, week, NOW);
    saveIssueReport(store, '2026-W48', { sent: 3, failed: 0 });

    saveIssue(store, { ...week, subject: 'Fixed typo', articleCount: 6, htmlBytes: 50_000 }, LATER);

    expect(getIssue(store, '2026-W48')).toEqual({
      ...week,
      subject: 'Fixed typo',
      articleCount: 6,
      htmlBytes: 50_000,
      builtAt: LATER,
    });
    expect(store.db.prepare('SELECT count(*) AS n FROM issues').get()).toEqual({ n: 1 });
    expect(getIssueReport(store, '2026-W48')).toEqual({ sent: 3, failed: 0 });
  });

  it('stores the report as JSON and replaces it on the next save', () => {
    const store = temp.open();
    saveIssue(store, week, NOW);
    expect(getIssueReport(store, '2026-W48')).toBeUndefined();

    saveIssueReport(store, '2026-W48', { sent: 1, failures: [{ email: 'a@example.com', code: '550' }] });
    saveIssueReport(store, '2026-W48', { sent: 2, failures: [] });

    expect(getIssueReport(store, '2026-W48')).toEqual({ sent: 2, failures: [] });
    expect(store.db.prepare('SELECT report FROM issues').pluck().get()).toBe('{"sent":2,"failures":[]}');
  });

  it('refuses a report for an issue that was never built', () => {
    const store = temp.open();
    expect(() => saveIssueReport(store, '2026-W01', {})).toThrowError(
      expect.objectContaining({ code: 'ISSUE_NOT_BUILT', message: 'issue 2026-W01 has not been built' }),
    );
    expect(getIssueReport(store, '2026-W01')).toBeUndefined();
  });
});
