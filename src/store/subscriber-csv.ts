import { DigestError, ErrorCodes } from '../errors.js';
import { readCsvRecords, type CsvRecord } from './csv.js';
import { emailProblem, normalizeEmail } from './email.js';

/** A valid subscriber row from an import file. */
export interface SubscriberCsvRow {
  /** Trimmed and lower-cased, as it will be stored. */
  email: string;
  /** Absent when the file has no `name` column or the cell is empty. */
  name?: string;
  /** 1-based physical line the row starts on. */
  line: number;
}

/** A rejected row, reported so the import can list every problem at once. */
export interface SubscriberCsvError {
  line: number;
  message: string;
}

/** Result of {@link parseSubscriberCsv}. */
export interface SubscriberCsv {
  rows: SubscriberCsvRow[];
  errors: SubscriberCsvError[];
}

const HEADER_HINT = 'the first row must name the columns, e.g. "email,name"';

const isBlankRecord = (record: CsvRecord): boolean =>
  record.error === undefined && record.fields.every((value) => value.trim() === '');

/**
 * Parses a subscriber import file. The header row must have an `email`
 * column (any case); `name` is optional and other columns are ignored.
 * Bad rows, including later duplicates of an email, land in `errors` with
 * their line number; only an unusable header throws.
 *
 * @throws DigestError CSV_INVALID when the header row is missing or has no `email` column.
 */
export function parseSubscriberCsv(text: string, file: string): SubscriberCsv {
  const records = readCsvRecords(text).filter((record) => !isBlankRecord(record));
  const header = records[0];
  if (header === undefined) {
    throw new DigestError(ErrorCodes.CSV_INVALID, 'the file is empty: no header row', {
      file,
      line: 1,
      hint: HEADER_HINT,
    });
  }
  if (header.error) {
    throw new DigestError(ErrorCodes.CSV_INVALID, `the header row is malformed: ${header.error.message}`, {
      file,
      line: header.error.line,
      hint: HEADER_HINT,
    });
  }
  const columns = header.fields.map((value) => value.trim().toLowerCase());
  const emailColumn = columns.indexOf('email');
  const nameColumn = columns.indexOf('name');
  if (emailColumn === -1) {
    throw new DigestError(
      ErrorCodes.CSV_INVALID,
      `the header row has no "email" column (found: ${header.fields.map((value) => `"${value}"`).join(', ')})`,
      { file, line: header.line, hint: HEADER_HINT },
    );
  }

  const rows: SubscriberCsvRow[] = [];
  const errors: SubscriberCsvError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of records.slice(1)) {
    if (record.error) {
      errors.push(record.error);
      continue;
    }
    const rawEmail = (record.fields[emailColumn] ?? '').trim();
    if (rawEmail === '') {
      errors.push({ line: record.line, message: 'the email is empty' });
      continue;
    }
    const problem = emailProblem(rawEmail);
    if (problem !== undefined) {
      errors.push({ line: record.line, message: problem });
      continue;
    }
    const email = normalizeEmail(rawEmail);
    const firstLine = firstLineOf.get(email);
    if (firstLine !== undefined) {
      errors.push({ line: record.line, message: `"${rawEmail}" is a duplicate of line ${firstLine}` });
      continue;
    }
    firstLineOf.set(email, record.line);
    const name = nameColumn === -1 ? '' : (record.fields[nameColumn] ?? '').trim();
    rows.push(name === '' ? { email, line: record.line } : { email, name, line: record.line });
  }
  return { rows, errors };
}
