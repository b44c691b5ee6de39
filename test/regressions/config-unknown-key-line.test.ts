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

// An unknown key was reported at its parent's line (or line 1), not its own.
describe('config: an unknown key is reported at its own line', () => {
  it.each([
    ['a top-level key', `${MINIMAL}newsletr: {}\n`, 'newsletr', 5],
    ['a nested key', 'newsletter:\n  name: X\n  from: "X <x@example.com>"\n  baseUrl: https://x.example.com\n  nmae: x\n', 'newsletter.nmae', 5],
    ['a key in an optional section', `${MINIMAL}sending:\n  connections: 2\n  rat: 3\n`, 'sending.rat', 7],
  ])('%s', (_case, text, field, line) => {
    const error = errorOf(text);
    expect(error.field).toBe(field);
    expect(error.line).toBe(line);
  });
});
