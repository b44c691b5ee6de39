import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { DigestError } from '../../src/errors.js';

const MINIMAL = 'newsletter:\n  name: X\n  from: "X <x@example.com>"\n  baseUrl: https://x.example.com\n';

function errorOf(text: string): DigestError {
  try {
    parseConfig(text, '/tmp/digest.config.yaml');
  } catch (error) {
    if (error instanceof DigestError) return error;
    throw error;
  }
  throw new Error('expected a DigestError');
}

// Issue #9, item 10 (vague errors): a value of the wrong type (`sending.timeout: abc`) was reported as
// "is required", as if the key were missing, so the operator looked for a key that was there.
describe('config: a value of the wrong type is named as such, not as missing', () => {
  it.each([
    ['sending.timeout', `${MINIMAL}sending:\n  timeout: abc\n`, 'must be a number', 6],
    ['sending.rate', `${MINIMAL}sending:\n  rate: fast\n`, 'must be a number', 6],
    ['summary.maxLength', `${MINIMAL}summary:\n  maxLength: [1]\n`, 'must be a number', 6],
    ['newsletter.name', 'newsletter:\n  name: 5\n  from: "X <x@example.com>"\n  baseUrl: https://x.example.com\n', 'must be a string', 2],
  ])('%s', (field, text, message, line) => {
    const error = errorOf(text);
    expect(error.field).toBe(field);
    expect(error.line).toBe(line);
    expect(error.message).toBe(`"${field}" ${message}`);
  });

  it('a key left out is still "is required"', () => {
    const error = errorOf('newsletter:\n  name: X\n  from: "X <x@example.com>"\n');
    expect(error.message).toBe('"newsletter.baseUrl" is required');
  });
});
