import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ENV } from '../config/defaults.js';
import { DigestError, ErrorCodes } from '../errors.js';

/** The unsubscribe signing secret and where it came from. */
export interface ResolvedSecret {
  value: string;
  source: 'environment' | 'local';
  /** Set when the secret is the generated local one. */
  file?: string;
  /** Earlier secrets from `DIGEST_SECRET_PREVIOUS`: links they signed still verify (never used to sign). */
  previous: string[];
}

const MIN_LENGTH = 16;

/** The secrets of `DIGEST_SECRET_PREVIOUS` (comma-separated), each as long as a current one must be. */
function previousSecrets(env: NodeJS.ProcessEnv): string[] {
  const values = (env[ENV.secretPrevious] ?? '').split(',').map((value) => value.trim()).filter(Boolean);
  if (values.some((value) => value.length < MIN_LENGTH)) {
    throw new DigestError(ErrorCodes.SECRET_MISSING, `a secret in ${ENV.secretPrevious} is shorter than ${MIN_LENGTH} characters`, {
      field: ENV.secretPrevious,
      hint: `list the earlier values of ${ENV.secret}, separated by commas`,
    });
  }
  return values;
}

/**
 * The unsubscribe signing secret: `DIGEST_SECRET` when set. Without it, a
 * secret generated once into `dataDir/secret` serves local use (capture
 * server, builds, preview); real SMTP delivery refuses to run without it so
 * production links never depend on a file that may be lost. During a
 * rotation, the old values go in `DIGEST_SECRET_PREVIOUS`.
 */
export function resolveSecret(env: NodeJS.ProcessEnv, dataDir: string, options: { forDelivery: boolean }): ResolvedSecret {
  const fromEnv = env[ENV.secret];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_LENGTH) {
      throw new DigestError(ErrorCodes.SECRET_MISSING, `${ENV.secret} is shorter than ${MIN_LENGTH} characters`, {
        field: ENV.secret,
        hint: 'use a long random value, e.g. the output of: openssl rand -hex 32',
      });
    }
    return { value: fromEnv, source: 'environment', previous: previousSecrets(env) };
  }
  if (options.forDelivery) {
    throw new DigestError(ErrorCodes.SECRET_MISSING, `${ENV.secret} is not set`, {
      field: ENV.secret,
      hint: 'real SMTP delivery signs unsubscribe links with it: export DIGEST_SECRET=$(openssl rand -hex 32) and keep it stable',
    });
  }
  const file = path.join(dataDir, 'secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return { value: fs.readFileSync(file, 'utf8').trim(), source: 'local', file, previous: previousSecrets(env) };
}
