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
  // The size against Gmail's clipping limit is a check of the pipeline (checks/), made on the sample email.
  const warnings = [...compiled.warnings];
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
