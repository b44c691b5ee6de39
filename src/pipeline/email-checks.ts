/**
 * The checks of the sample reader's email: the fast ones every build runs,
 * and the thorough ones of `digest check` and the preview, for which this
 * composes the sample message as sent (signed when DKIM is configured), the
 * MJML skeleton and the template files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkEmail, type SampleEmail } from '../checks/email.js';
import type { ThoroughInput } from '../checks/email-thorough.js';
import { mjmlSkeleton } from '../checks/mjml-skeleton.js';
import { scoreMessage } from '../checks/spamassassin.js';
import type { Check } from '../checks/check.js';
import type { Config } from '../config/schema.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { displayPath } from '../util/paths.js';
import type { Personalizer } from '../personalize/index.js';
import { compileMjml } from '../render/mjml.js';
import { composeMessage } from '../send/compose.js';
import { createDkimSigner, dkimPublicRecord } from '../send/dkim.js';
import type { RenderedIssue } from '../types.js';
import { SAMPLE_SUBSCRIBER } from './build.js';
import { dkimSettings } from './policy.js';

/** Which of the slower checks to run. */
export interface ThoroughOptions {
  /** Fetch every link of the email. */
  online?: boolean;
}

/** Every template file (`*.hbs`, `*.json`) under the templates folder, named from its parent folder. */
function templateFiles(templatesDir: string): { file: string; text: string }[] {
  const base = path.dirname(templatesDir);
  const files: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(hbs|json|css)$/.test(entry.name)) files.push({ file: path.relative(base, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  if (fs.existsSync(templatesDir)) walk(templatesDir);
  return files.sort((a, b) => (a.file < b.file ? -1 : 1));
}

/** Name of the templates folder's file declaring the fallbacks of features some clients lack. */
export const FALLBACKS_FILE = 'fallbacks.json';

/**
 * `templates/fallbacks.json`: `{ "<caniemail feature title>": "<how the email copes without it>" }`;
 * none when the file is absent.
 */
export function readFallbacks(templatesDir: string): Record<string, string> {
  const file = path.join(templatesDir, FALLBACKS_FILE);
  if (!fs.existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DigestError(ErrorCodes.TEMPLATE_INVALID, `not valid JSON: ${(error as Error).message}`, {
      file: displayPath(file), hint: 'write an object such as { "border-radius": "decorative: square corners where it is missing" }', cause: error,
    });
  }
  const entries = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : undefined;
  const bad = entries?.find(([, how]) => typeof how !== 'string' || how.trim() === '');
  if (!entries || bad) {
    throw new DigestError(ErrorCodes.TEMPLATE_INVALID, bad ? `"${bad[0]}" must say, in words, how the email copes without it` : 'must be an object of feature names and fallbacks', {
      file: displayPath(file), hint: 'write an object such as { "border-radius": "decorative: square corners where it is missing" }',
    });
  }
  return Object.fromEntries(entries as [string, string][]);
}

/**
 * The checks of the sample reader's email: contrast, alt text, links and
 * headers always; with `thorough`, also client support, SpamAssassin, DKIM
 * and (with `online`) every link fetched.
 */
export async function checkSampleEmail(
  config: Config,
  rendered: RenderedIssue,
  personalizer: Personalizer,
  html: string,
  thorough: (ThoroughOptions & { now: Date }) | undefined,
): Promise<Check[]> {
  const email: SampleEmail = { html, headers: personalizer.messageFor(SAMPLE_SUBSCRIBER).headers };
  const checks = checkEmail(email, config.theme.accent);
  if (thorough) checks.push(...(await thoroughEmailChecks(config, rendered, personalizer, email, thorough)));
  return checks;
}

async function thoroughEmailChecks(
  config: Config,
  rendered: RenderedIssue,
  personalizer: Personalizer,
  email: SampleEmail,
  options: ThoroughOptions & { now: Date },
): Promise<Check[]> {
  const { raw } = await composeMessage(personalizer.messageFor(SAMPLE_SUBSCRIBER), options.now);
  let dkim: ThoroughInput['dkim'];
  let scored = raw;
  if (config.dkim) {
    try {
      const settings = dkimSettings(config);
      if (settings) {
        scored = createDkimSigner(settings, { now: () => options.now })(raw);
        dkim = { signed: scored, key: { domain: settings.domain, selector: settings.selector, record: dkimPublicRecord(settings.privateKey) } };
      }
    } catch (error) {
      if (!(error instanceof DigestError)) throw error;
      dkim = { error: `${error.message}${error.hint ? `: ${error.hint}` : ''}` };
    }
  }
  const skeletonHtml = await compileMjml(mjmlSkeleton(rendered.mjml), `MJML skeleton of ${rendered.issueId}`).then(
    (compiled) => compiled.html,
    (error: unknown) => {
      // Without the skeleton every feature counts as the template's; the check still runs.
      if (error instanceof DigestError) return '';
      throw error;
    },
  );
  // Loaded here, not at start-up: every build would otherwise carry caniemail's data and mailauth.
  const { checkEmailThorough } = await import('../checks/email-thorough.js');
  return checkEmailThorough(email, {
    clients: config.check.clients,
    skeletonHtml,
    templateFiles: templateFiles(config.templatesDir),
    fallbacks: readFallbacks(config.templatesDir),
    dkim,
    spam: await scoreMessage(scored),
    online: options.online ? {} : false,
  });
}
