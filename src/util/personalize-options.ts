import type { Config } from '../config/schema.js';
import type { PersonalizeOptions } from '../personalize/index.js';

/**
 * The list id the config describes: `newsletter.listId` when set, else one
 * derived from the newsletter's name and the baseUrl host. Tokens are bound
 * to the list id stored at first use (see {@link listIdentity}), so later
 * config changes do not break links already sent.
 */
export function configListId(config: Config): string {
  if (config.newsletter.listId) return config.newsletter.listId;
  const host = new URL(config.newsletter.baseUrl).hostname;
  const slug = config.newsletter.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'digest';
  return `${slug}.${host}`;
}

/** Which list id new links are signed with, and which ones links are accepted for. */
export interface ListIdentity {
  current: string;
  accepted: string[];
}

/**
 * The list identity given the list id stored at first use: a configured
 * `newsletter.listId` signs new links when set; links signed with the stored
 * id keep verifying either way.
 */
export function listIdentity(config: Config, stored: string): ListIdentity {
  const current = config.newsletter.listId ?? stored;
  return { current, accepted: [...new Set([current, stored])] };
}

/**
 * Personalisation settings derived from the config; `listId` is the one
 * stored at first use (the config's own when not given, e.g. in previews).
 */
export function personalizeOptions(config: Config, secret: string, listId: string = configListId(config)): PersonalizeOptions {
  return {
    from: config.newsletter.from,
    replyTo: config.newsletter.replyTo,
    baseUrl: config.newsletter.baseUrl,
    listId,
    listName: config.newsletter.name,
    secret,
    unsubscribeMailto: config.newsletter.unsubscribeMailto,
    feedbackId: config.newsletter.feedbackId,
    bounceAddress: config.bounces.address,
  };
}
