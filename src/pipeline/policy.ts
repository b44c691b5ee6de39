import crypto from 'node:crypto';
import fs from 'node:fs';
import { CONFIG_DEFAULTS } from '../config/defaults.js';
import type { Config } from '../config/schema.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { nextRuns } from '../schedule/index.js';
import type { DeliveryPolicy } from '../send/deliver.js';
import { startOfLocalDay, startOfNextLocalDay } from '../send/local-day.js';
import { dkimAlgorithmOf, type DkimSettings } from '../send/dkim.js';
import type { WeekWindow } from '../types.js';
import { displayPath } from '../util/paths.js';

/** The delivery policy of the config's `sending` section. */
export function deliveryPolicy(config: Config): DeliveryPolicy {
  const { sending, timezone } = config;
  return {
    retries: sending.retries,
    retryDelayMs: sending.retryDelay * 1000,
    maxRetryDelayMs: CONFIG_DEFAULTS.sending.maxRetryDelayMs,
    rate: sending.rate,
    dailyCap: sending.dailyCap,
    bounceThreshold: sending.bounceThreshold,
    startOfDay: (instant) => startOfLocalDay(instant, timezone),
    nextDay: (instant) => startOfNextLocalDay(instant, timezone),
  };
}

/** When the scheduled job sends an issue: the first scheduled run at or after its week ends. */
export function scheduledTimeOf(config: Config, week: WeekWindow): Date | undefined {
  return nextRuns(config.schedule, config.timezone, new Date(week.end.getTime() - 1), 1)[0];
}

/**
 * Refuses to send an issue more than `sending.maxDelay` after its scheduled
 * time: a stale digest going out hours late is worse than none.
 */
export function assertFresh(config: Config, week: WeekWindow, now: Date, force: boolean): void {
  const due = scheduledTimeOf(config, week);
  if (force || !due) return;
  const late = now.getTime() - due.getTime();
  if (late <= config.sending.maxDelay) return;
  const hours = (ms: number) => `${Math.round((ms / 3_600_000) * 10) / 10}h`;
  throw new DigestError(
    ErrorCodes.STALE_ISSUE,
    `issue ${week.id} was due at ${due.toISOString()}, ${hours(late)} ago, longer than sending.maxDelay (${hours(config.sending.maxDelay)})`,
    { field: 'sending.maxDelay', hint: 'add --force to send it anyway, or raise sending.maxDelay' },
  );
}

/** Reads the DKIM key named in the config, when DKIM is configured. */
export function dkimSettings(config: Config): DkimSettings | undefined {
  if (!config.dkim) return undefined;
  const file = config.dkim.privateKeyFile;
  if (!fs.existsSync(file)) {
    throw new DigestError(ErrorCodes.CONFIG_INVALID, 'DKIM private key file not found', {
      file: displayPath(file),
      field: 'dkim.privateKeyFile',
      hint: 'point dkim.privateKeyFile (relative to the config file) at the PEM private key',
    });
  }
  const privateKey = fs.readFileSync(file, 'utf8');
  try {
    // A key that cannot sign must stop the run here, before anything is sent.
    dkimAlgorithmOf(crypto.createPrivateKey(privateKey));
  } catch (error) {
    throw new DigestError(ErrorCodes.CONFIG_INVALID, `"dkim.privateKeyFile" is not a usable unencrypted RSA private key in PEM, nor an Ed25519 one (${(error as Error).message})`, {
      file: displayPath(file),
      field: 'dkim.privateKeyFile',
      hint: 'generate one with: openssl genrsa -out dkim.pem 2048',
      cause: error,
    });
  }
  return { domain: config.dkim.domain, selector: config.dkim.selector, privateKey };
}
