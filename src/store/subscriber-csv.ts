import { DigestError, ErrorCodes } from '../errors.js';
import { readCsvRecords, type CsvRecord } from './csv.js';
import { emailProblem, normalizeEmail } from './email.js';

/** A valid subscriber row from an import file. */
export interface SubscriberCsvRow {
  /** Trimmed and lower-cased, as it will be stored. */
  email: string;
  /** Absent when the file has no name column(s) or the cells are empty. */
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

/** The columns a subscriber file may have, by role. */
export type SubscriberColumn = 'email' | 'name' | 'firstName' | 'lastName';

/**
 * Header names by role, compared as {@link headerKey}s: "E-Mail",
 * "Email Address", "e_mail_address" and "EMAIL" are all `emailaddress` or
 * `email`; exports of the common mailing-list tools use these.
 */
const HEADER_ALIASES: Record<SubscriberColumn, RegExp> = {
  email: /^(?:subscriber|contact|user|member|customer|primary|work|personal)?e?mail(?:address|adresse|addr)?$|^adresseemail$|^courriel$/,
  name: /^(?:subscriber|contact|user|member|customer|display|your|full)?name$|^nombre$/,
  firstName: /^(?:first|given|fore)(?:name)?$|^vorname$|^prenom$/,
  lastName: /^(?:last|family|sur)(?:name)?$|^nachname$|^nom$/,
};

/** A header cell reduced for matching: lower case, letters only ("E-Mail Address" → "emailaddress"). */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** The role of a header cell, or undefined for a column the import ignores. "Mail" alone is not taken for an email column. */
export function columnRole(header: string): SubscriberColumn | undefined {
  const key = headerKey(header);
  if (key === 'mail') return undefined;
  return (Object.keys(HEADER_ALIASES) as SubscriberColumn[]).find((role) => HEADER_ALIASES[role].test(key));
}

// C0 and C1 controls but tab and line feed: they come from broken exports and would reach every email.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const isBlankRecord = (record: CsvRecord): boolean =>
  record.error === undefined && record.fields.every((value) => value.trim() === '');

/**
 * Parses a subscriber import file. The header row must have an email column
 * (`email`, `E-Mail`, `Email Address`, …, any case); a name comes from a
 * `name` / `Full Name` column, else from `First Name` + `Last Name`; other
 * columns are ignored. The delimiter (`,` `;` or tab) is the header's.
 * Bad rows, including later duplicates of an email, land in `errors` with
 * their line number; only an unusable header throws.
 *
 * @throws DigestError CSV_INVALID when the header row is missing or has no email column.
 */
export function parseSubscriberCsv(text: string, file: string): SubscriberCsv {
  const records = readCsvRecords(text).filter((record) => !isBlankRecord(record));
  const header = records[0];
  if (header === undefined) {
    throw new DigestError(ErrorCodes.CSV_INVALID, 'the file is empty: no header row', { file, line: 1, hint: HEADER_HINT });
  }
  if (header.error) {
    throw new DigestError(ErrorCodes.CSV_INVALID, `the header row is malformed: ${header.error.message}`, {
      file,
      line: header.error.line,
      hint: HEADER_HINT,
    });
  }
  const columns = columnsOf(header.fields);
  if (columns.email === undefined) {
    throw new DigestError(
      ErrorCodes.CSV_INVALID,
      `the header row has no "email" column (found: ${header.fields.map((value) => `"${value}"`).join(', ')})`,
      { file, line: header.line, hint: `${HEADER_HINT}; "E-Mail" and "Email Address" work too` },
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
    const rawEmail = cell(record, columns.email);
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
    const name = nameOf(record, columns);
    rows.push(name === '' ? { email, line: record.line } : { email, name, line: record.line });
  }
  return { rows, errors };
}

/** The first column of each role. */
function columnsOf(headers: string[]): Partial<Record<SubscriberColumn, number>> {
  const columns: Partial<Record<SubscriberColumn, number>> = {};
  headers.forEach((header, index) => {
    const role = columnRole(header);
    if (role !== undefined && columns[role] === undefined) columns[role] = index;
  });
  return columns;
}

function cell(record: CsvRecord, column: number | undefined): string {
  return column === undefined ? '' : (record.fields[column] ?? '').replace(CONTROL, '').trim();
}

function nameOf(record: CsvRecord, columns: Partial<Record<SubscriberColumn, number>>): string {
  const full = cell(record, columns.name);
  if (full !== '') return full;
  return [cell(record, columns.firstName), cell(record, columns.lastName)].filter(Boolean).join(' ');
}

/** One CSV field, quoted when it holds a delimiter, a quote or a line break (RFC 4180). */
function csvField(value: string): string {
  return /[",;\t\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The list as CSV with the header `email,name,status`, one subscriber a
 * line (`\n` line ends, no final one). An absent name is an empty field. The
 * output imports back unchanged.
 */
export function formatSubscriberCsv(subscribers: readonly { email: string; name: string | null; status: string }[]): string {
  const lines = ['email,name,status', ...subscribers.map((s) => [s.email, s.name ?? '', s.status].map(csvField).join(','))];
  return lines.join('\n');
}
