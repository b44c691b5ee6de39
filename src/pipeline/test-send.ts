import path from 'node:path';
import type { Config } from '../config/schema.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { createPersonalizer } from '../personalize/index.js';
import { isValidEmail } from '../store/email.js';
import type { Clock, RenderedIssue } from '../types.js';
import { personalizeOptions } from '../util/personalize-options.js';
import type { Log } from './log.js';
import { resolveSecret } from './secret.js';
import { openTransport } from './send.js';
import { smtpFailureError } from '../send/smtp-errors.js';

/** Subject prefix of every test message. */
export const TEST_PREFIX = '[TEST] ';

/** Where the capture server keeps test messages: apart from real deliveries. */
export function testOutboxDir(config: Config, issueId: string): string {
  return path.join(config.dataDir, 'test-sends', issueId);
}

/** What a test send reports back. */
export interface TestSendResult {
  to: string;
  messageId: string;
  response: string;
  /** The .eml file, when the built-in capture server took the message. */
  capturedFile?: string;
  transport: string;
}

/**
 * "Send me a test": one copy of a rendered issue to one address, subject
 * marked [TEST], through the configured SMTP (or the capture server). It
 * never touches the deliveries ledger.
 */
export async function sendTestMessage(
  config: Config,
  rendered: RenderedIssue,
  to: string,
  context: { env: NodeJS.ProcessEnv; clock: Clock; log: Log },
): Promise<TestSendResult> {
  const address = to.trim().toLowerCase();
  if (!isValidEmail(address)) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, `"${to}" is not a valid email address`, {
      field: 'to',
      hint: 'give the address to send the test to, e.g. you@example.com',
    });
  }
  // The copy goes to one editor, not a subscriber: its unsubscribe link needs no production secret.
  const secret = resolveSecret(context.env, config.dataDir, { forDelivery: false });
  // No VERP return path: a test copy is not a delivery, and its bounce must not touch a subscriber.
  const personalizer = createPersonalizer(rendered, { ...personalizeOptions(config, secret.value), bounceAddress: undefined });
  const message = personalizer.messageFor(
    { id: 0, email: address, name: null, status: 'active' },
    { subjectPrefix: TEST_PREFIX, messageIdSuffix: `.test-${context.clock.now().getTime().toString(36)}` },
  );
  const run = await openTransport(config, context.env, testOutboxDir(config, rendered.issueId), context.log);
  try {
    const result = await run.transport.send(message).catch((error: unknown) => {
      throw smtpFailureError(error, run.transport.endpoint, { timeoutSeconds: config.sending.timeout });
    });
    return {
      to: address,
      messageId: result.messageId,
      response: result.response,
      capturedFile: run.capture?.files.at(-1),
      transport: run.transport.description,
    };
  } finally {
    await run.close();
  }
}
