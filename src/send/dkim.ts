import crypto, { type KeyObject } from 'node:crypto';

/**
 * A DKIM signer (RFC 6376) with relaxed/relaxed canonicalisation, rsa-sha256
 * or ed25519-sha256 (RFC 8463) after the key's type.
 *
 * It is ours because it must oversign: a header named once more in `h=` than
 * it occurs signs its absence, so a copy prepended in transit (a second
 * List-Unsubscribe, From or Subject, which most clients read first) breaks the
 * signature. nodemailer's and mailauth's signers name each header once.
 */

/** DKIM signing settings (the key itself, read from `dkim.privateKeyFile`). */
export interface DkimSettings {
  domain: string;
  selector: string;
  /** PEM private key, RSA or Ed25519. */
  privateKey: string;
}

/** Options of {@link createDkimSigner} and {@link signMessage}. */
export interface SignOptions {
  /** Headers signed once per occurrence; default {@link DKIM_SIGNED_HEADERS}. */
  headers?: readonly string[];
  /** Headers signed once more than they occur; default {@link DKIM_OVERSIGNED_HEADERS}. */
  oversign?: readonly string[];
  /** The signing time (`t=`); default now. */
  now?: () => Date;
}

/**
 * Headers signed once more than they occur: the identity a reader sees and
 * the list headers a client acts on. RFC 8058 §4 requires both one-click
 * headers to be signed.
 */
export const DKIM_OVERSIGNED_HEADERS = ['From', 'Subject', 'List-Id', 'List-Unsubscribe', 'List-Unsubscribe-Post'] as const;

/** Further headers signed as they occur (absent ones are left out). */
export const DKIM_SIGNED_HEADERS = [
  'Reply-To',
  'Date',
  'Message-ID',
  'To',
  'MIME-Version',
  'Content-Type',
  'Feedback-ID',
  'List-Archive',
] as const;

/** One header field as it stands in the message: its name and the whole field, folding kept. */
interface HeaderField {
  name: string;
  field: string;
}

/** Splits a raw message at its first empty line (CRLF or bare LF). */
function splitMessage(raw: Buffer): { head: string; body: Buffer } {
  const text = raw.toString('latin1');
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { head: text, body: Buffer.alloc(0) };
  return { head: text.slice(0, match.index), body: raw.subarray(match.index + match[0].length) };
}

function parseHeaderFields(head: string): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const line of head.split(/\r?\n/)) {
    const last = fields.at(-1);
    if (/^[ \t]/.test(line) && last) last.field += `\r\n${line}`;
    else if (line !== '') fields.push({ name: line.slice(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(), field: line });
  }
  return fields;
}

