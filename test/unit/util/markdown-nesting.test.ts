import { describe, expect, it } from 'vitest';
import { capBlockNesting, MAX_BLOCK_NESTING } from '../../../src/util/markdown-nesting.js';

describe('capBlockNesting', () => {
  it.each([
    ['plain prose', 'Queues moved. Latency fell -- a lot.', 4, 'Queues moved. Latency fell -- a lot.'],
    ['a normal quote and list', '> quoted\n- item\n  - sub', 4, '> quoted\n- item\n  - sub'],
    ['bold is not a list', '**bold** and *em*', 4, '**bold** and *em*'],
    ['as deep as allowed', '> > > > deep', 4, '> > > > deep'],
    ['deeper quotes', `${'>'.repeat(10)} deep`, 4, '>>>> deep'],
    ['mixed quote and list markers', `${'> - '.repeat(5)}x`, 4, '> - > - x'],
    ['numbered markers', `${'1. '.repeat(6)}x`, 4, '1. 1. 1. 1. x'],
    ['only the deep line changes', `ok\n${'> '.repeat(6)}deep\nok`, 4, 'ok\n> > > > deep\nok'],
  ])('%s', (_, input, max, expected) => {
    expect(capBlockNesting(input, max)).toBe(expected);
  });

  it('keeps 5 MB of ">" to the default depth', () => {
    expect(capBlockNesting(`${'>'.repeat(5_000_000)} deep`)).toBe(`${'>'.repeat(MAX_BLOCK_NESTING)} deep`);
  });
});
