import iconv from 'iconv-lite';

/** A feed body as text, with the encoding it was read in. */
export interface DecodedBody {
  text: string;
  /** The encoding used, as iconv-lite names it (`utf-8`, `windows-1252`, `shift_jis`, …). */
  encoding: string;
  warnings: string[];
}

/**
 * Browsers read these labels as windows-1252 (https://encoding.spec.whatwg.org/#names-and-labels),
 * and feeds that say ISO-8859-1 routinely hold Windows "smart quotes" in 0x80-0x9F.
 */
const WINDOWS_1252_ALIASES = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'cp819', 'ibm819', 'us-ascii', 'ascii']);

const XML_DECLARATION = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;

/**
 * Text of a feed body. A Buffer is read by, in order: its byte-order mark,
 * the Content-Type charset, UTF-16 without a BOM (an XML declaration in
 * UTF-16), the XML declaration's `encoding=`, else UTF-8. A string only
 * loses its BOM.
 */
export function decodeFeedBody(body: Buffer | string, contentType?: string): DecodedBody {
  if (typeof body === 'string') {
    return { text: body.charCodeAt(0) === 0xfeff ? body.slice(1) : body, encoding: 'utf-8', warnings: [] };
  }
  const warnings: string[] = [];
  const encoding = bomEncoding(body) ?? headerEncoding(contentType, warnings) ?? utf16WithoutBom(body) ?? declaredEncoding(body, warnings) ?? 'utf-8';
  // iconv-lite drops a BOM of the encoding it decodes.
  return { text: iconv.decode(body, encoding), encoding, warnings };
}

function bomEncoding(body: Buffer): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return undefined;
}

function headerEncoding(contentType: string | undefined, warnings: string[]): string | undefined {
  const label = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  if (!label) return undefined;
  const encoding = known(label);
  if (!encoding) warnings.push(`unknown charset "${label}" in the Content-Type header; ignored`);
  return encoding;
}

/** "<?" in UTF-16 without a BOM (https://www.w3.org/TR/xml/#sec-guessing-no-ext-info). */
function utf16WithoutBom(body: Buffer): string | undefined {
  if (body[0] === 0x3c && body[1] === 0x00 && body[2] === 0x3f && body[3] === 0x00) return 'utf-16le';
  if (body[0] === 0x00 && body[1] === 0x3c && body[2] === 0x00 && body[3] === 0x3f) return 'utf-16be';
  return undefined;
}

function declaredEncoding(body: Buffer, warnings: string[]): string | undefined {
  const head = body.subarray(0, 512).toString('latin1');
  const label = XML_DECLARATION.exec(head)?.[1];
  if (!label) return undefined;
  // A declaration we could read as ASCII cannot be UTF-16 or UTF-32, whatever it says.
  if (/^utf-?(16|32)/i.test(label)) return undefined;
  const encoding = known(label);
  if (!encoding) warnings.push(`unknown encoding "${label}" in the XML declaration; read as UTF-8`);
  return encoding;
}

function known(label: string): string | undefined {
  const lower = label.toLowerCase();
  if (WINDOWS_1252_ALIASES.has(lower)) return 'windows-1252';
  return iconv.encodingExists(lower) ? lower : undefined;
}
