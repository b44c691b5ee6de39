import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';

/** One captured message in the outbox list. */
export interface OutboxEntry {
  /** Path relative to the data folder; the id used to open it. */
  id: string;
  /** `outbox` for deliveries, `test-sends` for "send me a test". */
  kind: 'outbox' | 'test-sends';
  issue: string;
  file: string;
  bytes: number;
  modified: string;
}

/** A captured message opened for reading. */
export interface OutboxMessage {
  id: string;
  headers: { name: string; value: string }[];
  subject: string;
  from: string;
  to: string;
  date: string | null;
  html: string | null;
  text: string | null;
}

const KINDS = ['outbox', 'test-sends'] as const;

/** Every captured `.eml` under `dataDir/outbox/` and `dataDir/test-sends/`, newest first. */
export function listOutbox(dataDir: string, limit = 200): OutboxEntry[] {
  const entries: OutboxEntry[] = [];
  for (const kind of KINDS) {
    const root = path.join(dataDir, kind);
    if (!fs.existsSync(root)) continue;
    for (const issue of fs.readdirSync(root)) {
      const dir = path.join(root, issue);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const file of fs.readdirSync(dir)) {
        if (!file.endsWith('.eml')) continue;
        const stat = fs.statSync(path.join(dir, file));
        entries.push({ id: `${kind}/${issue}/${file}`, kind, issue, file, bytes: stat.size, modified: stat.mtime.toISOString() });
      }
    }
  }
  return entries.sort((a, b) => b.modified.localeCompare(a.modified) || a.id.localeCompare(b.id)).slice(0, limit);
}

/** Resolves an outbox id to its file, refusing anything outside the outbox folders. */
export function outboxFile(dataDir: string, id: string): string | undefined {
  const [kind, issue, file, ...rest] = id.split('/');
  if (rest.length || !kind || !issue || !file || !(KINDS as readonly string[]).includes(kind)) return undefined;
  if (![issue, file].every((part) => /^[A-Za-z0-9@._+-]+$/.test(part) && !part.startsWith('.'))) return undefined;
  const resolved = path.join(dataDir, kind, issue, file);
  return fs.existsSync(resolved) ? resolved : undefined;
}

/** Parses a captured message like a mail client would. */
export async function readOutboxMessage(dataDir: string, id: string): Promise<OutboxMessage | undefined> {
  const file = outboxFile(dataDir, id);
  if (!file) return undefined;
  const mail = await simpleParser(fs.readFileSync(file));
  const addressText = (value: typeof mail.to | typeof mail.from): string =>
    !value ? '' : Array.isArray(value) ? value.map((item) => item.text).join(', ') : value.text;
  return {
    id,
    headers: mail.headerLines.map((line) => {
      const colon = line.line.indexOf(':');
      return { name: line.line.slice(0, colon), value: line.line.slice(colon + 1).trim() };
    }),
    subject: mail.subject ?? '',
    from: addressText(mail.from),
    to: addressText(mail.to),
    date: mail.date ? mail.date.toISOString() : null,
    html: typeof mail.html === 'string' ? mail.html : null,
    text: mail.text ?? null,
  };
}
