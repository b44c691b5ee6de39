import { CONFIG_DEFAULTS } from '../config/defaults.js';
import type { Issue, RenderedIssue } from '../types.js';
import { compileMjml } from './mjml.js';
import type { Templates } from './templates.js';
import { buildViewModel, type NewsletterInfo } from './view-model.js';

export { loadTemplates, type Templates } from './templates.js';
export { subjectOf, type NewsletterInfo } from './view-model.js';

/**
 * Stage entry: renders an issue once — Handlebars to MJML, MJML to HTML, and
 * the text part — leaving recipient placeholders for personalize/.
 */
export async function renderIssue(issue: Issue, newsletter: NewsletterInfo, templates: Templates): Promise<RenderedIssue> {
  const view = buildViewModel(issue, newsletter);
  const mjml = templates.mjml(view);
  const compiled = await compileMjml(mjml, `email.mjml of ${issue.id}`);
  const warnings = [...compiled.warnings];
  const bytes = Buffer.byteLength(compiled.html);
  if (bytes > CONFIG_DEFAULTS.gmailClipBytes) {
    warnings.push(
      `the HTML is ${(bytes / 1024).toFixed(1)} KB, over Gmail's 102 KB clipping limit: Gmail will hide the end of the email (fewer articles, or shorter summaries)`,
    );
  }
  return {
    issueId: issue.id,
    subject: view.issue.subject,
    preheader: view.issue.preheader,
    mjml,
    html: compiled.html,
    text: templates.text(view),
    warnings,
  };
}
