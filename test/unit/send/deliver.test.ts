import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverIssue, type DeliveryEvent, type DeliveryPolicy } from '../../../src/send/deliver.js';
import { startOfLocalDay, startOfNextLocalDay } from '../../../src/send/local-day.js';
import { createSmtpTransport, type Transport } from '../../../src/send/transport.js';
import type { Store } from '../../../src/store/db.js';
import { deliveryCounts } from '../../../src/store/deliveries.js';
import { setSubscriberStatus } from '../../../src/store/subscribers.js';
import type { OutgoingMessage, Subscriber } from '../../../src/types.js';
import { startSmtpSink, type SmtpSink, type SinkBehaviour } from '../../helpers/smtp-sink.js';
import { ISSUE, seedLedger } from '../store/ledger-fixtures.js';
import { NOW, useTempStores } from '../store/temp-store.js';

const POLICY: DeliveryPolicy = {
  retries: 2,
  retryDelayMs: 1000,
  maxRetryDelayMs: 60_000,
  rate: 0,
  dailyCap: 0,
  bounceThreshold: 1,
  startOfDay: (instant) => startOfLocalDay(instant, 'Europe/Berlin'),
  nextDay: (instant) => startOfNextLocalDay(instant, 'Europe/Berlin'),
};

const messageFor = (subscriber: Subscriber, delivery: { messageKey: string }): OutgoingMessage => ({
  from: 'news@example.com',
  to: subscriber.email,
  subject: 'Weekly',
  htmlPart: 'Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hi</p>',
  textPart: 'Content-Type: text/plain; charset=utf-8\r\n\r\nHi',
  headers: {},
  messageId: `<${ISSUE}.${delivery.messageKey}@example.com>`,
});

describe('deliverIssue on a fixed clock, against a real SMTP sink', () => {
  const temp = useTempStores();
  let sink: SmtpSink | undefined;
  let transport: Transport | undefined;
  let store: Store;
  let now: number;
  const clock = { now: () => new Date(now) };
  // Sleeping moves the clock: backoffs and daily caps take no real time.
  const sleep = async (ms: number) => {
    now += Math.max(0, ms);
  };

  beforeEach(() => {
    now = NOW.getTime();
    store = seedLedger(temp.open(), 6);
  });
  afterEach(async () => {
    await transport?.close();
    await sink?.close();
  });

  async function run(behave: (recipient: string, attempt: number) => SinkBehaviour, policy: Partial<DeliveryPolicy> = {}, connections = 2) {
    sink = await startSmtpSink({ behave, parse: false });
    transport = createSmtpTransport(sink.url, { connections, timeoutMs: 10_000 });
    const events: DeliveryEvent[] = [];
    const report = await deliverIssue({
      store,
      issueId: ISSUE,
      transport,
      messageFor,
      clock,
      policy: { ...POLICY, ...policy },
      pageSize: 2,
      sleep,
      onEvent: (event) => events.push(event),
    });
    return { report, events };
  }

  it('sends each subscriber once and records every outcome', async () => {
    const { report, events } = await run(() => 'accept');
    expect(report).toMatchObject({ sentNow: 6, failedNow: 0, skippedNow: 0, sent: 6, failed: 0, skipped: 0, pending: 0 });
    expect([...sink!.accepted.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(events[0]).toMatchObject({ type: 'start', total: 6, remaining: 6, connections: 2 });
    expect(events.filter((event) => event.type === 'sent')).toHaveLength(6);
  });

  it('retries a greylisted recipient after its backoff and sends it; a 550 fails at once as a hard bounce', async () => {
    const { report, events } = await run((recipient, attempt) => {
      if (recipient === 'user2@example.com' && attempt < 3) return { code: 451, message: 'Try again later' };
      if (recipient === 'user5@example.com') return { code: 550, message: 'No such user' };
      return 'accept';
    });
    expect(report).toMatchObject({ sentNow: 5, failedNow: 1, sent: 5, failed: 1, pending: 0 });
    const ofUser2 = events.filter((event) => 'email' in event && event.email === 'user2@example.com').map((event) => event.type);
    expect(ofUser2).toEqual(['retry', 'retry', 'sent']);
    expect(events.find((event) => event.type === 'failed')).toMatchObject({ email: 'user5@example.com', code: '550', permanent: true, bounced: true });
    // The clock moved by the backoffs only (each at most 1 s, then 2 s).
    expect(now - NOW.getTime()).toBeLessThanOrEqual(3000);
  });

  it('skips, when it claims them, subscribers who left after the audience was fixed; the issue is complete', async () => {
    sink = await startSmtpSink({ parse: false });
    transport = createSmtpTransport(sink.url, { connections: 1 });
    const events: DeliveryEvent[] = [];
    let leftDuringRun = false;
    const report = await deliverIssue({
      store,
      issueId: ISSUE,
      transport,
      messageFor: (subscriber, delivery) => {
        // Subscriber 5 unsubscribes while the run is under way (after the audience was fixed).
        if (!leftDuringRun) setSubscriberStatus(store, 5, 'unsubscribed', clock.now());
        leftDuringRun = true;
        return messageFor(subscriber, delivery);
      },
      clock,
      policy: POLICY,
      pageSize: 10,
      sleep,
      onEvent: (event) => {
        events.push(event);
        // Subscriber 3 bounces elsewhere right after the audience is fixed.
        if (event.type === 'start') setSubscriberStatus(store, 3, 'bounced', clock.now());
      },
    });
    expect(report).toMatchObject({ sentNow: 4, skippedNow: 2, sent: 4, skipped: 2, pending: 0, failed: 0 });
    expect(events.filter((event) => event.type === 'skipped').map((event) => 'email' in event && event.email)).toEqual([
      'user3@example.com',
      'user5@example.com',
    ]);
    expect(sink.accepted.has('user3@example.com')).toBe(false);
    expect(sink.accepted.has('user5@example.com')).toBe(false);
    expect(deliveryCounts(store, ISSUE)).toMatchObject({ sent: 4, skipped: 2, pending: 0, sending: 0 });
  });

  it('pauses at the daily cap until the next local day, on the fixed clock', async () => {
    // 2026-11-30 08:00Z is 09:00 in Berlin; the next day starts at 23:00Z.
    const { report, events } = await run(() => 'accept', { dailyCap: 4 }, 1);
    expect(report.sentNow).toBe(6);
    const pauses = events.filter((event) => event.type === 'paused');
    expect(pauses).toEqual([{ type: 'paused', reason: 'daily cap', until: '2026-11-30T23:00:00.000Z', sentToday: 4 }]);
    // The fourth message's outcome is written (and announced) with the next claim, after the pause.
    expect(events.map((event) => event.type)).toEqual(['start', 'sent', 'sent', 'sent', 'paused', 'resumed', 'sent', 'sent', 'sent']);
    expect(sink!.accepted.size).toBe(6);
  });
});
