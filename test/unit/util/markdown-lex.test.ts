import { describe, expect, it } from 'vitest';
import { checkIssue } from '../../../src/checks/content.js';
import { summarizeText } from '../../../src/summarize/index.js';
import type { Issue, IssueArticle } from '../../../src/types.js';
import { lexMarkdown, sharedLexer } from '../../../src/util/markdown-lex.js';

const BODY = [
  'The queue moved to Postgres this week. It now survives restarts, and retries no longer pile up.',
  '',
  '![](chart.png)',
  '',
  '- Workers poll with SKIP LOCKED.',
  '- Dead letters go to [their own table](../notes/dead-letters.md).',
  '',
  '> Nothing was lost in the move.',
].join('\n');

describe('sharedLexer', () => {
  it('lexes a text once and hands every reader the same tokens, equal to a fresh lexing', () => {
    const lex = sharedLexer();
    const first = lex(BODY);
    expect(lex(BODY)).toBe(first);
    expect(first).toEqual(lexMarkdown(BODY));
    expect(lex('Other text.')).not.toBe(first);
  });

  it('leaves the summary and the content checks as they are without it', () => {
    const lex = sharedLexer();
    expect(summarizeText(BODY, { maxLength: 200, lex })).toBe(summarizeText(BODY, { maxLength: 200 }));
    const article = { file: 'content/articles/a.md', url: 'https://x.example/a', title: 'A', body: BODY, summary: 'S', author: { id: 'a' } } as unknown as IssueArticle;
    const issue = { articles: [article] } as unknown as Issue;
    const context = { maxSummaryLength: 300, contentDir: '/c', rootDir: '/', htmlBytes: 1, clipBytes: 100_000, exists: () => false };
    const shared = checkIssue(issue, { ...context, lex });
    expect(shared).toEqual(checkIssue(issue, context));
    expect(shared.map((found) => found.check)).toEqual(expect.arrayContaining(['missing-alt', 'broken-link']));
  });
});
