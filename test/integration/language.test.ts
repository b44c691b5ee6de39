import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

const NOW = '2026-11-30T08:00:00';
let ws: Workspace | undefined;
afterEach(() => ws?.remove());

/** Builds week 2026-W48 of a two-article workspace whose newsletter is in `language`. */
async function buildIn(language: string): Promise<{ html: string; text: string; record: { subject: string; dateRange: string; warnings: string[] }; compiled: { greetingFallback?: string } }> {
  ws = createWorkspace();
  ws.write('digest.config.yaml', ws.read('digest.config.yaml').replace('  name: Test Weekly\n', `  name: Test Weekly\n  language: ${language}\n`));
  writeArticle(ws, '2026-11-24-queues', { title: 'Queues in Postgres', date: '2026-11-24T09:30', author: 'ada' });
  writeArticle(ws, '2026-11-26-oncall', { title: 'On-call notes', date: '2026-11-26', author: 'lin' });
  const result = await runCli(['build', '--week', '2026-W48', '--now', NOW], { cwd: ws.dir });
  expect(result.code, result.stderr).toBe(0);
  return {
    html: ws.read('data/issues/2026-W48/email.html'),
    text: ws.read('data/issues/2026-W48/email.txt'),
    record: JSON.parse(ws.read('data/issues/2026-W48/issue.json')) as { subject: string; dateRange: string; warnings: string[] },
    compiled: JSON.parse(ws.read('data/issues/2026-W48/compiled.json')) as { greetingFallback?: string },
  };
}

describe('newsletter.language dates the email and words it in the language', () => {
  it.each([
    ['de', '23.–29. Nov. 2026', 'Di., 24. Nov.', 'Abbestellen', 'zusammen'],
    ['fr', '23–29 nov. 2026', 'mar. 24 nov.', 'Se désabonner', 'à tous'],
    ['es', '23–29 nov 2026', 'mar, 24 nov', 'Cancelar suscripción', 'a todos'],
  ])('%s: the week reads %j, an article %j, the footer %j, a reader without a name is greeted %j', async (language, range, day, unsubscribe, fallback) => {
    const { html, text, record, compiled } = await buildIn(language);
    expect(compiled.greetingFallback).toBe(fallback);
    expect(record.dateRange).toBe(range);
    expect(record.subject).toBe(`Test Weekly · ${range}`);
    expect(html).toMatch(new RegExp(`<html[^>]* lang="${language}"`));
    for (const part of [html, text]) {
      expect(part).toContain(range);
      expect(part).toContain(day);
      expect(part).toContain(unsubscribe);
    }
    expect(html).not.toContain('Nov 23 – 29, 2026');
    expect(record.warnings.filter((warning) => warning.includes('newsletter.language'))).toEqual([]);
  });

  it('keeps English dates, with a warning naming the key, for a language date-fns has no locale for', async () => {
    const { record } = await buildIn('tlh');
    expect(record.dateRange).toBe('Nov 23 – 29, 2026');
    expect(record.warnings).toContain('newsletter.language "tlh": no date format for this language; dates are shown in English');
  });
});
