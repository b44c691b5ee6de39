import { describe, expect, it } from 'vitest';
import { readCsvRecords, type CsvRecord } from '../../../src/store/csv.js';

describe('readCsvRecords', () => {
  it.each<[string, string, CsvRecord[]]>([
    ['empty input', '', []],
    ['no trailing newline', 'a,b', [{ line: 1, fields: ['a', 'b'] }]],
    ['a trailing newline adds no record', 'a,b\n', [{ line: 1, fields: ['a', 'b'] }]],
    ['empty fields', ',a,,', [{ line: 1, fields: ['', 'a', '', ''] }]],
    ['an empty quoted field', '"",x', [{ line: 1, fields: ['', 'x'] }]],
    ['quoted whitespace is kept', '"  a  ",b', [{ line: 1, fields: ['  a  ', 'b'] }]],
    ['a stray quote inside an unquoted field is text', 'a"b,c', [{ line: 1, fields: ['a"b', 'c'] }]],
    [
      'old Mac CR line endings',
      'a\rb\r"c\rd"\re',
      [
        { line: 1, fields: ['a'] },
        { line: 2, fields: ['b'] },
        { line: 3, fields: ['c\nd'] },
        { line: 5, fields: ['e'] },
      ],
    ],
    [
      'blank lines are records of one empty field',
      'a\n\nb',
      [
        { line: 1, fields: ['a'] },
        { line: 2, fields: [''] },
        { line: 3, fields: ['b'] },
      ],
    ],
    [
      'a BOM is dropped only at the start',
      '\uFEFFa,"\uFEFFb"',
      [{ line: 1, fields: ['a', '\uFEFFb'] }],
    ],
  ])('%s', (_label, text, expected) => {
    expect(readCsvRecords(text)).toEqual(expected);
  });
});
