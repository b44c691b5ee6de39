/**
 * CSV text → records with the line each starts on, parsed by `csv-parse`.
 * A malformed record is reported and parsing goes on with the next line, so
 * one stray quote does not hide every row after it.
 */
import { CsvError, parse } from 'csv-parse/sync';

/** A problem found while splitting a CSV file into records. */
export interface CsvRecordError {
  line: number;
  message: string;
}

/** One logical CSV record. */
export interface CsvRecord {
  /** 1-based physical line the record starts on. */
  line: number;
  /** Field values; unquoted fields are trimmed, quoted ones kept verbatim (line breaks as `\n`). */
  fields: string[];
  error?: CsvRecordError;
}

/** Field delimiters a file may use; {@link sniffDelimiter} picks one. */
export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/**
 * The delimiter of the header row: whichever of `,` `;` and tab occurs most
 * often in the first non-blank line, outside quotes (`,` when none does).
 * The header decides because data rows may hold unquoted commas in names.
 */
export function sniffDelimiter(text: string): CsvDelimiter {
  const start = text.search(/[^\s\uFEFF]/);
  if (start === -1) return ',';
  const counts = new Map<string, number>();
  let inQuotes = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && (CSV_DELIMITERS as readonly string[]).includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: CsvDelimiter = ',';
  for (const delimiter of CSV_DELIMITERS) if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

const MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field starts in this record but its closing quote is missing',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'unexpected text after a closing quote; write "" for a quote inside a quoted field',
  CSV_INVALID_CLOSING_QUOTE: 'unexpected text after a closing quote; write "" for a quote inside a quoted field',
};

/** Each malformed record restarts the parser on the rest of the file: past this many, reading stops. */
export const MAX_MALFORMED_RECORDS = 100;

/**
 * Splits CSV text into records (RFC 4180: quoted fields with `""` escapes,
 * delimiters and line breaks inside quotes, CRLF / LF / CR line endings, a
 * leading BOM). Blank lines are records of one empty field, so every line is
 * accounted for. Lenient where spreadsheets are sloppy: spaces around a
 * quoted field are ignored and a stray quote inside an unquoted field is text.
 */
export function readCsvRecords(source: string, delimiter: CsvDelimiter = sniffDelimiter(source)): CsvRecord[] {
  // csv-parse counts a CRLF inside quotes as two lines; with one kind of line break it counts right.
  const text = source.replace(/\r\n?/g, '\n');
  const lineStarts = lineStartOffsets(text);
  const records: CsvRecord[] = [];
  // Lines before the slice being parsed: after an error, parsing restarts on the next line.
  let linesBefore = 0;
  let malformed = 0;
  while (linesBefore < lineStarts.length) {
    if (malformed === MAX_MALFORMED_RECORDS) {
      const line = linesBefore + 1;
      records.push({ line, fields: [], error: { line, message: `more than ${MAX_MALFORMED_RECORDS} malformed records: stopped reading here` } });
      break;
    }
    let lastEnd = linesBefore;
    try {
      parse(text.slice(lineStarts[linesBefore]), {
        bom: linesBefore === 0,
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        trim: true,
        on_record: (record: string[], context) => {
          records.push({ line: lastEnd + 1, fields: record });
          lastEnd = linesBefore + context.lines;
          return null;
        },
      });
      break;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const errorLine = linesBefore + (typeof error.lines === 'number' && error.lines > 0 ? error.lines : 1);
      // An unclosed quote is only noticed at the end of the file: name the record it opened in.
      const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? lastEnd + 1 : errorLine;
      const message = MESSAGES[error.code] ?? error.message.replace(/\s+at line \d+.*$/, '');
      records.push({ line, fields: [], error: { line, message } });
      malformed += 1;
      linesBefore = Math.max(errorLine, lastEnd + 1);
    }
  }
  return records;
}

/** Offsets where each line begins, without one after a final line break. */
function lineStartOffsets(text: string): number[] {
  const starts = text.length === 0 ? [] : [0];
  for (let next = text.indexOf('\n'); next !== -1 && next + 1 < text.length; next = text.indexOf('\n', next + 1)) starts.push(next + 1);
  return starts;
}
