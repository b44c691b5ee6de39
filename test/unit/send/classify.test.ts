import { describe, expect, it } from 'vitest';
import { backoffDelay, classifyFailure } from '../../../src/send/classify.js';

describe('classifyFailure', () => {
  it.each([
    ['451 at RCPT TO', { responseCode: 451, response: '451 4.7.1 Greylisted', command: 'RCPT TO', code: 'EENVELOPE' }, 'temporary', '451', false],
    ['421 closing', { responseCode: 421, response: '421 4.3.2 Busy', command: 'RCPT TO', code: 'EENVELOPE' }, 'temporary', '421', false],
    ['550 at RCPT TO: a hard bounce', { responseCode: 550, response: '550 5.1.1 No such user', command: 'RCPT TO', code: 'EENVELOPE' }, 'permanent', '550', true],
    ['552 at DATA: permanent, not the mailbox', { responseCode: 552, response: '552 Message too large', command: 'DATA', code: 'EMESSAGE' }, 'permanent', '552', false],
    ['535 auth failure: stop the run', { responseCode: 535, response: '535 Authentication failed', command: 'AUTH PLAIN', code: 'EAUTH' }, 'fatal', '535', false],
    ['dropped connection', { code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, 'temporary', 'ECONNECTION', false],
    ['timeout', { code: 'ETIMEDOUT', message: 'Greeting never received' }, 'temporary', 'ETIMEDOUT', false],
    ['refused', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'temporary', 'ECONNREFUSED', false],
    ['refused, as nodemailer reports it', { code: 'ESOCKET', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'temporary', 'ESOCKET', false],
    ['a protocol error', { code: 'EPROTOCOL', message: 'Invalid greeting' }, 'temporary', 'EPROTOCOL', false],
    ['auth without a reply code', { code: 'EAUTH', message: 'Missing credentials' }, 'fatal', 'EAUTH', false],
    ['unknown error', new Error('boom'), 'permanent', 'ERROR', false],
  ])('%s', (_name, error, kind, code, recipientRejected) => {
    const failure = classifyFailure(error);
    expect(failure.kind).toBe(kind);
    expect(failure.code).toBe(code);
    expect(failure.recipientRejected).toBe(recipientRejected);
    expect(failure.response.length).toBeGreaterThan(0);
  });

  it.each([
    ['dropped connection', { code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, true],
    ['refused', { code: 'ESOCKET', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:1' }, true],
    ['no DNS', { code: 'EDNS', message: 'getaddrinfo ENOTFOUND mail.invalid' }, true],
    ['timeout', { code: 'ETIMEDOUT', message: 'Connection timeout' }, true],
    ['a 421 reply', { responseCode: 421, response: '421 4.3.2 Busy', command: 'RCPT TO', code: 'EENVELOPE' }, false],
    ['a protocol error', { code: 'EPROTOCOL', message: 'Invalid greeting' }, false],
    ['unknown error', new Error('boom'), false],
  ])('%s: connection lost = %s', (_name, error, connectionLost) => {
    expect(classifyFailure(error).connectionLost).toBe(connectionLost);
  });

  it('says whether the server replied at all', () => {
    expect(classifyFailure({ responseCode: 550, response: '550 No such user', command: 'RCPT TO', code: 'EENVELOPE' }).replied).toBe(true);
    expect(classifyFailure({ responseCode: 535, response: '535 Authentication failed', command: 'AUTH PLAIN', code: 'EAUTH' }).replied).toBe(true);
    expect(classifyFailure({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }).replied).toBe(false);
    expect(classifyFailure({ code: 'EAUTH', message: 'Missing credentials' }).replied).toBe(false);
  });
});

describe('backoffDelay', () => {
  it.each([
    [1, 0, 500],
    [1, 1, 1000],
    [2, 0, 1000],
    [3, 1, 4000],
    [10, 1, 60_000],
    [10, 0, 30_000],
  ])('attempt %i with random %f → %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, 1000, 60_000, () => random)).toBe(expected);
  });

  it('spreads retries between half and all of the exponential ceiling', () => {
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(3, 1000, 60_000);
      expect(delay).toBeGreaterThanOrEqual(2000);
      expect(delay).toBeLessThanOrEqual(4000);
    }
  });
});
