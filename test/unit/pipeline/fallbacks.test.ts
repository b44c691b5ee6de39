import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFallbacks } from '../../../src/pipeline/email-checks.js';
import { PACKAGE_ROOT } from '../../../src/util/paths.js';

function templatesWith(text: string | undefined): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-fallbacks-'));
  if (text !== undefined) fs.writeFileSync(path.join(dir, 'fallbacks.json'), text);
  return dir;
}

describe('readFallbacks', () => {
  it('reads the bundled templates\' declarations, each with its reason', () => {
    const fallbacks = readFallbacks(path.join(PACKAGE_ROOT, 'templates'));
    expect(Object.keys(fallbacks)).toContain('border-radius');
    for (const reason of Object.values(fallbacks)) expect(reason.length).toBeGreaterThan(10);
  });

  it('is empty for templates without the file', () => {
    expect(readFallbacks(templatesWith(undefined))).toEqual({});
  });

  it.each([
    ['not JSON', '{ border-radius: yes', /not valid JSON/],
    ['an array', '["border-radius"]', /must be an object/],
    ['an empty reason', '{ "overflow": " " }', /"overflow" must say, in words/],
    ['a reason that is not text', '{ "overflow": true }', /"overflow" must say, in words/],
  ])('refuses %s, naming the file', (_name, text, message) => {
    expect(() => readFallbacks(templatesWith(text))).toThrow(message);
    try {
      readFallbacks(templatesWith(text));
    } catch (error) {
      expect((error as { file?: string }).file).toMatch(/fallbacks\.json$/);
    }
  });
});
