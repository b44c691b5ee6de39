/**
 * Client support from caniemail's data (through @jsx-email/doiuse-email):
 * which HTML and CSS features of the email the configured clients do not
 * support. Features MJML puts in every email (found in the skeleton compiled
 * from the same components) are noted as MJML's, with its fallbacks; the
 * template's own are warnings naming the feature, the clients and the
 * template files that write it.
 */
import { DoIUseEmail } from '@jsx-email/doiuse-email';
import { clientLabel } from '../util/email-clients.js';
import type { Check } from './check.js';

/** What the check reads. */
export interface ClientSupportInput {
  /** The email's HTML. */
  html: string;
  /** HTML compiled from the MJML skeleton of the same email (see mjml-skeleton.ts). */
  skeletonHtml: string;
  /** caniemail client names, config `check.clients`. */
  clients: readonly string[];
  /** Template files as shown to the editor, with their text, to say where a feature comes from. */
  templateFiles: readonly { file: string; text: string }[];
  /**
   * Features the template uses knowingly, by caniemail title (any case), each
   * with how the email copes where it is missing (`templates/fallbacks.json`):
   * noted, not warned about, so a new unsupported feature stands out.
   */
  fallbacks?: Readonly<Record<string, string>>;
}

/** How well a client supports a feature. */
type Support = 'none' | 'partial';

/** Features with the clients that lack them, by feature title (e.g. "`border-radius`", "`<svg>` element"). */
export type FeatureSupport = Map<string, Map<string, Support>>;

const FINDING = /^`(.+)` is (not|only partially) supported by `(.+)`$/;

/**
 * caniemail's findings for an HTML document. A feature caniemail has no data
 * for on one client is left out for that client instead of failing the check.
 */
export function unsupportedFeatures(html: string, clients: readonly string[]): FeatureSupport {
  const found: FeatureSupport = new Map();
  // The library validates names against a list without Outlook.com; the clients are set directly instead.
  const checker = new ClientChecker({ emailClients: ['gmail.*'] });
  checker.emailClients = [...clients] as typeof checker.emailClients;
  const result = checker.check(html);
  for (const message of [...('errors' in result ? result.errors : []), ...result.warnings]) {
    const match = FINDING.exec(message);
    if (!match?.[1] || !match[3]) continue;
    const byClient = found.get(match[1]) ?? new Map<string, Support>();
    if (byClient.get(match[3]) !== 'none') byClient.set(match[3], match[2] === 'not' ? 'none' : 'partial');
    found.set(match[1], byClient);
  }
  return found;
}

/** DoIUseEmail asking one client at a time, so a feature a client has no data for is skipped for that client only. */
class ClientChecker extends DoIUseEmail {
  override checkFeaturesSupport(featureTitles: string | string[]): void {
    const clients = this.emailClients;
    try {
      for (const title of [featureTitles].flat()) {
        for (const client of clients) {
          this.emailClients = [client];
          try {
            super.checkFeaturesSupport(title);
          } catch (error) {
            // "Feature `x` not found on `client`": caniemail has no data for it; nothing to report.
            if (!(error instanceof Error && /not found on/.test(error.message))) throw error;
          }
        }
      }
    } finally {
      this.emailClients = clients;
    }
  }
}

/** The text to look for in templates for a feature: "<svg> element" → "<svg", "aria-label attribute" → "aria-label", "display:none". */
export function featureNeedle(title: string): string | undefined {
  const name = title.replace(/\s+(element|attribute|keyword|property)$/i, '').trim();
  const element = /^<([a-z0-9-]+)>$/i.exec(name);
  if (element) return `<${element[1]}`;
  // Titles such as "Descendant combinator" name no text of their own.
  return /\s/.test(name) ? undefined : name.toLowerCase();
}

/** Whether a template's text writes the feature (an attribute or CSS property, `:` spacing ignored). */
function writes(text: string, needle: string): boolean {
  return text.toLowerCase().replace(/\s*:\s*/g, ':').includes(needle);
}

function clientsText(clients: Iterable<string>): string {
  return [...clients].map(clientLabel).join(', ');
}

/** The client-support check. */
export function checkClientSupport(input: ClientSupportInput): Check[] {
  const email = unsupportedFeatures(input.html, input.clients);
  const mjml = unsupportedFeatures(input.skeletonHtml, input.clients);
  const checks: Check[] = [];
  const fromMjml: string[] = [];
  const partial: string[] = [];
  const handled: string[] = [];
  const fallbacks = new Map(Object.entries(input.fallbacks ?? {}).map(([feature, how]) => [feature.toLowerCase(), how]));
  for (const [feature, byClient] of email) {
    if (mjml.has(feature)) {
      fromMjml.push(feature);
      continue;
    }
    const fallback = fallbacks.get(feature.toLowerCase());
    if (fallback !== undefined) {
      handled.push(`${feature} (${fallback})`);
      continue;
    }
    const none = [...byClient].filter(([, support]) => support === 'none').map(([client]) => client);
    const partly = [...byClient].filter(([, support]) => support === 'partial').map(([client]) => client);
    const needle = featureNeedle(feature);
    const files = needle ? input.templateFiles.filter((template) => writes(template.text, needle)).map((template) => template.file) : [];
    const where = files.length > 0 ? ` (in ${files.join(', ')})` : '';
    if (none.length > 0) {
      const check: Check = {
        severity: 'warning', check: 'client-support',
        message: `"${feature}" from the template${where} is not supported by ${clientsText(none)}${partly.length ? ` and only partly by ${clientsText(partly)}` : ''}: make sure the email still reads right without it`,
      };
      if (files.length === 1 && files[0]) check.file = files[0];
      checks.push(check);
    } else {
      partial.push(`${feature}${where} (${clientsText(partly)})`);
    }
  }
  if (partial.length > 0) {
    checks.push({ severity: 'info', check: 'client-support', message: `only partly supported, from the template (see caniemail.com for the details): ${partial.join('; ')}` });
  }
  if (handled.length > 0) {
    checks.push({ severity: 'info', check: 'client-support', message: `not supported everywhere, with a fallback the template declares: ${handled.join('; ')}` });
  }
  if (fromMjml.length > 0) {
    checks.push({ severity: 'info', check: 'client-support', message: `from MJML: ${fromMjml.join(', ')} are not (fully) supported by some of the clients; MJML's markup has its own fallbacks for them` });
  }
  return checks;
}
