import { describe, expect, it } from 'vitest';
import { splitMbox, verpToken } from '../../../src/bounces/index.js';

describe('splitMbox', () => {
  it('splits on "From " lines and unquotes >From', () => {
    const mbox = [
      'From MAILER-DAEMON Mon Nov 30 09:01:02 2026',
      'Subject: one',
      '',
      '>From the start, this line was quoted.',
      '>>From twice quoted.',
      '',
      'From MAILER-DAEMON Mon Nov 30 09:02:02 2026',
      'Subject: two',
      '',
      'Body two.',
      '',
    ].join('\n');
    const messages = splitMbox(Buffer.from(mbox)).map((message) => message.toString());
    expect(messages).toEqual([
      'Subject: one\r\n\r\nFrom the start, this line was quoted.\r\n>From twice quoted.\r\n',
      'Subject: two\r\n\r\nBody two.\r\n',
    ]);
  });

  it('keeps bytes that are not UTF-8', () => {
    const data = Buffer.concat([Buffer.from('From x\nSubject: caf'), Buffer.from([0xe9]), Buffer.from('\n\nbody\n')]);
    expect(splitMbox(data)[0]?.includes(Buffer.from([0xe9]))).toBe(true);
  });
});

describe('verpToken', () => {
  it.each([
    ['bounces+2026-W48.abc@example.com', 'bounces+{token}@example.com', '2026-W48.abc'],
    ['<Bounces+Tok@Example.com>', 'bounces+{token}@example.com', 'Tok'],
    ['bounces@example.com', 'bounces+{token}@example.com', null],
    ['bounces+@example.com', 'bounces+{token}@example.com', null],
    ['other+abc@example.com', 'bounces+{token}@example.com', null],
    ['bounces+abc@example.com', 'bounces@example.com', null],
  ])('%s with %s → %s', (address, pattern, token) => {
    expect(verpToken(address, pattern)).toBe(token);
  });
});
