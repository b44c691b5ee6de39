import type { ClassifiedFailure } from './classify.js';

/**
 * Stops the run: the SMTP server will not take any message (`refused`, e.g.
 * bad credentials) or cannot be reached at all (`unreachable`).
 */
export class FatalSendError extends Error {
  constructor(
    readonly failure: ClassifiedFailure,
    readonly reason: 'refused' | 'unreachable' = 'refused',
    /** The transport's own error. */
    readonly original?: unknown,
  ) {
    super(`${failure.code} ${failure.response}`);
    this.name = 'FatalSendError';
  }
}
