import type { Issue, LayoutPlan, RenderedIssue } from '../types.js';
import { compileMjml } from './mjml.js';
import type { Templates } from './templates.js';
import { buildViewModel, type NewsletterInfo } from './view-model.js';
import { wordsFor } from './words.js';

export { loadTemplates, type Templates } from './templates.js';
export { subjectOf, preheaderOf, type NewsletterInfo } from './view-model.js';
export { layoutOrder, layoutOf, compactUrls, DEFAULT_COMPACT_AFTER, type LayoutOptions } from './layout.js';

/**
 * Stage entry: renders an issue once — Handlebars to MJML, MJML to HTML, and
 * the text part — leaving recipient placeholders for personalize/. A size
 * `plan` shows its `compacted` articles compact and leaves its `moved` ones
 * out of the HTML behind one "N more articles" link (the text part keeps them).
 */
export async function renderIssue(
  issue: Issue,
  newsletter: NewsletterInfo,
  templates: Templates,
  plan?: LayoutPlan,
): Promise<RenderedIssue> {
  const words = wordsFor(templates.locales, newsletter.language ?? 'en');
  const view = buildViewModel(issue, newsletter, { words, plan });
  const mjml = templates.mjml(view);
  const compiled = await compileMjml(mjml, `email.mjml of ${issue.id}`);
  // The size against the budget is a check of the pipeline, made on the sample email.
  const warnings = [...compiled.warnings];
  return {
    issueId: issue.id,
    subject: view.issue.subject,
    preheader: view.issue.preheader,
    mjml,
    html: compiled.html,
    text: templates.text(view),
    warnings,
    greetingFallback: words.greetingFallback ?? 'there',
    archiveRecipient: words.archiveRecipient ?? 'your address',
  };
}
