import type { Config } from '../config/schema.js';
import { loadTemplates, type Templates } from '../render/index.js';
import type { Issue, SectionCopy } from '../types.js';
import { inCopy, inSections, sectionsOfKey } from '../util/sections.js';
import { renderFitted } from './fit-step.js';

/** The issue as the readers of one copy see it: only the articles of their sections (and those of none). */
export function issueForCopy(issue: Issue, key: string, configSections: readonly string[] | undefined): Issue {
  return { ...issue, articles: issue.articles.filter((article) => inCopy(article.section, key, configSections)) };
}

/**
 * Renders one copy per key (MJML once per distinct set of sections, never
 * per subscriber), each fitted under `size.budget` like the whole issue. A
 * key whose own sections have no article this week gets an empty copy
 * (`articles: 0`), not rendered: its readers get nothing, even when articles
 * without a section (which reach everyone) were written.
 */
export async function renderSectionCopies(
  config: Config,
  issue: Issue,
  keys: readonly string[],
  templates: Templates = loadTemplates(config.templatesDir),
): Promise<Record<string, SectionCopy>> {
  const copies: Record<string, SectionCopy> = {};
  for (const key of keys) {
    const sections = sectionsOfKey(key, config.sections);
    const subset = issueForCopy(issue, key, config.sections);
    if (!subset.articles.some((article) => inSections(article.section, sections))) {
      copies[key] = { sections, articles: 0, preheader: '', html: '', text: '' };
      continue;
    }
    const { rendered } = await renderFitted(subset, config, templates);
    copies[key] = { sections, articles: subset.articles.length, preheader: rendered.preheader, html: rendered.html, text: rendered.text };
  }
  return copies;
}
