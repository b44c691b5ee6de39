import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DigestError } from '../../../src/errors.js';
import { decodeCsvBytes } from '../../../src/store/csv-decode.js';

const FILE = 'subscribers.csv';
const text = 'email,name\nada@example.com,José Müller\n';

describe('decodeCsvBytes', () => {
  it.each<[string, Buffer, string | undefined]>([
    ['UTF-8', Buffer.from(text, 'utf8'), undefined],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), undefined],
    ['UTF-8 named', Buffer.from(text, 'utf8'), 'UTF-8'],
    ['Latin-1 named latin1', iconv.encode(text, 'latin1'), 'latin1'],
    ['Latin-1 named ISO-8859-1', iconv.encode(text, 'latin1'), 'ISO-8859-1'],
    ['Windows-1252', iconv.encode(text, 'windows-1252'), 'windows-1252'],
    ['UTF-16LE with a BOM, unnamed', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]), undefined],
    ['UTF-16BE with a BOM, unnamed', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]), undefined],
  ])('%s', (_label, bytes, encoding) => {
    expect(decodeCsvBytes(bytes, FILE, encoding)).toBe(text);
  });

  it.each<[string, Buffer, number]>([
    ['Latin-1 on line 2', iconv.encode(text, 'latin1'), 2],
    ['Latin-1 on line 4', iconv.encode('email\na@example.com\nb@example.com\nc@example.com,Zoë\n', 'latin1'), 4],
    ['a lone continuation byte on line 1', Buffer.from([0x65, 0x80, 0x0a]), 1],
    ['a truncated sequence at the end', Buffer.from([0x65, 0x0a, 0x65, 0xc3]), 2],
  ])('refuses bytes that are not UTF-8: %s', (_label, bytes, line) => {
    let caught: unknown;
    try {
      decodeCsvBytes(bytes, FILE);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DigestError);
    expect(caught).toMatchObject({ code: 'CSV_INVALID', file: FILE, line });
    expect((caught as DigestError).hint).toMatch(/--encoding latin1/);
  });

  it('refuses an unknown encoding, naming the option', () => {
    expect(() => decodeCsvBytes(Buffer.from(text), FILE, 'klingon-8')).toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID', field: '--encoding', message: 'unknown encoding "klingon-8"' }),
    );
  });
});
