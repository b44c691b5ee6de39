import { describe, expect, it } from 'vitest';
import { resolveAuthor } from '../../../src/import/author.js';
import { DigestError } from '../../../src/errors.js';

const known = new Map<string, string | undefined>([
  ['ada', 'Ada Park'],
  ['lin', 'Lin Osei'],
  ['jose-nunez', 'José Núñez'],
  ['broken', undefined],
]);

describe('resolveAuthor', () => {
  it.each([
    ['ada', { id: 'ada', name: 'Ada Park', isNew: false }],
    ['Ada Park', { id: 'ada', name: 'Ada Park', isNew: false }],
    ['  ada   PARK ', { id: 'ada', name: 'Ada Park', isNew: false }],
    ['Jose Nunez', { id: 'jose-nunez', name: 'José Núñez', isNew: false }],
    ['broken', { id: 'broken', name: undefined, isNew: false }],
    ['Jane Doe', { id: 'jane-doe', name: 'Jane Doe', isNew: true }],
    ['Zoë O’Neil', { id: 'zoe-oneil', name: 'Zoë O’Neil', isNew: true }],
    ['jane-doe', { id: 'jane-doe', name: 'Jane Doe', isNew: true }],
  ])('%j → %j', (reference, choice) => {
    expect(resolveAuthor(reference, known)).toEqual(choice);
  });

  it('refuses a name with nothing to make an id from', () => {
    expect(() => resolveAuthor('???', known)).toThrow(DigestError);
  });
});
