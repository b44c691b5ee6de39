import { describe, expect, it } from 'vitest';
import { smtpFailureError, smtpProblemOf, type SmtpProblem } from '../../../src/send/smtp-errors.js';

describe('smtpProblemOf', () => {
  it.each<[string, unknown, SmtpProblem]>([
    ['a refused login', { code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Authentication failed', command: 'AUTH PLAIN' }, 'login'],
    ['missing credentials', { code: 'EAUTH', message: 'Missing credentials for "PLAIN"' }, 'login'],
    ['a refused connection', { code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:2525' }, 'refused'],
    ['TLS to a plain-text port', { code: 'ESOCKET', message: 'C0:ssl3_get_record:wrong version number' }, 'tls'],
    ['a self-signed certificate', { code: 'ESOCKET', message: 'self-signed certificate' }, 'tls'],
    ['STARTTLS refused', { code: 'ETLS', message: 'Error initiating TLS' }, 'tls'],
    ['a TLS error in the cause', { code: 'ESOCKET', message: 'socket error', cause: { code: 'ERR_SSL_PACKET_LENGTH_TOO_LONG', message: 'packet length too long' } }, 'tls'],
    ['a timeout', { code: 'ETIMEDOUT', message: 'Timeout' }, 'timeout'],
    ['an unknown host', { code: 'EDNS', message: 'getaddrinfo ENOTFOUND smtp.nowhere.example' }, 'dns'],
    ['a 5xx to the sender', { code: 'EENVELOPE', responseCode: 553, response: '553 Sender not allowed', command: 'MAIL FROM' }, 'reply'],
    ['anything else', new Error('boom'), 'other'],
  ])('%s → %s', (_label, error, problem) => {
    expect(smtpProblemOf(error)).toBe(problem);
  });
});

describe('smtpFailureError', () => {
  it('names host:port, says what to do, and adds the caller hint', () => {
    const error = smtpFailureError({ code: 'EAUTH', responseCode: 535, response: '535 Authentication failed' }, 'mail.example.com:587', {
      hintSuffix: 'a rerun resumes',
    });
    expect(error.code).toBe('SMTP_FAILED');
    expect(error.field).toBe('SMTP_URL');
    expect(error.message).toBe('the SMTP server at mail.example.com:587 refused the login: 535 Authentication failed');
    expect(error.hint).toMatch(/^check the user name and password in SMTP_URL .*; a rerun resumes$/);
  });

  it('names sending.timeout for a stalled server', () => {
    expect(smtpFailureError({ code: 'ETIMEDOUT', message: 'Timeout' }, 'h:25', { timeoutSeconds: 5 }).message).toBe(
      'the SMTP server at h:25 did not answer within sending.timeout (5 s)',
    );
  });
});
