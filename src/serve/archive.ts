/**
 * The web archive's page of one issue: the email as sent, plus every article
 * that fitting moved out of it ("N more articles this week" links here), so
 * the archive lists the whole week.
 */
import { escapeHtml } from '../util/html.js';
import type { IssueJson } from '../util/issue-files.js';

/** The anchor of the list of moved articles on an archive page. */
export const MORE_ARTICLES_ID = 'more-articles';

/** An article as issue.json records it, as far as the archive shows it. */
interface RecordedArticle {
  url: string;
  title: string;
  summary?: string;
  authorName?: string | null;
}

function recordedArticles(record: IssueJson | undefined): Map<string, RecordedArticle> {
  const articles = new Map<string, RecordedArticle>();
  for (const entry of record?.articles ?? []) {
    if (typeof entry.url !== 'string') continue;
    const title = typeof entry['title'] === 'string' ? entry['title'] : entry.url;
    const summary = typeof entry['summary'] === 'string' ? entry['summary'] : undefined;
    const authorName = typeof entry['authorName'] === 'string' ? entry['authorName'] : null;
    articles.set(entry.url, { url: entry.url, title, summary, authorName });
  }
  return articles;
}

/** URLs of the articles moved out of the email, from issue.json `fit.moved`. */
export function movedUrls(record: IssueJson | undefined): string[] {
  const fit = record?.['fit'] as { moved?: unknown } | null | undefined;
  return Array.isArray(fit?.moved) ? fit.moved.filter((url): url is string => typeof url === 'string') : [];
}

function articleItem(article: RecordedArticle): string {
  const safeUrl = /^https?:\/\//i.test(article.url) ? article.url : undefined;
  const title = escapeHtml(article.title);
  const heading = safeUrl ? `<a href="${escapeHtml(safeUrl)}" style="color:#0b5cad;font-weight:600;text-decoration:none">${title}</a>` : `<strong>${title}</strong>`;
  const byline = article.authorName ? `<span style="color:#424a53">${escapeHtml(article.authorName)}</span> · ` : '';
  const summary = article.summary ? escapeHtml(article.summary) : '';
  return `<li style="margin:0 0 16px">${heading}<br><span style="color:#424a53">${byline}${summary}</span></li>`;
}

/** The "More articles this week" list of the moved articles, or '' when none was moved. */
export function moreArticlesSection(record: IssueJson | undefined): string {
  const articles = recordedArticles(record);
  const moved = movedUrls(record).map((url) => articles.get(url) ?? { url, title: url });
  if (moved.length === 0) return '';
  return (
    `<div id="${MORE_ARTICLES_ID}" style="max-width:600px;margin:0 auto;padding:24px 16px;background:#ffffff;color:#1f2328;font:16px/1.5 -apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">` +
    `<h2 style="font-size:20px;margin:0 0 16px">More articles this week</h2>` +
    `<ul style="margin:0;padding-left:20px">${moved.map(articleItem).join('')}</ul></div>`
  );
}

/** An archived email with the moved articles listed at its end (before `</body>`). */
export function archivePage(html: string, record: IssueJson | undefined): string {
  const section = moreArticlesSection(record);
  if (!section) return html;
  const end = html.toLowerCase().lastIndexOf('</body>');
  return end < 0 ? html + section : html.slice(0, end) + section + html.slice(end);
}
