import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns';
import { checkRecord } from '../checks/report.js';
import type { CompiledIssue } from './compile.js';

/** When and how a build was made, for `issue.json`. */
export interface IssueJsonMeta {
  builtAt: Date;
  inProgress: boolean;
}

function localIso(date: Date, timeZone: string): string {
  return formatISO(new TZDate(date, timeZone));
}

/** The machine-readable record of a build (`issue.json`). */
export function issueJson(compiled: CompiledIssue, meta: IssueJsonMeta): Record<string, unknown> {
  const { issue } = compiled;
  return {
    id: issue.id,
    week: { start: localIso(issue.week.start, issue.timezone), end: localIso(issue.week.end, issue.timezone) },
    timezone: issue.timezone,
    dateRange: issue.dateRange,
    subject: compiled.rendered?.subject ?? null,
    builtAt: meta.builtAt.toISOString(),
    inProgress: meta.inProgress,
    htmlBytes: compiled.htmlBytes,
    // What fitting under size.budget did: the URLs shown compact, and those moved to the web archive.
    fit: compiled.fit ? { budget: compiled.fit.budget, bytes: compiled.fit.bytes, compacted: compiled.fit.compacted, moved: compiled.fit.moved } : null,
    articles: issue.articles.map((article) => ({
      title: article.title,
      url: article.url,
      date: localIso(article.date, issue.timezone),
      author: article.authorId ?? null,
      authorName: article.author?.name ?? null,
      summary: article.summary,
      section: article.section ?? null,
      file: article.file,
      featured: article.featured === true,
      late: article.late !== undefined,
      ...(article.late ? { lateReason: article.late.reason } : {}),
    })),
    excluded: issue.excluded.map((entry) => ({ title: entry.title, file: entry.file, reason: entry.reason, ...(entry.reason === 'late' ? { detail: entry.detail } : {}) })),
    checks: compiled.checks.map(checkRecord),
    warnings: compiled.checks.filter((check) => check.severity !== 'info').map((check) => check.message),
  };
}
