import { describe, expect, it } from 'vitest';
import { checkRecord, checksSummary, countChecks, formatCheck, runChecks, type Check, type ChecksInput } from '../../../src/checks/index.js';
import type { Issue } from '../../../src/types.js';
import { makeArticle, makeIssue, NOOR } from '../../fixtures/unit/issue.js';

const CLIP = 102 * 1024;
const INPUT: ChecksInput = {
  maxSummaryLength: 280,
  contentDir: '/site/content',
  rootDir: '/site',
  htmlBytes: 20_000,
  clipBytes: CLIP,
  exists: () => false,
  renderWarnings: [],
};

function issueWith(extra: Partial<Issue> = {}): Issue {
  const article = makeArticle('a', 'A', '2026-11-24T09:00:00Z', { file: 'content/articles/a.md', author: NOOR, body: 'Fine [a](https://e.com).' });
  return { ...makeIssue([article]), ...extra };
}

describe('runChecks', () => {
  it('finds nothing in a clean issue', () => {
    expect(runChecks(issueWith(), INPUT)).toEqual([]);
  });

  it('notes each late article with the week it missed, as information rather than a warning', () => {
    const late = {
      ...makeArticle('l', 'Late one', '2026-11-18T09:00:00Z', { file: 'content/articles/l.md', author: NOOR, body: 'Fine.' }),
      late: { week: '2026-W47', sentAt: new Date('2026-11-23T07:00:00Z'), reason: 'late: its week 2026-W47 was sent on 2026-11-23 08:00 (Europe/Berlin)' },
    };
    const issue = issueWith();
    const checks = runChecks({ ...issue, articles: [...issue.articles, late] }, INPUT);
    expect(checks).toEqual([
      {
        severity: 'info',
        check: 'late',
        file: 'content/articles/l.md',
        message: '"Late one": late: its week 2026-W47 was sent on 2026-11-23 08:00 (Europe/Berlin); it goes out in this issue',
      },
    ]);
  });

  it('gathers problems, sources, collect warnings, content checks and render warnings, errors first', () => {
    const issue = issueWith({ sourceWarnings: ['feed "X" is down'], warnings: ['content/old.md: a draft with an unknown author'] });
    const checks = runChecks(issue, {
      ...INPUT,
      htmlBytes: Math.ceil(CLIP * 0.95),
      renderWarnings: ['mj-column: unknown attribute'],
      problems: [{ file: 'content/articles/b.md', line: 3, message: '"date" is not a date', hint: 'write it as 2026-11-24' }],
    });
    expect(checks.map((check) => [check.severity, check.check])).toEqual([
      ['error', 'invalid-file'],
      ['warning', 'source'],
      ['warning', 'content'],
      ['warning', 'render'],
      ['info', 'size'],
    ]);
    expect(checks[0]).toEqual({
      severity: 'error',
      check: 'invalid-file',
      file: 'content/articles/b.md',
      line: 3,
      message: '"date" is not a date: write it as 2026-11-24',
    });
  });
});

describe('how checks are reported', () => {
  const alt: Check = { severity: 'warning', check: 'missing-alt', file: 'content/articles/a.md', line: 12, message: 'image has no alt text' };
  const source: Check = { severity: 'warning', check: 'source', message: 'feed "X" is down' };
  const note: Check = { severity: 'info', check: 'size', message: 'close to the limit' };
  const error: Check = { severity: 'error', check: 'invalid-file', file: 'content/b.md', message: 'no date' };

  it.each([
    [[], 'Checks: 0 warnings'],
    [[alt], 'Checks: 1 warning'],
    [[alt, source, note], 'Checks: 2 warnings, 1 note'],
    [[error, alt, note, note], 'Checks: 1 error, 1 warning, 2 notes'],
  ])('%j counts as %s', (checks, line) => {
    expect(checksSummary(checks)).toBe(line);
  });

  it('counts by severity', () => {
    expect(countChecks([alt, source, note, error])).toEqual({ error: 1, warning: 2, info: 1 });
  });

  it.each([
    [alt, 'content/articles/a.md:12: image has no alt text [missing-alt]'],
    [source, 'feed "X" is down [source]'],
    [error, 'content/b.md: no date [invalid-file]'],
  ])('formats %j', (check, line) => {
    expect(formatCheck(check)).toBe(line);
  });

  it.each([
    [alt, { severity: 'warning', check: 'missing-alt', file: 'content/articles/a.md', message: 'image has no alt text (line 12)' }],
    [source, { severity: 'warning', check: 'source', message: 'feed "X" is down' }],
    [error, { severity: 'error', check: 'invalid-file', file: 'content/b.md', message: 'no date' }],
  ])('records %j in issue.json as the contract shape', (check, record) => {
    expect(checkRecord(check)).toEqual(record);
  });
});