/** RFC 6376 §3.4.2: lower-case name, unfolded value, runs of WSP as one space, none around the colon or at the end. */
export function relaxedHeader(field: string): string {
  const colon = field.indexOf(':');
  const name = field.slice(0, colon).trim().toLowerCase();
  const value = field
    .slice(colon + 1)
    .replace(/\r?\n(?=[ \t])/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return `${name}:${value}`;
}

/** RFC 6376 §3.4.4: no WSP at line ends, runs of WSP as one space, no empty lines at the end, CRLF line ends. */
export function relaxedBody(body: Buffer): Buffer {
  const lines = body.toString('latin1').split(/\r?\n/);
  const canonical = lines.map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (canonical.length > 0 && canonical.at(-1) === '') canonical.pop();
  return Buffer.from(canonical.length === 0 ? '' : `${canonical.join('\r\n')}\r\n`, 'latin1');
}

/**
 * The `h=` list and the fields it selects, in signing order. A name listed
 * n times selects its last n occurrences from the bottom up (§5.4.2); a name
 * listed once more than it occurs selects nothing the last time.
 */
function selectHeaders(fields: HeaderField[], signed: readonly string[], oversigned: readonly string[]): { names: string[]; selected: HeaderField[] } {
  const names: string[] = [];
  const selected: HeaderField[] = [];
  const oversignedNames = new Set(oversigned.map((name) => name.toLowerCase()));
  const order = [...oversigned, ...signed.filter((name) => !oversignedNames.has(name.toLowerCase()))];
  for (const header of order) {
    const name = header.toLowerCase();
    const occurrences = fields.filter((field) => field.name === name).reverse();
    selected.push(...occurrences);
    const times = occurrences.length + (oversignedNames.has(name) ? 1 : 0);
    for (let i = 0; i < times; i++) names.push(header);
  }
  return { names, selected };
}

/** Folds a tag list at the separators so that no line runs far past 76 characters. */
function fold(parts: string[], separator: string, indentFirst: number): string {
  let out = '';
  let lineLength = indentFirst;
  parts.forEach((part, i) => {
    const piece = i < parts.length - 1 ? `${part}${separator}` : part;
    if (out !== '' && lineLength + piece.length > 76) {
      out = `${out.trimEnd()}\r\n\t`;
      lineLength = 1;
    }
    out += piece;
    lineLength += piece.length;
  });
  return out;
}

/** A key's DKIM algorithm, or why it cannot sign. */
export function dkimAlgorithmOf(key: KeyObject): 'rsa-sha256' | 'ed25519-sha256' {
  if (key.type !== 'private') throw new Error('not a private key');
  if (key.asymmetricKeyType === 'rsa') return 'rsa-sha256';
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519-sha256';
  throw new Error(`a ${key.asymmetricKeyType ?? 'symmetric'} key, not RSA or Ed25519`);
}

/**
 * The DNS TXT record that publishes a private key's public half at
 * `<selector>._domainkey.<domain>`: `v=DKIM1; k=rsa; p=<SPKI>` or, for
 * Ed25519, `k=ed25519` with the bare 32-byte key (RFC 8463 §4.2). For
 * self-verification and for telling the user what to publish.
 */
export function dkimPublicRecord(privateKey: string): string {
  const key = crypto.createPublicKey(crypto.createPrivateKey(privateKey));
  const spki = key.export({ type: 'spki', format: 'der' });
  if (key.asymmetricKeyType === 'ed25519') return `v=DKIM1; k=ed25519; p=${spki.subarray(-32).toString('base64')}`;
  return `v=DKIM1; k=rsa; p=${spki.toString('base64')}`;
}

/**
 * Prepares a signer for one key (parsed once): it takes a raw RFC 5322
 * message and returns it with a `DKIM-Signature` header prepended. Throws
 * when the key cannot sign, so a message is never sent unsigned by mistake.
 */
export function createDkimSigner(settings: DkimSettings, options: SignOptions = {}): (raw: Buffer) => Buffer {
  const key = crypto.createPrivateKey(settings.privateKey);
  const algorithm = dkimAlgorithmOf(key);
  const signed = options.headers ?? DKIM_SIGNED_HEADERS;
  const oversigned = options.oversign ?? DKIM_OVERSIGNED_HEADERS;
  const now = options.now ?? (() => new Date());
  return (raw) => {
    const { head, body } = splitMessage(raw);
    const bodyHash = crypto.createHash('sha256').update(relaxedBody(body)).digest('base64');
    const { names, selected } = selectHeaders(parseHeaderFields(head), signed, oversigned);
    const tags = [
      'v=1',
      `a=${algorithm}`,
      'c=relaxed/relaxed',
      `d=${settings.domain}`,
      `s=${settings.selector}`,
      `t=${Math.floor(now().getTime() / 1000)}`,
      `bh=${bodyHash}`,
      `h=${fold(names, ':', 'h='.length + 1)}`,
    ];
    const unsigned = `DKIM-Signature: ${fold(tags, '; ', 'DKIM-Signature: '.length)};\r\n\tb=`;
    const data = `${selected.map((field) => `${relaxedHeader(field.field)}\r\n`).join('')}${relaxedHeader(unsigned)}`;
    const input = Buffer.from(data, 'latin1');
    // RFC 8463 §3: Ed25519 signs the SHA-256 digest of the data, not the data.
    const signature =
      algorithm === 'rsa-sha256'
        ? crypto.sign('sha256', input, key)
        : crypto.sign(null, crypto.createHash('sha256').update(input).digest(), key);
    const b = signature.toString('base64').match(/.{1,72}/g) ?? [];
    return Buffer.concat([Buffer.from(`${unsigned}${b.join('\r\n\t')}\r\n`, 'latin1'), raw]);
  };
}

/**
 * Signs one raw message: returns it with a `DKIM-Signature` prepended that
 * oversigns {@link DKIM_OVERSIGNED_HEADERS} and signs {@link DKIM_SIGNED_HEADERS}.
 * For many messages, {@link createDkimSigner} parses the key once.
 */
export function signMessage(raw: Buffer, settings: DkimSettings, options: SignOptions = {}): Buffer {
  return createDkimSigner(settings, options)(raw);
}
