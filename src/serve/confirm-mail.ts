import { randomBytes } from 'node:crypto';
import type { Config } from '../config/schema.js';
import { compileMimePart } from '../personalize/mime-part.js';
import type { OutgoingMessage } from '../types.js';
import { escapeHtml } from '../util/html.js';

/** Placeholders stay literal: the documents are filled by hand, not per recipient. */
const noFields = {} as Parameters<ReturnType<typeof compileMimePart>>[0];

/**
 * The double opt-in mail: plain text and simple HTML, from the newsletter's
 * address, with the confirmation link and how long it stays valid.
 */
export function confirmationMessage(config: Config, to: string, link: string, expiresIn: string): OutgoingMessage {
  const name = config.newsletter.name;
  const text = [
    `Please confirm your subscription to ${name}.`,
    '',
    'Open this link and press "Confirm":',
    link,
    '',
    `The link works for ${expiresIn}. If you did not sign up, ignore this message: nothing will be sent to you.`,
    '',
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;color:#1f2328">
<p>Please confirm your subscription to <strong>${escapeHtml(name)}</strong>.</p>
<p><a href="${escapeHtml(link)}" style="display:inline-block;background:#1f2328;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">Confirm subscription</a></p>
<p style="color:#59636e">The link works for ${escapeHtml(expiresIn)}. If you did not sign up, ignore this message: nothing will be sent to you.</p>
</body></html>`;
  const source = 'confirmation email';
  const host = new URL(config.newsletter.baseUrl).hostname;
  return {
    from: config.newsletter.from,
    replyTo: config.newsletter.replyTo,
    to,
    subject: `Confirm your subscription to ${name}`,
    htmlPart: compileMimePart(escapeBraces(html), { type: 'text/html', escape: false, source })(noFields),
    textPart: compileMimePart(escapeBraces(text), { type: 'text/plain', escape: false, source })(noFields),
    messageId: `<confirm.${randomBytes(9).toString('hex')}@${host}>`,
    headers: {},
  };
}

/** A newsletter name with "{{" must not be read as a placeholder. */
function escapeBraces(document: string): string {
  return document.replace(/\{\{/g, '{\u200b{');
}

/** 604800000 → "7 days", 7200000 → "2 hours". */
export function humanDuration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size) {
      const n = Math.round(ms / size);
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${Math.max(1, Math.round(ms / 1000))} seconds`;
}
