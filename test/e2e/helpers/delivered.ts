/**
 * Issues as a subscriber receives them: built and sent by `digest run` over
 * real SMTP to the in-process sink, the HTML part taken from the parsed
 * message. Two weeks: the bundled sample and a generated 30-article week.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/util/paths.js';
import { runCli } from '../../helpers/cli.js';
import { startSmtpSink } from '../../helpers/smtp-sink.js';
import { createWorkspace, writeArticle } from '../../helpers/workspace.js';
import { png } from '../../fixtures/media/images.js';

/** The Monday after 2026-W48: the run that sends that week. */
export const NOW = '2026-11-30T08:00:00';
const SECRET = 'e2e-email-secret-0123456789abcdef';

/** A delivered issue: the decoded HTML part, its articles, and where its images were published. */
export interface DeliveredIssue {
  label: string;
  html: string;
  articles: { title: string; url: string }[];
  baseUrl: string;
  mediaDir: string;
  dir: string;
}

/** Imports one subscriber, runs the weekly job into an SMTP sink, returns the message as received. */
async function deliver(label: string, dir: string, baseUrl: string): Promise<DeliveredIssue> {
  fs.writeFileSync(path.join(dir, 'e2e-subscribers.csv'), 'email,name\nreader@example.com,Alex Reader\n');
  const sink = await startSmtpSink();
  try {
    const env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
    const imported = await runCli(['subscribers', 'import', 'e2e-subscribers.csv'], { cwd: dir, env });
    expect(imported.code, imported.stderr).toBe(0);
    const run = await runCli(['run', '--now', NOW], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(0);
    expect(sink.messages).toHaveLength(1);
    const html = sink.messages[0]?.parsed.html;
    if (typeof html !== 'string') throw new Error('the message has no HTML part');
    const issue = JSON.parse(fs.readFileSync(path.join(dataDirOf(dir), 'issues', '2026-W48', 'issue.json'), 'utf8')) as { articles: { title: string; url: string }[] };
    return { label, html, articles: issue.articles, baseUrl, mediaDir: path.join(dataDirOf(dir), 'media'), dir };
  } finally {
    await sink.close();
  }
}

function dataDirOf(dir: string): string {
  return fs.existsSync(path.join(dir, '.digest')) ? path.join(dir, '.digest') : path.join(dir, 'data');
}

/** The bundled sample newsletter (content/ and digest.config.yaml), week 2026-W48. */
export async function deliverSample(): Promise<DeliveredIssue> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-e2e-sample-'));
  fs.cpSync(path.join(PACKAGE_ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
  fs.copyFileSync(path.join(PACKAGE_ROOT, 'digest.config.yaml'), path.join(dir, 'digest.config.yaml'));
  return deliver('the sample week', dir, 'https://fieldnotes.northwind.example');
}

const SECTIONS = ['Engineering', 'Data', 'Design', 'Frontend', undefined];
const AUTHORS: [string, string][] = [
  ['ada', 'Ada Park'],
  ['lin', 'Lin Osei'],
  ['mo', 'Mo Quist'],
  ['ren', 'Ren Ito'],
  ['sol', 'Sol Varga'],
];

/** A generated week of `count` articles by five authors in four sections, every third with a local lead image. */
export async function deliverGeneratedWeek(count: number): Promise<DeliveredIssue> {
  const ws = createWorkspace();
  fs.mkdirSync(path.join(ws.dir, 'content', 'images'), { recursive: true });
  fs.writeFileSync(path.join(ws.dir, 'content', 'images', 'lead.png'), png(1200, 600));
  fs.writeFileSync(path.join(ws.dir, 'content', 'images', 'face.png'), png(160, 160));
  for (const [id, name] of AUTHORS.slice(2)) {
    ws.write(`content/authors/${id}.md`, `---\nname: ${name}\nrole: Engineer\navatar: ../images/face.png\n---\n${name} writes about systems. They also run the reading group.\n`);
  }
  for (let i = 0; i < count; i++) {
    const day = 23 + (i % 7);
    const hour = String(8 + (i % 10)).padStart(2, '0');
    const section = SECTIONS[i % SECTIONS.length];
    writeArticle(ws, `2026-11-${day}-article-${i + 1}`, {
      title: `Article ${i + 1}: what we learned moving service ${i + 1} to the new platform`,
      date: `2026-11-${day}T${hour}:${String(i % 60).padStart(2, '0')}`,
      author: AUTHORS[i % AUTHORS.length]?.[0],
      ...(section ? { section } : {}),
      extra: i % 3 === 0 ? 'image: ../images/lead.png\nimageAlt: A lead image' : undefined,
      body: `Service ${i + 1} moved to the new platform in two weeks. Latency fell by a third and the pager went quiet. We wrote down what surprised us, in order.\n\nThe rest of the post walks through the migration.`,
    });
  }
  return deliver(`a ${count}-article week`, ws.dir, 'https://news.test.example');
}
