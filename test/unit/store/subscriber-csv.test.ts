import { describe, expect, it } from 'vitest';
import { DigestError } from '../../../src/errors.js';
import { parseSubscriberCsv, type SubscriberCsv } from '../../../src/store/subscriber-csv.js';

const FILE = 'content/subscribers.csv';

describe('parseSubscriberCsv', () => {
  it.each<[string, string, SubscriberCsv]>([
    [
      'a plain file',
      'email,name\nada@example.com,Ada\nbob@example.com,Bob\n',
      {
        rows: [
          { email: 'ada@example.com', name: 'Ada', line: 2 },
          { email: 'bob@example.com', name: 'Bob', line: 3 },
        ],
        errors: [],
      },
    ],
    [
      'header in any case, columns in any order, extra columns ignored',
      'Name,Plan,EMAIL\nAda,pro,ada@example.com',
      { rows: [{ email: 'ada@example.com', name: 'Ada', line: 2 }], errors: [] },
    ],
    [
      'no name column',
      'email\nada@example.com\n',
      { rows: [{ email: 'ada@example.com', line: 2 }], errors: [] },
    ],
    [
      'an empty name cell is absent, not ""',
      'email,name\nada@example.com,\nbob@example.com',
      {
        rows: [
          { email: 'ada@example.com', line: 2 },
          { email: 'bob@example.com', line: 3 },
        ],
        errors: [],
      },
    ],
    [
      'quoted fields with escaped quotes and embedded commas',
      'email,name\n"ada@example.com","Lovelace, Ada ""The Countess"""\n',
      { rows: [{ email: 'ada@example.com', name: 'Lovelace, Ada "The Countess"', line: 2 }], errors: [] },
    ],
    [
      'a newline inside quotes shifts the following line numbers',
      'email,name\nada@example.com,"Ada\nLovelace"\nbob@example.com,Bob',
      {
        rows: [
          { email: 'ada@example.com', name: 'Ada\nLovelace', line: 2 },
          { email: 'bob@example.com', name: 'Bob', line: 4 },
        ],
        errors: [],
      },
    ],
    [
      'CRLF line endings, also inside quotes',
      'email,name\r\nada@example.com,"A\r\nL"\r\nbob@example.com,Bob\r\n',
      {
        rows: [
          { email: 'ada@example.com', name: 'A\nL', line: 2 },
          { email: 'bob@example.com', name: 'Bob', line: 4 },
        ],
        errors: [],
      },
    ],
    [
      'a UTF-8 BOM before the header',
      '\uFEFFemail,name\nada@example.com,Ada',
      { rows: [{ email: 'ada@example.com', name: 'Ada', line: 2 }], errors: [] },
    ],
    [
      'blank lines (and comma-only lines) are skipped but still counted',
      '\nemail,name\n\nada@example.com,Ada\n   \n,,\nbob@example.com,Bob\n\n',
      {
        rows: [
          { email: 'ada@example.com', name: 'Ada', line: 4 },
          { email: 'bob@example.com', name: 'Bob', line: 7 },
        ],
        errors: [],
      },
    ],
    [
      'surrounding whitespace is trimmed, also around quotes; emails are lower-cased',
      'email , name\n  Ada@Example.COM  ,  "Ada"  \n',
      { rows: [{ email: 'ada@example.com', name: 'Ada', line: 2 }], errors: [] },
    ],
    [
      'bad emails are reported with their line, including after a multi-line field',
      [
        'email,name',
        'not-an-email,X',
        'ok@example.com,"two',
        'lines"',
        'a@@example.com,Y',
        'has space@example.com,Z',
        'no-dot@localhost,W',
        '@example.com,V',
        'a@example..com,U',
        ',empty',
        'last@example.com,Last',
      ].join('\n'),
      {
        rows: [
          { email: 'ok@example.com', name: 'two\nlines', line: 3 },
          { email: 'last@example.com', name: 'Last', line: 11 },
        ],
        errors: [
          { line: 2, message: '"not-an-email" is not a valid email address' },
          { line: 5, message: '"a@@example.com" is not a valid email address' },
          { line: 6, message: '"has space@example.com" is not a valid email address' },
          { line: 7, message: '"no-dot@localhost" is not a valid email address' },
          { line: 8, message: '"@example.com" is not a valid email address' },
          { line: 9, message: '"a@example..com" is not a valid email address' },
          { line: 10, message: 'the email is empty' },
        ],
      },
    ],
    [
      'an address longer than 254 characters',
      `email\n${'a'.repeat(250)}@example.com\n`,
      {
        rows: [],
        errors: [{ line: 2, message: `"${'a'.repeat(40)}…" is longer than 254 characters` }],
      },
    ],
    [
      'a duplicate within the file is an error on the later line, whatever its case',
      'email,name\nada@example.com,Ada\nbob@example.com,Bob\n ADA@example.com ,Ada again',
      {
        rows: [
          { email: 'ada@example.com', name: 'Ada', line: 2 },
          { email: 'bob@example.com', name: 'Bob', line: 3 },
        ],
        errors: [{ line: 4, message: '"ADA@example.com" is a duplicate of line 2' }],
      },
    ],
    [
      'an unterminated quote is an error on the line where the field started',
      'email,name\nada@example.com,Ada\nbob@example.com,"Bob\nmore\n',
      {
        rows: [{ email: 'ada@example.com', name: 'Ada', line: 2 }],
        errors: [{ line: 3, message: 'a quoted field starts in this record but its closing quote is missing' }],
      },
    ],
    [
      'an unterminated quote opened on a later line of a multi-line record names the record',
      'email,name,note\nada@example.com,"A\nB","open\n',
      {
        rows: [],
        errors: [{ line: 2, message: 'a quoted field starts in this record but its closing quote is missing' }],
      },
    ],
    [
      'text after a closing quote',
      'email,name\n"ada@example.com"x,Ada\nbob@example.com,Bob',
      {
        rows: [{ email: 'bob@example.com', name: 'Bob', line: 3 }],
        errors: [
          { line: 2, message: 'unexpected text after a closing quote; write "" for a quote inside a quoted field' },
        ],
      },
    ],
    ['a header and nothing else', 'email,name\n', { rows: [], errors: [] }],
    [
      'rows after a malformed one are still read',
      'email,name\n"ada@example.com"x,Ada\nbob@example.com,Bob\ncat@example.com,Cat\n',
      {
        rows: [
          { email: 'bob@example.com', name: 'Bob', line: 3 },
          { email: 'cat@example.com', name: 'Cat', line: 4 },
        ],
        errors: [{ line: 2, message: 'unexpected text after a closing quote; write "" for a quote inside a quoted field' }],
      },
    ],
    [
      'control characters are removed from names and emails',
      'email,name\nada@example.com\u0008,"Ada\u0000 Love\u0007lace\u009b"\n',
      { rows: [{ email: 'ada@example.com', name: 'Ada Lovelace', line: 2 }], errors: [] },
    ],
  ])('%s', (_label, text, expected) => {
    expect(parseSubscriberCsv(text, FILE)).toEqual(expected);
  });

  it.each<[string, string, number, RegExp]>([
    ['an empty file', '', 1, /empty/],
    ['only blank lines', '\n\r\n  \n', 1, /empty/],
    ['no email column', 'name,plan\nAda,pro\n', 1, /no "email" column \(found: "name", "plan"\)/],
    ['data where the header should be', 'ada@example.com,Ada\n', 1, /no "email" column/],
    ['a header after blank lines', '\n\nmail\nada@example.com', 3, /no "email" column/],
    ['a semicolon file without an email column', 'Name;Plan\nAda;pro\n', 1, /found: "Name", "Plan"/],
    ['an unterminated quote in the header', '"email,name\nada@example.com', 1, /closing quote is missing/],
  ])('throws CSV_INVALID for %s', (_label, text, line, message) => {
    let caught: unknown;
    try {
      parseSubscriberCsv(text, FILE);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DigestError);
    expect(caught).toMatchObject({
      code: 'CSV_INVALID',
      file: FILE,
      line,
    });
    expect((caught as DigestError).hint).toMatch(/^the first row must name the columns, e.g. "email,name"/);
    expect((caught as DigestError).message).toMatch(message);
  });
});

