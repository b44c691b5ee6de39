import type { Config } from '../config/schema.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { largestHtmlBytes } from '../personalize/index.js';
import { EMPTY_PLAN, fitLayout, type Measured } from '../render/fit.js';
import { compactUrls, layoutOrder, renderIssue, type Templates } from '../render/index.js';
import type { FitReport, Issue, LayoutPlan, RenderedIssue } from '../types.js';
import { displayPath } from '../util/paths.js';
import { newsletterInfo } from './build.js';

/** The email as it goes out, and what fitting it under `size.budget` did. */
export interface FittedRender {
  rendered: RenderedIssue;
  fit: FitReport;
  /** False when the email is over budget all the same (fitting off, or not even moving every article was enough). */
  fits: boolean;
  /** MJML compiles it took. */
  renders: number;
}

/**
 * Steps 5–6: renders the issue and measures its HTML part as sent, for the
 * recipient with the longest fields; over `size.budget` (and `size.fit` on),
 * compacts the lowest full articles, then moves the lowest ones to the web
 * archive, as {@link fitLayout} finds, so no recipient's copy is over budget.
 */
export async function renderFitted(issue: Issue, config: Config, templates: Templates): Promise<FittedRender> {
  const newsletter = newsletterInfo(config);
  const { budget } = config.size;
  const measure = async (plan: LayoutPlan): Promise<Measured<RenderedIssue>> => {
    const rendered = await renderIssue(issue, newsletter, templates, plan);
    return { bytes: largestHtmlBytes(rendered.html, config.newsletter.baseUrl, `email.html of ${issue.id}`), value: rendered };
  };
  if (!config.size.fit) {
    const designed = await measure(EMPTY_PLAN);
    return { rendered: designed.value, fit: { budget, bytes: designed.bytes, compacted: [], moved: [] }, fits: designed.bytes <= budget, renders: 1 };
  }
  // Top to bottom as the email shows them; those past layout.compactAfter are compact already.
  const laidOut = layoutOrder(issue, newsletter);
  const compact = compactUrls(laidOut, newsletter);
  const order = laidOut.map((article) => article.url);
  const found = await fitLayout({ order, full: order.filter((url) => !compact.has(url)), budget, measure });
  return {
    rendered: found.value,
    fit: { budget, bytes: found.bytes, compacted: [...found.plan.compacted], moved: [...found.plan.moved] },
    fits: found.fits,
    renders: found.measurements,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;

/** The error of an email over budget that a build does not send. */
export function overBudgetError(issue: Issue, config: Config, fitted: FittedRender): DigestError {
  const { budget, bytes } = fitted.fit;
  const over = `issue ${issue.id} is ${kb(bytes)} as sent, over "size.budget" (${kb(budget)})`;
  return config.size.fit
    ? new DigestError(ErrorCodes.SIZE_OVER_BUDGET, `${over} even with every article moved to the web archive`, {
        file: displayPath(config.file),
        field: 'size.budget',
        hint: 'the header, editor\'s note and footer alone are over it: raise "size.budget" (Gmail clips at about 102 KB) or shorten them',
      })
    : new DigestError(ErrorCodes.SIZE_OVER_BUDGET, `${over}, and "size.fit" is false`, {
        file: displayPath(config.file),
        field: 'size.budget',
        hint: 'set "size.fit: true" to fit it (the lowest articles compact, then moved to the web archive), raise "size.budget" (Gmail clips at about 102 KB), or cut articles',
      });
}
