import { describe, expect, it } from 'vitest';
import { badgeColorOf, cutAtSentence, initialsOf, truncateText, wrapText } from '../../../src/render/format.js';

const FOX = 'The quick brown fox jumps over the lazy dog';

describe('wrapText', () => {
  it.each([
    ['list items stay on lines of their own', 'Two things:\n- One thing\n- Another', 72, 'Two things:\n- One thing\n- Another'],
    ['a long item hangs under its text', '- alpha beta gamma delta', 14, '- alpha beta\n  gamma delta'],
    ['numbered items and quotes', '1. First\n2) Second\n> Quoted line', 72, '1. First\n2) Second\n> Quoted line'],
    ['a soft break inside a paragraph runs together', 'one line\nand its rest', 72, 'one line and its rest'],
    ['a soft break inside an item continues the item', '- one\n  more of it', 72, '- one more of it'],
  ])('%s', (_name, text, width, expected) => {
    expect(wrapText(text, width)).toBe(expected);
  });

  it.each([
    [FOX, 15, 0, 'The quick brown\nfox jumps over\nthe lazy dog'],
    [FOX, 15, 2, '  The quick brown\n  fox jumps over\n  the lazy dog'],
    [FOX, 80, 0, FOX],
    ['One para here.\n\nSecond para\nwith a line break.', 12, 0, 'One para\nhere.\n\nSecond para\nwith a line\nbreak.'],
    ['a\n\n\n\nb', 10, 0, 'a\n\nb'],
    ['  spaced   out  words ', 72, 0, 'spaced out words'],
    ['Supercalifragilistic word', 10, 0, 'Supercalifragilistic\nword'],
    ['', 10, 0, ''],
  ])('wraps %j at %i columns, indent %i', (text, width, indent, expected) => {
    expect(wrapText(text, width, indent)).toBe(expected);
  });

  it('keeps every line within the width unless a single word is longer', () => {
    const text = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.';
    for (const width of [10, 20, 33, 72]) {
      const lines = wrapText(text, width).split('\n');
      for (const line of lines) expect(line.length <= width || !line.includes(' ')).toBe(true);
      expect(lines.join(' ')).toBe(text);
    }
  });
});

describe('truncateText', () => {
  it.each([
    ['Short', 10, 'Short'],
    ['Exactly eleven', 14, 'Exactly eleven'],
    [FOX, 20, 'The quick brown fox…'],
    ['Hello, world again', 14, 'Hello, world…'],
    ['Wait, what happened here', 8, 'Wait…'],
    ['Supercalifragilisticexpialidocious word', 20, 'Supercalifragilisti…'],
    ['abc', 3, 'abc'],
    ['abc', 1, '…'],
  ])('cuts %j to %i → %j', (text, max, expected) => {
    expect(truncateText(text, max)).toBe(expected);
  });

  it('never exceeds max, ends with an ellipsis when cut, and cuts at a word boundary when one is near', () => {
    const text = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.';
    for (let max = 1; max <= text.length + 5; max++) {
      const cut = truncateText(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      if (max >= text.length) {
        expect(cut).toBe(text);
        continue;
      }
      expect(cut.endsWith('…')).toBe(true);
      const kept = cut.slice(0, -1);
      expect(text.startsWith(kept)).toBe(true);
      expect(kept).not.toMatch(/[\s,;:.-]$/);
      // With a space in the second half of the cut, the cut lands right before a space.
      if (text.slice(0, max - 1).lastIndexOf(' ') > max / 2) expect(text[kept.length]).toMatch(/[\s,;:.-]/);
    }
  });
});

describe('initialsOf', () => {
  it.each([
    ['Noor Haddad', 'NH'],
    ['Tomás Lindqvist', 'TL'],
    ['Élodie de la Cour', 'ÉC'],
    ['ömer ünal', 'ÖÜ'],
    ['Prince', 'P'],
    ['  Noor   Haddad  ', 'NH'],
    ['Ana María Ruiz', 'AR'],
    ['Jean-Luc Picard', 'JP'],
    ['Kenji Sato (guest)', 'KG'],
    ['Dr. Jane Doe', 'DD'],
    ['李 小龍', '李小'],
    ['Σωκράτης Παππάς', 'ΣΠ'],
    ['— Noor Haddad', 'NH'],
    ['42', '?'],
    ['', '?'],
  ])('%j → %j', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});

/** WCAG 2.x relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

describe('badgeColorOf', () => {
  const names = Array.from({ length: 500 }, (_, i) => `Author ${i} ${String.fromCodePoint(0x41 + (i % 26))}`);

  it('gives the same name the same colour every time', () => {
    for (const name of ['Noor Haddad', 'Tomás Lindqvist', '']) expect(badgeColorOf(name)).toBe(badgeColorOf(name));
    expect(badgeColorOf('Noor Haddad')).toMatchInlineSnapshot(`"#0b5cad"`);
  });

  it('uses the whole palette, and every colour has contrast ≥ 4.5:1 with white text', () => {
    const palette = new Set(names.map(badgeColorOf));
    expect(palette.size).toBeGreaterThan(3);
    for (const color of palette) {
      expect(color).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrastWithWhite(color)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('computes contrast the WCAG way (sanity check of the helper)', () => {
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 5);
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1, 5);
    expect(contrastWithWhite('#767676')).toBeCloseTo(4.54, 2);
  });
});

describe('cutAtSentence', () => {
  const BIO = 'Priya leads storage. She wrote the queue we use today. Before that she ran a bank\'s database team.';

  it.each([
    [BIO, 200, BIO],
    [BIO, 60, 'Priya leads storage. She wrote the queue we use today.'],
    [BIO, 54, 'Priya leads storage. She wrote the queue we use today.'],
    [BIO, 53, 'Priya leads storage.'],
    // Abbreviations do not end a sentence.
    ['Dr. Weiss builds pipelines. He also pays for them.', 30, 'Dr. Weiss builds pipelines.'],
    ['Tools, e.g. queues and caches. More here.', 32, 'Tools, e.g. queues and caches.'],
    ['Wo ist das? Hier ist es.', 14, 'Wo ist das?'],
    ['  Spaced   out.   Text here.  ', 16, 'Spaced out.'],
  ])('cuts %j to %i characters at a sentence end', (text, max, expected) => {
    expect(cutAtSentence(text, max)).toBe(expected);
  });

  it('cuts a first sentence that is too long at a word boundary, with an ellipsis', () => {
    const cut = cutAtSentence('A single sentence that goes on and on without ever stopping for breath.', 30);
    expect(cut).toBe('A single sentence that goes…');
    expect(cut.length).toBeLessThanOrEqual(30);
  });

  it('never cuts mid-word', () => {
    for (let max = 10; max < BIO.length; max += 3) {
      const cut = cutAtSentence(BIO, max).replace(/…$/, '');
      expect(BIO.startsWith(cut)).toBe(true);
      expect([' ', undefined]).toContain(BIO[cut.length]);
    }
  });
});
