import { describe, it, expect } from 'vitest';
import { splitSentences } from '../../../src/summarize/sentences.js';

describe('splitSentences', () => {
  it.each([
    ['plain sentences', 'The market opened. Prices rose! Did they fall?', ['The market opened.', 'Prices rose!', 'Did they fall?']],
    ['titles', 'Mr. Smith met Dr. Jones and Mrs. Brown. They talked.', ['Mr. Smith met Dr. Jones and Mrs. Brown.', 'They talked.']],
    ['acronym before a name', 'The U.S. Army said so. It left.', ['The U.S. Army said so.', 'It left.']],
    ['acronym ending a sentence', 'She moved to the U.S. The move was hard.', ['She moved to the U.S.', 'The move was hard.']],
    ['a.m. and p.m.', 'We met at 9 a.m. on Monday and at 5 p.m. The talk ran late.', ['We met at 9 a.m. on Monday and at 5 p.m.', 'The talk ran late.']],
    ['decimal numbers', 'Prices rose 3.5 percent to $1.25. Rents fell.', ['Prices rose 3.5 percent to $1.25.', 'Rents fell.']],
    ['initials', 'J. K. Rowling wrote it. B.B. King sang it.', ['J. K. Rowling wrote it.', 'B.B. King sang it.']],
    ['capital letter ending a sentence', 'He took vitamin C. The cold went away.', ['He took vitamin C.', 'The cold went away.']],
    ['e.g. and i.e.', 'Bring fruit, e.g. apples, i.e. something fresh. Thanks.', ['Bring fruit, e.g. apples, i.e. something fresh.', 'Thanks.']],
    ['St. before a name', "He lives on St. Mark's Place. The rent is high.", ["He lives on St. Mark's Place.", 'The rent is high.']],
    ['months and No.', 'It opens Jan. 5 at No. 10 Downing Street. Tickets are free.', ['It opens Jan. 5 at No. 10 Downing Street.', 'Tickets are free.']],
    ['No. ending a sentence', 'He finished No. 1. Then he retired.', ['He finished No. 1.', 'Then he retired.']],
    ['Inc. ending a sentence', 'She joined Apple Inc. The pay was good.', ['She joined Apple Inc.', 'The pay was good.']],
    ['double quote after the period', '"I agree." She left.', ['"I agree."', 'She left.']],
    ['single quote after the comma and period', "'Yes,' he said. 'No.' Then she left.", ["'Yes,' he said.", "'No.'", 'Then she left.']],
    ['curly quotes', '“It is over.” He left. ‘Fine.’ She stayed.', ['“It is over.”', 'He left.', '‘Fine.’', 'She stayed.']],
    ['parenthesis after the period', '(It was late.) We left.', ['(It was late.)', 'We left.']],
    ['three-dot ellipsis before a capital', 'Wait... What happened? Nothing.', ['Wait...', 'What happened?', 'Nothing.']],
    ['ellipsis character', 'Those five words… They matter.', ['Those five words…', 'They matter.']],
    ['ellipsis inside a sentence', 'He paused... and went on. Then he stopped.', ['He paused... and went on.', 'Then he stopped.']],
    ['stacked punctuation', 'Really?! Yes.', ['Really?!', 'Yes.']],
    ['lowercase after a period', 'See fig. 3 for details. Done.', ['See fig. 3 for details.', 'Done.']],
    ['sentence opening with a quote', "It ended. 'We won,' she said.", ['It ended.', "'We won,' she said."]],
    ['newlines and extra spaces', 'One line.\n\nTwo   lines\nhere.', ['One line.', 'Two lines here.']],
    ['no final punctuation', 'It rained. Nobody came', ['It rained.', 'Nobody came']],
    ['empty text', '   ', []],
  ])('%s', (_name, text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });
});
