import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { noteTextOf, parseIssueFile, readIssueFile } from '../../../src/collect/issue-file.js';
import { parseArticle } from '../../../src/collect/articles.js';
import { ErrorCodes } from '../../../src/errors.js';

const FILE = 'content/issues/2026-W48.md';

/** An issue file whose front matter is `lines` (lines[0] is file line 2) and whose body is `body`. */
function issueFile(lines: string[], body = ''): string {
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

function digestError(fields: Record<string, unknown>): unknown {
  return expect.objectContaining({ name: 'DigestError', ...fields });
}

describe('parseIssueFile', () => {
  it('reads subject, preheader, featured and the note, with the line of featured', () => {
    const parsed = parseIssueFile(
      issueFile(
        ['subject: "Queues, and why we left Redis"', 'preheader: Six stories from the platform team', 'featured: 2026-11-24-moving-our-job-queue'],
        'A **big** week. Read [the handbook](https://handbook.example.com).\n',
      ),
      FILE,
    );
    expect(parsed).toEqual({
      editorial: {
        file: FILE,
        subject: 'Queues, and why we left Redis',
        preheader: 'Six stories from the platform team',
        featured: '2026-11-24-moving-our-job-queue',
        noteHtml: '<p>A <strong>big</strong> week. Read <a href="https://handbook.example.com">the handbook</a>.</p>',
        noteText: 'A big week. Read the handbook (https://handbook.example.com).',
      },
      featuredLine: 4,
    });
  });

  it('leaves out what the file does not set: an empty body is no note', () => {
    expect(parseIssueFile(issueFile(['subject: Hello']), FILE)).toEqual({ editorial: { file: FILE, subject: 'Hello' } });
    expect(parseIssueFile(issueFile(['preheader: Only this'], '\n   \n'), FILE)).toEqual({ editorial: { file: FILE, preheader: 'Only this' } });
  });

  it('trims the subject, and a block scalar that ends in a line break is still one line', () => {
    expect(parseIssueFile(issueFile(['subject: >', '  Folded subject', '']), FILE).editorial.subject).toBe('Folded subject');
    expect(parseIssueFile(issueFile(['subject: "  padded  "']), FILE).editorial.subject).toBe('padded');
  });

  it.each([
    ['an unknown key', ['subject: Hi', 'preheadr: typo'], 3, 'preheadr', /"preheadr" is not a known field/],
    ['a key in another case', ['Subject: Hi'], 2, 'Subject', /"Subject" is not a known field/],
    ['an empty subject', ['subject: ""'], 2, 'subject', /"subject" must not be empty/],
    ['a blank subject', ['subject: "   "'], 2, 'subject', /"subject" must not be empty/],
    ['a subject with a line break', ['subject: |', '  two', '  lines'], 2, 'subject', /"subject" must be one line/],
    ['a subject with an escaped line break', ['subject: "one\\ntwo"'], 2, 'subject', /"subject" must be one line/],
    ['a subject with a Unicode line separator', ['subject: "one\\u2028two"'], 2, 'subject', /"subject" must be one line/],
    ['a subject over 200 characters', [`subject: ${'s'.repeat(201)}`], 2, 'subject', /"subject" must be at most 200 characters/],
    ['a preheader over 250 characters', ['subject: Hi', `preheader: ${'p'.repeat(251)}`], 3, 'preheader', /"preheader" must be at most 250 characters/],
    ['a preheader with a line break', ['preheader: "a\\rb"'], 2, 'preheader', /"preheader" must be one line/],
    ['a subject that is not text', ['subject: [a, b]'], 2, 'subject', /"subject" must be text/],
    ['featured: true (a flag, not a file name)', ['featured: true'], 2, 'featured', /"featured" must be an article's file name/],
    ['an empty featured', ['featured: ""'], 2, 'featured', /"featured" must not be empty/],
  ])('rejects %s, naming the file, line and key', (_, lines, line, field, message) => {
    let thrown: unknown;
    try {
      parseIssueFile(issueFile(lines), FILE);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toEqual(digestError({ code: ErrorCodes.FRONT_MATTER_INVALID, file: FILE, line, field, message: expect.stringMatching(message) }));
    expect((thrown as { hint?: string }).hint).toMatch(/README "Content format"/);
  });

  it('counts characters, not UTF-16 units: 200 emoji are a valid subject', () => {
    expect(parseIssueFile(issueFile([`subject: "${'📬'.repeat(200)}"`]), FILE).editorial.subject).toHaveLength(400);
  });

  it('rejects a file without front matter, naming it', () => {
    expect(() => parseIssueFile('Just a note.\n', FILE)).toThrow(expect.objectContaining({ file: FILE, message: 'has no front matter' }));
  });

  it('sanitises the note: no scripts, event handlers, javascript: links or images reach the email', () => {
    const { editorial } = parseIssueFile(
      issueFile(
        ['subject: Hi'],
        [
          'Hello <script>alert(1)</script><b onclick="steal()">there</b>.',
          '',
          '[click](javascript:alert(1)) ![tracker](https://evil.example/p.gif) <img src=x onerror=alert(1)>',
          '',
          '# A heading',
        ].join('\n'),
      ),
      FILE,
    );
    expect(editorial.noteHtml).not.toMatch(/script|onclick|onerror|javascript:|<img|evil\.example|<h1/i);
    expect(editorial.noteHtml).toContain('<b>there</b>');
    expect(editorial.noteHtml).toContain('<p>A heading</p>');
  });

  it('does not treat an issue file as an article: it has no title or date', () => {
    const text = issueFile(['subject: Hi']);
    expect(() => parseArticle(text, FILE, { timeZone: 'UTC', baseUrl: 'https://x.example', authorIds: new Set() })).toThrow();
    expect(parseIssueFile(text, FILE).editorial.subject).toBe('Hi');
  });
});

describe('noteTextOf', () => {
  it.each([
    ['paragraphs', '<p>One.</p>\n<p>Two.</p>', 'One.\n\nTwo.'],
    ['a list', '<p>This week:</p><ul><li>queues</li><li><em>dark</em> mode</li></ul>', 'This week:\n\n- queues\n- dark mode'],
    ['an ordered list', '<ol><li>first</li><li>second</li></ol>', '1. first\n2. second'],
    ['a quote', '<blockquote><p>Ship it.</p><p>Then measure.</p></blockquote>', '> Ship it.\n>\n> Then measure.'],
    ['a link whose words are its address', '<p><a href="https://x.example">https://x.example</a></p>', 'https://x.example'],
    ['a mailto link', '<p>Write to <a href="mailto:ed@x.example">ed@x.example</a> or <a href="mailto:ed@x.example">us</a>.</p>', 'Write to ed@x.example or us (ed@x.example).'],
    ['a line break', '<p>one<br>two</p>', 'one\ntwo'],
    ['entities', '<p>Fish &amp; chips &lt;3</p>', 'Fish & chips <3'],
  ])('%s', (_, html, text) => {
    expect(noteTextOf(html)).toBe(text);
  });
});

describe('readIssueFile', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  function contentDir(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-issue-file-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }

  it('is nothing when there is no issues/ folder or no file for the week', () => {
    expect(readIssueFile(contentDir({ 'articles/a.md': 'x' }), '2026-W48')).toEqual({ warnings: [] });
    expect(readIssueFile(contentDir({ 'issues/2026-W47.md': issueFile(['subject: Last week']) }), '2026-W48')).toEqual({ warnings: [] });
  });

  it("reads the week's file and names it relative to the root", () => {
    const dir = contentDir({ 'issues/2026-W48.md': issueFile(['subject: This week']), 'issues/2026-W47.md': issueFile(['subject: Last week']) });
    expect(readIssueFile(dir, '2026-W48', { root: dir })).toEqual({
      file: { editorial: { file: path.join('issues', '2026-W48.md'), subject: 'This week' } },
      warnings: [],
    });
  });

  it.each([
    ['2026-w48.md', '2026-W48.md'],
    ['2026W48.md', '2026-W48.md'],
    ['2026-W7.md', '2026-W07.md'],
    ['week-48.md', '2026-W48.md'],
  ])('warns about %s, which no week reads, suggesting %s', (name, suggestion) => {
    const dir = contentDir({ [`issues/${name}`]: issueFile(['subject: Misnamed']) });
    const result = readIssueFile(dir, '2026-W48', { root: dir });
    expect(result.file).toBeUndefined();
    expect(result.warnings).toEqual([`${path.join('issues', name)}: not named after a week, so no issue uses it — name issue files YYYY-Www.md, e.g. ${suggestion}`]);
  });

  it('throws for an invalid file of the week, and an unreadable one is CONTENT_UNREADABLE', () => {
    const dir = contentDir({ 'issues/2026-W48.md': issueFile(['subjet: typo']) });
    expect(() => readIssueFile(dir, '2026-W48', { root: dir })).toThrow(expect.objectContaining({ code: ErrorCodes.FRONT_MATTER_INVALID, line: 2 }));
    const latin1 = contentDir({});
    fs.mkdirSync(path.join(latin1, 'issues'));
    fs.writeFileSync(path.join(latin1, 'issues', '2026-W48.md'), Buffer.from('---\nsubject: Caf\xe9\n---\n', 'latin1'));
    expect(() => readIssueFile(latin1, '2026-W48', { root: latin1 })).toThrow(expect.objectContaining({ code: ErrorCodes.CONTENT_UNREADABLE, line: 2 }));
  });
});
