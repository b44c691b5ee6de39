import type { Config } from '../config/schema.js';
import type { PersonalizeOptions } from '../personalize/index.js';

/** Personalisation settings derived from the config. */
export function personalizeOptions(config: Config, secret: string): PersonalizeOptions {
  const host = new URL(config.newsletter.baseUrl).hostname;
  const slug = config.newsletter.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'digest';
  return {
    from: config.newsletter.from,
    replyTo: config.newsletter.replyTo,
    baseUrl: config.newsletter.baseUrl,
    listId: `${slug}.${host}`,
    listName: config.newsletter.name,
    secret,
    unsubscribeMailto: config.newsletter.unsubscribeMailto,
  };
}
