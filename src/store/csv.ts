/** A problem found while splitting a CSV file into records. */
export interface CsvRecordError {
  line: number;
  message: string;
}

/** One logical CSV record. */
export interface CsvRecord {
  /** 1-based physical line the record starts on. */
  line: number;
  /** Field values; unquoted fields are trimmed, quoted ones kept verbatim. */
  fields: string[];
  error?: CsvRecordError;
}

const isBlank = (ch: string): boolean => ch === ' ' || ch === '\t';

/**
 * Splits RFC 4180 CSV into records: quoted fields with `""` escapes, commas
 * and line breaks inside quotes, CRLF / LF / CR line endings, a leading
 * UTF-8 BOM. Line breaks inside quoted fields become `\n`. Lenient where
 * spreadsheets are sloppy: spaces around a quoted field are ignored and a
 * stray quote inside an unquoted field is kept as text.
 */
export function readCsvRecords(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let afterQuote = false;
  let quoteLine = 1;
  let error: CsvRecordError | undefined;

  const endField = (): void => {
    fields.push(quoted ? field : field.trim());
    field = '';
    quoted = false;
    afterQuote = false;
  };
  const endRecord = (): void => {
    endField();
    records.push(error ? { line: recordLine, fields, error } : { line: recordLine, fields });
    fields = [];
    error = undefined;
  };

  let i = 0;
  while (i < src.length) {
    const ch = src[i] ?? '';
    const isBreak = ch === '\n' || ch === '\r';
    const breakLength = ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
    if (inQuotes) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        inQuotes = false;
        afterQuote = true;
        i += 1;
      } else if (isBreak) {
        field += '\n';
        line += 1;
        i += breakLength;
      } else {
        field += ch;
        i += 1;
      }
      continue;
    }
    if (ch === ',') {
      endField();
    } else if (isBreak) {
      endRecord();
      line += 1;
      recordLine = line;
      i += breakLength;
      continue;
    } else if (afterQuote) {
      if (!isBlank(ch)) {
        error ??= { line, message: `unexpected text after a closing quote; write "" for a quote inside a quoted field` };
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      inQuotes = true;
      quoted = true;
      quoteLine = line;
      field = '';
    } else {
      field += ch;
    }
    i += 1;
  }

  if (inQuotes) {
    error ??= {
      line: quoteLine,
      message: 'a quoted field starts on this line but its closing quote is missing',
    };
  }
  if (fields.length > 0 || field !== '' || quoted || error) endRecord();
  return records;
}
