import { describe, expect, it } from 'vitest';
import { readCsvRecords, sniffDelimiter, type CsvDelimiter, type CsvRecord } from '../../../src/store/csv.js';

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
    [
      'parsing goes on after a malformed record',
      '"a"x,b\nc,d\n"e\nf",g',
      [
        {
          line: 1,
          fields: [],
          error: { line: 1, message: 'unexpected text after a closing quote; write "" for a quote inside a quoted field' },
        },
        { line: 2, fields: ['c', 'd'] },
        { line: 3, fields: ['e\nf', 'g'] },
      ],
    ],
    [
      'an unclosed quote is reported on the line its record starts',
      'a,b\nc,"d\ne\nf',
      [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: [], error: { line: 2, message: 'a quoted field starts in this record but its closing quote is missing' } },
      ],
    ],
    [
      'tab-separated with empty cells and spaces',
      'email\tname\tplan\na@x.com\t\tpro\n b@x.com \t Bob \t\n',
      [
        { line: 1, fields: ['email', 'name', 'plan'] },
        { line: 2, fields: ['a@x.com', '', 'pro'] },
        { line: 3, fields: ['b@x.com', 'Bob', ''] },
      ],
    ],
    ['rows of different lengths', 'a,b\nc\nd,e,f', [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['c'] }, { line: 3, fields: ['d', 'e', 'f'] }]],
  ])('%s', (_label, text, expected) => {
    expect(readCsvRecords(text)).toEqual(expected);
  });
});

describe('sniffDelimiter', () => {
  it.each<[string, string, CsvDelimiter]>([
    ['comma', 'email,name\na;b;c;d', ','],
    ['semicolon', 'email;name;plan\na,b,c,d,e', ';'],
    ['tab', 'email\tname\na,b', '\t'],
    ['one column', 'email\nada@example.com', ','],
    ['quoted delimiters do not count', '"e,m,a,i,l";name;plan', ';'],
    ['leading blank lines and a BOM', '\uFEFF\n\n  email;name', ';'],
    ['empty input', '', ','],
    ['a tie goes to the comma', 'a,b;c', ','],
  ])('%s', (_label, text, expected) => {
    expect(sniffDelimiter(text)).toBe(expected);
  });
});
