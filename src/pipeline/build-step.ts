import type { Store } from '../store/db.js';
import type { WeekWindow } from '../types.js';
import { displayPath } from '../util/paths.js';
import { buildIssue, type BuiltIssue } from './build.js';
import { createFeedLoader, storeFeedCache } from './feeds.js';
import type { PipelineContext } from './index.js';
import { resolveSecret } from './secret.js';

/**
 * Builds one week's issue into its folder (feeds through the store's cache)
 * and logs what went in, what was left out and every warning.
 */
export async function buildAndLog(context: PipelineContext, week: WeekWindow, store: Store): Promise<BuiltIssue> {
  const { config, clock, env, log } = context;
  const secret = resolveSecret(env, config.dataDir, { forDelivery: false });
  const loadFeed = createFeedLoader({ cache: storeFeedCache(store), now: () => clock.now() });
  const built = await buildIssue(config, week, { secret: secret.value, store, now: clock.now(), loadFeed });
  const { issue } = built;
  log.info(
    `Issue ${issue.id} (${issue.dateRange}): ${issue.articles.length} article${issue.articles.length === 1 ? '' : 's'}, ${issue.excluded.length} left out${built.rendered ? `, HTML ${(built.htmlBytes / 1024).toFixed(1)} KB` : ''}`,
  );
  for (const warning of [...issue.sourceWarnings, ...issue.warnings, ...(built.rendered?.warnings ?? [])]) log.warn(warning);
  log.info(`Built ${displayPath(built.dir)}/`);
  return built;
}
