/**
 * Bytes of an import file → text. UTF-8 is strict: a byte that is not UTF-8
 * (a Latin-1 "é", say) is an error naming the line, never a silent "�". Any
 * other encoding iconv-lite knows is decoded as asked; a UTF-16 byte order
 * mark (Excel's "Unicode text") is honoured on its own.
 */
import iconv from 'iconv-lite';
import { DigestError, ErrorCodes } from '../errors.js';

const UTF8_NAMES = new Set(['utf8', 'utf-8']);

/** Whether `name` is an encoding `--encoding` accepts. */
export function isKnownEncoding(name: string): boolean {
  return iconv.encodingExists(name.trim().toLowerCase());
}

/**
 * Decodes `bytes` read from `file` (shown in messages) as `encoding`
 * (default UTF-8). A leading BOM is dropped.
 *
 * @throws DigestError INPUT_INVALID for an unknown encoding, CSV_INVALID for bytes that are not UTF-8.
 */
export function decodeCsvBytes(bytes: Uint8Array, file: string, encoding = 'utf-8'): string {
  const name = encoding.trim().toLowerCase();
  if (!isKnownEncoding(name)) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, `unknown encoding "${encoding}"`, {
      field: '--encoding',
      hint: 'use an encoding name such as utf-8, latin1, windows-1252 or utf-16le',
    });
  }
  if (!UTF8_NAMES.has(name)) return iconv.decode(Buffer.from(bytes), name);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(Buffer.from(bytes), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(Buffer.from(bytes), 'utf-16be');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new DigestError(ErrorCodes.CSV_INVALID, 'the file is not valid UTF-8 (a byte on this line is not a UTF-8 character)', {
      file,
      line: firstInvalidLine(bytes),
      hint: 'save it as UTF-8, or name its encoding, e.g. --encoding latin1 (or windows-1252)',
      cause: error,
    });
  }
}

/** The 1-based line of the first byte sequence that is not UTF-8 (a line feed never occurs inside one). */
function firstInvalidLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch (error) {
      if (error instanceof TypeError) return line;
      throw error;
    }
    line += 1;
    start = end + 1;
  }
  return line;
}
