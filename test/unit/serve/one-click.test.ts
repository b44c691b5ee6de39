import { describe, expect, it } from 'vitest';
import { isOneClick } from '../../../src/serve/index.js';

const MULTIPART = (value: string) =>
  ['--XyZ', 'Content-Disposition: form-data; name="List-Unsubscribe"', '', value, '--XyZ--', ''].join('\r\n');

describe('isOneClick (RFC 8058 POST bodies)', () => {
  it.each([
    ['urlencoded', 'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded', true],
    ['urlencoded without a content type', 'List-Unsubscribe=One-Click', '', true],
    ['urlencoded with another field first', 'a=b&List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded', true],
    ['multipart', MULTIPART('One-Click'), 'multipart/form-data; boundary=XyZ', true],
    ['multipart, quoted boundary', MULTIPART('One-Click'), 'multipart/form-data; boundary="XyZ"', true],
    ['multipart with another value', MULTIPART('Yes'), 'multipart/form-data; boundary=XyZ', false],
    ['another value', 'List-Unsubscribe=Yes', 'application/x-www-form-urlencoded', false],
    ['empty', '', 'application/x-www-form-urlencoded', false],
  ])('%s → %s', (_name, body, contentType, expected) => {
    expect(isOneClick(body, contentType)).toBe(expected);
  });
});
