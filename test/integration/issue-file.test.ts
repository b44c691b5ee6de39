import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { startPublicServer, type PublicServer } from '../../src/serve/index.js';
import { openStore, type Store } from '../../src/store/db.js';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const SECRET = 'issue-file-secret-0123456789abcdef';
const NOW = '2026-11-30T08:00:00';
// Non-ASCII, quotes, an ampersand and a colon: the header is encoded, the archive page escapes it.
const SUBJECT = 'Redis → Postgres: “the whole story” & on-call notes';
const PREHEADER = 'Why we moved 40 million jobs a day, and what broke';
const NOTE_WORDS = 'A quieter week for releases';

function issueJson(ws: Workspace): { subject: string; articles: { file: string; featured: boolean }[]; excluded: { file: string }[]; warnings: string[] } {
  return JSON.parse(ws.read('data/issues/2026-W48/issue.json')) as ReturnType<typeof issueJson>;
}

describe("the issue file's subject is the delivered Subject, and every place that shows the subject agrees", () => {
  let sink: SmtpSink;
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ws = createWorkspace();
    env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
    writeArticle(ws, '2026-11-24-queues', { title: 'Moving our job queue to Postgres', date: '2026-11-24T09:30', author: 'ada', extra: 'featured: true' });
    writeArticle(ws, '2026-11-26-oncall', { title: 'On-call notes', date: '2026-11-26', author: 'lin' });
    ws.write(
      'content/issues/2026-W48.md',
      [
        '---',
        `subject: ${JSON.stringify(SUBJECT)}`,
        `preheader: ${JSON.stringify(PREHEADER)}`,
        'featured: 2026-11-26-oncall',
        '---',
        `${NOTE_WORDS}, and a big one for the platform team: read [the handbook](https://handbook.test.example/queues).`,
        '',
      ].join('\n'),
    );
    writeSubscribers(ws, ['ana@example.com,Ana', 'bo@example.com,']);
    const imported = await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env });
    expect(imported.code, imported.stderr).toBe(0);
  });

  afterAll(async () => {
    await sink?.close();
    ws?.remove();
  });

  it('digest build prints it and writes it to issue.json; the issue file picks the lead story over front matter', async () => {
    const result = await runCli(['build', '--week', '2026-W48', '--now', NOW], { cwd: ws.dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Subject: ${SUBJECT} (from content/issues/2026-W48.md)`);
    const record = issueJson(ws);
    expect(record.subject).toBe(SUBJECT);
    expect(record.articles.map((article) => [article.file, article.featured])).toEqual([
      ['content/articles/2026-11-24-queues.md', false],
      ['content/articles/2026-11-26-oncall.md', true],
    ]);
    expect(record.warnings.filter((warning) => /featured|issues\//.test(warning))).toEqual([]);
    // The issue file is no article: nothing from issues/ is in the issue or left out of it.
    expect(JSON.stringify(record)).not.toMatch(/"file":"content\/issues\//);
  });

  it('send --test delivers it with the [TEST] mark', async () => {
    const result = await runCli(['send', '--test', 'editor@example.com', '--week', '2026-W48', '--now', NOW], { cwd: ws.dir, env });
    expect(result.code, result.stderr).toBe(0);
    const test = sink.messages.find((message) => message.envelopeTo.includes('editor@example.com'));
    expect(test?.parsed.subject).toBe(`[TEST] ${SUBJECT}`);
  });

  it('every subscriber receives it as the Subject, with the preheader and the note in the HTML and text parts', async () => {
    const result = await runCli(['run', '--now', NOW], { cwd: ws.dir, env });
    expect(result.code, result.stderr).toBe(0);
    const delivered = sink.messages.filter((message) => !message.envelopeTo.includes('editor@example.com'));
    expect(delivered.map((message) => message.envelopeTo[0]).sort()).toEqual(['ana@example.com', 'bo@example.com']);
    for (const { parsed, raw } of delivered) {
      expect(parsed.subject).toBe(SUBJECT);
      // Encoded as RFC 2047 words: the raw header is ASCII.
      expect(/^Subject: (.*)$/m.exec(raw)?.[1]).toMatch(/^[\x20-\x7e]+$/);
      expect(parsed.html).toContain(PREHEADER);
      // The lead story comes first, though the other article is older and says "featured: true" itself.
      const html = String(parsed.html);
      expect(html.indexOf('On-call notes')).toBeGreaterThan(-1);
      expect(html.indexOf('On-call notes')).toBeLessThan(html.indexOf('Moving our job queue to Postgres'));
      expect(parsed.html).toContain(NOTE_WORDS);
      expect(parsed.html).toContain('href="https://handbook.test.example/queues"');
      // The text part wraps lines at 72 characters.
      expect(String(parsed.text).replace(/\s+/g, ' ')).toContain(`${NOTE_WORDS}, and a big one for the platform team: read the handbook (https://handbook.test.example/queues).`);
    }
  });

  it('the web archive lists the sent issue under it', async () => {
    const config = loadConfig(undefined, ws.dir);
    const store: Store = openStore(config.dataDir);
    let server: PublicServer | undefined;
    try {
      server = await startPublicServer({ config, store, secret: SECRET, clock: { now: () => new Date('2026-11-30T09:00:00Z') }, host: '127.0.0.1', port: 0, requestsPerMinute: 1000 });
      const html = await (await fetch(new URL('/archive', server.url))).text();
      expect(html).toContain('Redis → Postgres: “the whole story” &amp; on-call notes');
    } finally {
      await server?.close();
      store.close();
    }
  });

  it('a featured value naming no article is a build warning naming the file and the value, not a failure', async () => {
    ws.write('content/issues/2026-W48.md', `---\nsubject: ${JSON.stringify(SUBJECT)}\nfeatured: 2026-11-26-oncal\n---\n`);
    const result = await runCli(['build', '--week', '2026-W48', '--now', NOW], { cwd: ws.dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('content/issues/2026-W48.md:3: "featured" names "2026-11-26-oncal", which is no article of this issue');
    // The issue was sent, so the build is a preview copy; its record says the same.
    const record = JSON.parse(ws.read('data/previews/2026-W48/issue.json')) as ReturnType<typeof issueJson>;
    expect(record.warnings.some((warning) => warning.includes('"featured" names "2026-11-26-oncal"'))).toBe(true);
    // Front matter decides instead.
    expect(record.articles.filter((article) => article.featured).map((article) => article.file)).toEqual(['content/articles/2026-11-24-queues.md']);
  });

  it('a subject of the longest allowed length arrives whole, in header lines no longer than RFC 5322 allows', async () => {
    const long = `${'Ünïcödé and plain words, '.repeat(8)}`.slice(0, 200);
    ws.write('content/issues/2026-W48.md', `---\nsubject: ${JSON.stringify(long)}\n---\n`);
    const result = await runCli(['send', '--test', 'long@example.com', '--week', '2026-W48', '--now', NOW], { cwd: ws.dir, env });
    expect(result.code, result.stderr).toBe(0);
    const message = sink.messages.find((candidate) => candidate.envelopeTo.includes('long@example.com'));
    expect(message?.parsed.subject).toBe(`[TEST] ${long.trim()}`);
    const head = message?.raw.split(/\r?\n\r?\n/)[0] ?? '';
    for (const line of head.split(/\r?\n/)) expect(line.length).toBeLessThanOrEqual(998);
  });

  it('an invalid issue file stops the build with the file, line and key', async () => {
    ws.write('content/issues/2026-W48.md', '---\nsubject: Fine\nsubjcet: typo\n---\n');
    const result = await runCli(['build', '--week', '2026-W48', '--now', NOW], { cwd: ws.dir, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: content\/issues\/2026-W48\.md:3: "subjcet" is not a known field \(check its spelling\) — see README "Content format"/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
