/** Colour arithmetic for the theme: WCAG 2 contrast, and an accent kept readable in dark mode. */

type Rgb = [number, number, number];

/** Parses "#abc" or "#aabbcc". */
export function parseHex(hex: string): Rgb {
  const digits = hex.replace(/^#/, '');
  const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits;
  const value = Number.parseInt(full, 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** "#rrggbb", lower case. */
export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two hex colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(parseHex(a)), luminance(parseHex(b))].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * `colour` itself when it reaches `min` contrast on `background`, else the
 * nearest mix towards white (dark backgrounds) or black (light ones) that does.
 */
export function readableOn(colour: string, background: string, min = 4.5): string {
  if (contrastRatio(colour, background) >= min) return toHex(parseHex(colour));
  const from = parseHex(colour);
  const target: Rgb = luminance(parseHex(background)) < 0.5 ? [255, 255, 255] : [0, 0, 0];
  for (let step = 1; step <= 20; step++) {
    const mixed = from.map((channel, i) => channel + ((target[i] ?? 0) - channel) * (step / 20)) as Rgb;
    const hex = toHex(mixed);
    if (contrastRatio(hex, background) >= min) return hex;
  }
  return toHex(target);
}
