import { describe, it, expect } from 'vitest';
import { contextPenalty, splitRunInCaption, standsAlone } from '../../../src/summarize/sentence-quality.js';

const tokens = (text: string): number => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

describe('splitRunInCaption', () => {
  it.each([
    [
      'caption before "The"',
      'Rhodri Giggs outside the court yesterday, where he was banned from driving The brother of the footballer has lost his job.',
      ['Rhodri Giggs outside the court yesterday, where he was banned from driving', 'The brother of the footballer has lost his job.'],
    ],
    [
      'caption before "A" and a number',
      'Sister Anna was found in her bedroom with a towel on her face An 86-year-old nun was attacked in her convent.',
      ['Sister Anna was found in her bedroom with a towel on her face', 'An 86-year-old nun was attacked in her convent.'],
    ],
    [
      'caption ending on a quoted title',
      'Fighter ace: his story is to be told in a film dubbed ‘The First Great Escape’ The story of how he recovered is remarkable.',
      ['Fighter ace: his story is to be told in a film dubbed ‘The First Great Escape’', 'The story of how he recovered is remarkable.'],
    ],
    ['title after a capitalised word', 'He was seen by The Mail on Sunday at the door.', ['He was seen by The Mail on Sunday at the door.']],
    ['"A" after a name', 'The court heard that Nurse A said he told her to stay late.', ['The court heard that Nurse A said he told her to stay late.']],
    ['too few words before the seam', 'Plan A is better than plan B for the town.', ['Plan A is better than plan B for the town.']],
    ['no seam', 'The council approved the plan on Tuesday.', ['The council approved the plan on Tuesday.']],
  ])('%s', (_name, sentence, expected) => {
    const pieces = splitRunInCaption(sentence);
    expect(pieces.map((p) => p.text)).toEqual(expected);
    expect(pieces.map((p) => p.caption)).toEqual(expected.map((_, i) => i < expected.length - 1));
  });
});

describe('standsAlone', () => {
  it.each([
    ['a plain statement', 'The council approved the plan on Tuesday evening.', true],
    ['a whole quote', "'We have waited ten years for this,' said councillor Ann Trelawny.", true],
    ['a quoted phrase', "A troll called her a 'gold digger' after the photo was posted.", true],
    ['a fragment', 'He was 88.', false],
    ['a lowercase start', 'and then the council approved the plan on Tuesday.', false],
    ['boilerplate', 'Subscribe to our newsletter for more stories like this one.', false],
    ['a quote that does not close', "'We have waited for this barrier for ten years and more.", false],
    ['a quote that did not open', "Now our homes will be safe from the river at last.'", false],
  ])('%s', (_name, text, expected) => {
    expect(standsAlone(text, tokens(text))).toBe(expected);
  });
});

describe('contextPenalty', () => {
  it.each([
    ['The council approved the plan on Tuesday.', false],
    ['"We won," she said after the vote.', true],
    ['Market day: Traders at the harbour market will need paper bags.', true],
    ['The mayor (pictured) opened the market.', true],
    ['Will the ban work?', true],
    ['However, the traders were not convinced.', true],
    ['He said the ban would work.', true],
  ])('%j penalised: %s', (text, penalised) => {
    expect(contextPenalty(text) > 0).toBe(penalised);
  });
});
