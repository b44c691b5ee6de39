import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFeedBody } from '../../../../src/collect/feeds/decode.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url));

const declared = (encoding: string, text: string): string => `<?xml version="1.0" encoding="${encoding}"?><t>${text}</t>`;

describe('decodeFeedBody', () => {
  it.each([
    ['a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<t>é</t>')]), undefined, 'utf-8', '<t>é</t>'],
    ['a UTF-16LE BOM', iconv.encode('<t>é</t>', 'utf-16le', { addBOM: true }), undefined, 'utf-16le', '<t>é</t>'],
    ['a UTF-16BE BOM', iconv.encode('<t>é</t>', 'utf-16be', { addBOM: true }), undefined, 'utf-16be', '<t>é</t>'],
    ['a BOM over the Content-Type', iconv.encode('<t>ü</t>', 'utf-16le', { addBOM: true }), 'text/xml; charset=iso-8859-1', 'utf-16le', '<t>ü</t>'],
    ['the Content-Type charset', iconv.encode('<t>ü</t>', 'latin1'), 'application/rss+xml; charset=ISO-8859-1', 'windows-1252', '<t>ü</t>'],
    ['a quoted Content-Type charset', iconv.encode('<t>ü</t>', 'latin1'), 'text/xml;charset="latin1"', 'windows-1252', '<t>ü</t>'],
    ['the Content-Type over the declaration', Buffer.from(declared('ISO-8859-1', 'ü')), 'text/xml; charset=utf-8', 'utf-8', declared('ISO-8859-1', 'ü')],
    ['UTF-16LE without a BOM', iconv.encode(declared('UTF-16', 'ж'), 'utf-16le'), undefined, 'utf-16le', declared('UTF-16', 'ж')],
    ['UTF-16BE without a BOM', iconv.encode(declared('UTF-16', 'ж'), 'utf-16be'), undefined, 'utf-16be', declared('UTF-16', 'ж')],
    ['the declaration (windows-1252)', iconv.encode(declared('windows-1252', '“€”'), 'windows-1252'), undefined, 'windows-1252', declared('windows-1252', '“€”')],
    ['the declaration (Shift_JIS)', iconv.encode(declared('Shift_JIS', '日本語'), 'shift_jis'), undefined, 'shift_jis', declared('Shift_JIS', '日本語')],
    // ISO-8859-1 feeds often hold Windows smart quotes in 0x80-0x9F, which browsers read as windows-1252.
    ['ISO-8859-1 as windows-1252', Buffer.concat([Buffer.from(declared('ISO-8859-1', '')), Buffer.from([0x93, 0x69, 0x94])]), undefined, 'windows-1252', `${declared('ISO-8859-1', '')}“i”`],
    ['a declaration in single quotes', iconv.encode("<?xml version='1.0' encoding='iso-8859-15'?><t>€</t>", 'iso-8859-15'), undefined, 'iso-8859-15', "<?xml version='1.0' encoding='iso-8859-15'?><t>€</t>"],
    // A declaration readable as ASCII cannot be right about UTF-16.
    ['an ASCII declaration claiming UTF-16', Buffer.from(declared('UTF-16', 'é')), undefined, 'utf-8', declared('UTF-16', 'é')],
    ['nothing (UTF-8)', Buffer.from('<t>é</t>'), undefined, 'utf-8', '<t>é</t>'],
    ['nothing, JSON', Buffer.from('{"title":"é"}'), 'application/feed+json', 'utf-8', '{"title":"é"}'],
  ])('reads by %s', (_case, body, contentType, encoding, text) => {
    const decoded = decodeFeedBody(body, contentType);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(text);
    expect(decoded.warnings).toEqual([]);
  });

  it.each([
    ['a string with a BOM', '\ufeff<rss/>', '<rss/>'],
    ['a string without one', '<rss/>', '<rss/>'],
  ])('strips the BOM of %s', (_case, body, text) => {
    expect(decodeFeedBody(body).text).toBe(text);
  });

  it.each([
    ['Content-Type', Buffer.from(declared('windows-1252', '')), 'text/xml; charset=x-klingon', 'windows-1252', 'unknown charset "x-klingon" in the Content-Type header; ignored'],
    ['declaration', Buffer.from(declared('x-klingon', 'é')), undefined, 'utf-8', 'unknown encoding "x-klingon" in the XML declaration; read as UTF-8'],
  ])('warns about an unknown encoding in the %s and reads on', (_where, body, contentType, encoding, warning) => {
    const decoded = decodeFeedBody(body, contentType);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.warnings).toEqual([warning]);
  });

  it.each([
    ['iso-8859-1.xml', 'windows-1252', 'Grüße aus Köln'],
    ['windows-1252.xml', 'windows-1252', '“Smart” quotes'],
    ['shift-jis.xml', 'shift_jis', '日本語のフィード'],
    ['utf-8-bom.xml', 'utf-8', 'With a BOM'],
    ['utf-16le-bom.xml', 'utf-16le', 'UTF-16 Ελληνικά'],
  ])('decodes the fixture %s as %s', (name, encoding, title) => {
    const decoded = decodeFeedBody(fixture(name));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text.startsWith('<?xml')).toBe(true);
    expect(decoded.text).toContain(`<title>${title}</title>`);
  });
});