describe('parseSubscriberCsv header aliases', () => {
  it.each<[string, string]>([
    ['email', 'name'],
    ['Email', 'Name'],
    ['EMAIL', 'NAME'],
    ['E-Mail', 'Full Name'],
    ['e-mail address', 'full name'],
    ['Email Address', 'Name'],
    ['email_address', 'display_name'],
    [' Email  Address ', ' Subscriber Name '],
    ['E-Mail-Adresse', 'Name'],
    ['Subscriber Email', 'Your name'],
  ])('%s + %s', (emailHeader, nameHeader) => {
    const text = `"${emailHeader}",Plan,"${nameHeader}"\nAda@Example.com,pro,Ada Lovelace\n`;
    expect(parseSubscriberCsv(text, FILE)).toEqual({ rows: [{ email: 'ada@example.com', name: 'Ada Lovelace', line: 2 }], errors: [] });
  });

  it.each<[string, string, string | undefined]>([
    ['first and last name', 'Email Address,First Name,Last Name\nada@example.com,Ada,Lovelace', 'Ada Lovelace'],
    ['given and family name', 'email,given_name,family_name\nada@example.com,Ada,Lovelace', 'Ada Lovelace'],
    ['only a first name', 'email,First Name,Last Name\nada@example.com,Ada,', 'Ada'],
    ['a full name wins over first and last', 'email,First Name,Last Name,Name\nada@example.com,A,L,Ada Lovelace', 'Ada Lovelace'],
    ['first and last fill an empty name cell', 'email,Name,First Name,Last Name\nada@example.com,,Ada,Lovelace', 'Ada Lovelace'],
    ['Vorname and Nachname', 'E-Mail;Vorname;Nachname\nada@example.com;Ada;Lovelace', 'Ada Lovelace'],
    ['no name columns at all', 'e-mail;plan\nada@example.com;pro', undefined],
  ])('%s', (_label, text, name) => {
    const row = parseSubscriberCsv(text, FILE).rows[0];
    expect(row?.email).toBe('ada@example.com');
    expect(row?.name).toBe(name);
  });
});

describe('parseSubscriberCsv delimiters', () => {
  it.each<[string, string]>([
    ['comma', 'email,name\nada@example.com,"Lovelace, Ada"\nbob@example.com,Bob'],
    ['semicolon', 'email;name\nada@example.com;Lovelace, Ada\nbob@example.com;Bob'],
    ['tab', 'email\tname\nada@example.com\tLovelace, Ada\nbob@example.com\tBob'],
    ['semicolon with quoted semicolons', 'email;name\n"ada@example.com";"Lovelace, Ada"\nbob@example.com;"Bob"'],
    ['a BOM before a tab header', '\uFEFFEmail Address\tName\nada@example.com\tLovelace, Ada\nbob@example.com\tBob'],
  ])('%s', (_label, text) => {
    expect(parseSubscriberCsv(text, FILE)).toEqual({
      rows: [
        { email: 'ada@example.com', name: 'Lovelace, Ada', line: 2 },
        { email: 'bob@example.com', name: 'Bob', line: 3 },
      ],
      errors: [],
    });
  });
});
