/**
 * The throughput half of the send benchmark: one timed run of the floor (a
 * bare nodemailer pool sending a pre-built message), of the encoded floor
 * (the same pool and message with its parts pre-encoded, as ours hands them
 * over) or of ours (`deliverIssue` with the SQLite ledger), each checked
 * against the sink's count.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../../src/config/schema.js';
import { createPersonalizer } from '../../src/personalize/index.js';
import { personalizeOptions } from '../../src/util/personalize-options.js';
import { systemClock } from '../../src/pipeline/clock.js';
import { deliveryPolicy } from '../../src/pipeline/policy.js';
import { deliverIssue } from '../../src/send/deliver.js';
import { createSmtpTransport } from '../../src/send/transport.js';
import type { Store } from '../../src/store/db.js';
import type { RecipientDocuments } from '../../src/personalize/index.js';
import type { OutgoingMessage, Subscriber } from '../../src/types.js';
import { CONNECTIONS, createSubscriberStore, machineBusyMs, SECRET, type SampleIssue, type SinkProcess } from './setup.js';

/** One timed run of either sender. */
export interface SendRun {
  kind: 'floor' | 'encoded' | 'ours';
  messages: number;
  ms: number;
  msgsPerSec: number;
  /** Sender CPU (user + system) per message, µs. */
  cpuUsPerMsg: number;
  /** Sender CPU over the run's wall time: near 1.0 means the sender was CPU-bound, not waiting. */
  senderBusy: number;
  /** Sink CPU over the run's wall time: near 1.0 means the sink, not the sender, set the pace. */
  sinkBusy: number;
  /** CPU of every other process over the run's wall time, in cores (other work on the machine skews a run). */
  otherBusy?: number;
  /** Ours only: where the time went inside `deliverIssue`. */
  breakdown?: OursBreakdown;
  /** Messages the sender reports as accepted. */
  sent: number;
  /** Messages the sink counted during the run (both should equal `messages`). */
  sinkCounted: number;
}

/** Per-message costs measured inside an `ours` run (cheap enough to leave on: two clock reads per call). */
export interface OursBreakdown {
  /** SQLite commits (outermost transactions of claims and outcomes, each with its disk sync) per message. */
  commitsPerMsg: number;
  /** Wall time inside those transactions, µs per message. */
  ledgerUsPerMsg: number;
  /** `messageFor` (two template joins and one HMAC), µs per message. */
  personalizeUsPerMsg: number;
}

/**
 * Times every outermost transaction the store runs (BEGIN … COMMIT, with its
 * disk sync), by shadowing `transaction` on this one connection: the store
 * functions call `db.transaction(fn)()`. A transaction opened inside another
 * is a savepoint without a commit of its own, so it is neither counted nor
 * timed twice.
 */
function timeTransactions(store: Store): { count: number; ms: number } {
  const totals = { count: 0, ms: 0 };
  const db = store.db;
  const original = db.transaction.bind(db);
  const timedTransaction = (fn: (...args: unknown[]) => unknown) => {
    const run = original(fn);
    return (...args: unknown[]) => {
      if (db.inTransaction) return run(...args);
      const start = performance.now();
      try {
        return run(...args);
      } finally {
        totals.count++;
        totals.ms += performance.now() - start;
      }
    };
  };
  Object.defineProperty(db, 'transaction', { value: timedTransaction });
  return totals;
}

/** Times `send` (which returns how many messages it got accepted) and reads the sink's count around it. */
async function timed(
  kind: SendRun['kind'],
  messages: number,
  sink: SinkProcess,
  send: () => Promise<number>,
  breakdown?: () => OursBreakdown,
): Promise<SendRun> {
  const before = await sink.stats();
  const machineBefore = machineBusyMs();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const sent = await send();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const machineAfter = machineBusyMs();
  const after = await sink.stats();
  return {
    kind,
    messages,
    ms,
    msgsPerSec: (sent / ms) * 1000,
    cpuUsPerMsg: (used.user + used.system) / messages,
    senderBusy: (used.user + used.system) / 1000 / ms,
    sinkBusy: (after.cpuMs - before.cpuMs) / ms,
    otherBusy:
      machineBefore === undefined || machineAfter === undefined
        ? undefined
        : Math.max(0, machineAfter - machineBefore - (used.user + used.system) / 1000 - (after.cpuMs - before.cpuMs)) / ms,
    sent,
    sinkCounted: after.messages - before.messages,
    breakdown: breakdown?.(),
  };
}

/** The message both floors send over and over: one subscriber's, as documents and as encoded parts. */
export interface FloorMessage {
  message: OutgoingMessage;
  documents: RecipientDocuments;
}

/**
 * A floor: one pre-built message, `messages` times, through a bare pool with
 * `CONNECTIONS` sendMail calls in flight. `floor` hands nodemailer the HTML
 * and text, which it encodes on every send (as any nodemailer sender does
 * when given a message); `encoded` hands it the parts already encoded, so
 * only the headers are composed per send: the least any sender built on
 * nodemailer's pool can spend.
 */
export async function floorRun(sink: SinkProcess, floor: FloorMessage, messages: number, kind: 'floor' | 'encoded' = 'floor'): Promise<SendRun> {
  const { message, documents } = floor;
  const bodies =
    kind === 'floor' ? { text: documents.text, html: documents.html } : { text: { raw: message.textPart }, html: { raw: message.htmlPart } };
  // maxMessages as in createSmtpTransport, so neither side reconnects every 100 messages (nodemailer's default).
  const pool = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: CONNECTIONS, maxMessages: Infinity });
  try {
    return await timed(kind, messages, sink, async () => {
      let started = 0;
      let sent = 0;
      const worker = async () => {
        while (started < messages) {
          started++;
          await pool.sendMail({
            from: message.from,
            replyTo: message.replyTo,
            to: message.to,
            subject: message.subject,
            ...bodies,
            messageId: message.messageId,
            headers: message.headers,
          });
          sent++;
        }
      };
      await Promise.all(Array.from({ length: CONNECTIONS }, worker));
      return sent;
    });
  } finally {
    pool.close();
  }
}

/** Ours: `deliverIssue` over a fresh temp store of `messages` subscribers (setup not timed). */
export async function oursRun(sink: SinkProcess, config: Config, sample: SampleIssue, messages: number): Promise<SendRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-bench-send-'));
  const store = createSubscriberStore(dir, messages, sample, config);
  const personalizer = createPersonalizer(sample.rendered, personalizeOptions(config, SECRET));
  const transport = createSmtpTransport(sink.url, { connections: CONNECTIONS });
  const transactions = timeTransactions(store);
  let personalizeMs = 0;
  const messageFor = (subscriber: Subscriber) => {
    const start = performance.now();
    const message = personalizer.messageFor(subscriber);
    personalizeMs += performance.now() - start;
    return message;
  };
  try {
    return await timed(
      'ours',
      messages,
      sink,
      async () => {
        const report = await deliverIssue({
          store,
          issueId: sample.rendered.issueId,
          transport,
          messageFor,
          clock: systemClock,
          policy: { ...deliveryPolicy(config), rate: 0 },
        });
        return report.sentNow;
      },
      () => ({
        commitsPerMsg: transactions.count / messages,
        ledgerUsPerMsg: (transactions.ms * 1000) / messages,
        personalizeUsPerMsg: (personalizeMs * 1000) / messages,
      }),
    );
  } finally {
    await transport.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
