import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/schema.js';
import type { CompiledIssue } from '../../../src/pipeline/compile.js';
import { issueJson } from '../../../src/pipeline/issue-json.js';
import { writeIssueFiles, writeSendSnapshot, type BuiltIssue } from '../../../src/pipeline/write-issue.js';
import type { RenderedIssue } from '../../../src/types.js';
import { listSentIssues, readIssueJson, readIssueSnapshot, writeFileAtomic } from '../../../src/util/issue-files.js';
import { makeArticle, makeIssue, NOOR } from '../../fixtures/unit/issue.js';

function built(title: string): BuiltIssue & { rendered: RenderedIssue } {
  const made = compiled(title);
  const record = issueJson(made, { builtAt: new Date('2026-11-30T06:00:00Z'), inProgress: false });
  return { ...made, dir: '', previewCopy: false, inProgress: false, record };
}

function compiled(title: string): CompiledIssue & { rendered: RenderedIssue } {
  const issue = makeIssue([makeArticle('a', title, '2026-11-24T09:00:00Z', { file: 'content/articles/a.md', author: NOOR })]);
  const rendered: RenderedIssue = { issueId: issue.id, subject: title, preheader: '', mjml: `<mjml>${title}</mjml>`, html: `<p>${title}</p>`, text: title, warnings: [] };
  return {
    issue,
    rendered,
    sampleHtml: `<p>${title}</p>`,
    sampleText: title,
    htmlBytes: 12,
    checks: [{ severity: 'warning', check: 'missing-alt', file: 'content/articles/a.md', line: 7, message: 'image has no alt text' }],
    problems: [],
  };
}

describe('issue files', () => {
  let dataDir: string;
  let config: Config;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-files-'));
    config = { dataDir } as Config;
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const dir = () => path.join(dataDir, 'issues', '2026-W48');
  const files = () => Object.fromEntries(fs.readdirSync(dir()).map((name) => [name, fs.readFileSync(path.join(dir(), name), 'utf8')]));

  it('writes the snapshot at the first send, with sentAt, and never again', () => {
    const sentAt = new Date('2026-11-30T07:00:00Z');
    const snapshot = writeSendSnapshot(config, built('First'), sentAt);
    expect(snapshot.sentAt).toBe('2026-11-30T07:00:00.000Z');
    expect(snapshot.rendered.subject).toBe('First');
    const written = files();
    expect(Object.keys(written).sort()).toEqual(['compiled.json', 'email.html', 'email.mjml', 'email.txt', 'issue.json']);

    const again = writeSendSnapshot(config, built('Second'), new Date('2026-11-30T09:00:00Z'));
    expect(again.sentAt).toBe('2026-11-30T07:00:00.000Z');
    expect(files()).toEqual(written);
    expect(readIssueSnapshot(config, '2026-W48')?.rendered.subject).toBe('First');
  });

  it('a build before the first send is no snapshot, and is replaced by it', () => {
    writeIssueFiles(dir(), compiled('Built'), issueJson(compiled('Built'), { builtAt: new Date('2026-11-29T10:00:00Z'), inProgress: true }));
    expect(readIssueSnapshot(config, '2026-W48')).toBeUndefined();
    expect(readIssueJson(config, '2026-W48')).toMatchObject({ id: '2026-W48', inProgress: true });
    expect(readIssueJson(config, '2026-W48')?.sentAt).toBeUndefined();
    writeSendSnapshot(config, built('Sent'), new Date('2026-11-30T07:00:00Z'));
    expect(readIssueSnapshot(config, '2026-W48')?.rendered.subject).toBe('Sent');
    expect(listSentIssues(config)).toEqual([{ id: '2026-W48', sentAt: '2026-11-30T07:00:00.000Z' }]);
  });

  it('leaves no temporary file behind', () => {
    fs.mkdirSync(dir(), { recursive: true });
    writeFileAtomic(path.join(dir(), 'email.txt'), 'one');
    writeFileAtomic(path.join(dir(), 'email.txt'), 'two');
    expect(fs.readdirSync(dir())).toEqual(['email.txt']);
    expect(fs.readFileSync(path.join(dir(), 'email.txt'), 'utf8')).toBe('two');
  });

  it('reads an issue that was never built as undefined, and a damaged issue.json as an error naming it', () => {
    expect(readIssueJson(config, '2026-W47')).toBeUndefined();
    fs.mkdirSync(dir(), { recursive: true });
    fs.writeFileSync(path.join(dir(), 'issue.json'), '{ "id": ');
    expect(() => readIssueJson(config, '2026-W48')).toThrow(/cannot read issue\.json/);
  });

  it('records the checks in the contract shape', () => {
    const record = issueJson(compiled('A'), { builtAt: new Date('2026-11-30T07:00:00Z'), inProgress: false });
    expect(record.checks).toEqual([{ severity: 'warning', check: 'missing-alt', file: 'content/articles/a.md', message: 'image has no alt text (line 7)' }]);
    expect(record).not.toHaveProperty('sentAt');
  });
});
