/**
 * Colour maths for the contrast check: CSS colour values to RGBA, WCAG 2
 * relative luminance and contrast ratio.
 */
import { NAMED_COLORS } from './color-names.js';

/** A colour with 0–255 channels and alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNCTION = /^(rgba?|hsla?)\(\s*([^)]*)\)$/i;

/** A CSS colour value (hex, rgb()/rgba(), hsl()/hsla(), a name, `transparent`), or undefined if it is not one. */
export function parseColor(value: string): Rgba | undefined {
  const text = value.trim().toLowerCase();
  if (text === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const named = NAMED_COLORS[text];
  if (named) return parseColor(`#${named}`);
  const hex = HEX.exec(text)?.[1];
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((digit) => digit + digit).join('') : hex;
    const channel = (index: number) => parseInt(full.slice(index * 2, index * 2 + 2), 16);
    return { r: channel(0), g: channel(1), b: channel(2), a: full.length === 8 ? channel(3) / 255 : 1 };
  }
  const call = FUNCTION.exec(text);
  if (!call?.[1] || call[2] === undefined) return undefined;
  const parts = call[2].split(/\s*[,/]\s*|\s+/).filter(Boolean);
  if (parts.length < 3 || parts.length > 4) return undefined;
  const alpha = parts[3] === undefined ? 1 : fraction(parts[3]);
  if (alpha === undefined) return undefined;
  if (call[1].startsWith('rgb')) {
    const channels = parts.slice(0, 3).map((part) => (part.endsWith('%') ? (parseFloat(part) / 100) * 255 : parseFloat(part)));
    if (channels.some((channel) => Number.isNaN(channel))) return undefined;
    const [r = 0, g = 0, b = 0] = channels.map((channel) => clamp(channel, 0, 255));
    return { r, g, b, a: alpha };
  }
  const hue = parseFloat(parts[0] ?? '');
  const saturation = parseFloat(parts[1] ?? '') / 100;
  const lightness = parseFloat(parts[2] ?? '') / 100;
  if ([hue, saturation, lightness].some((number) => Number.isNaN(number))) return undefined;
  return { ...hslToRgb(hue, clamp(saturation, 0, 1), clamp(lightness, 0, 1)), a: alpha };
}

function fraction(text: string): number | undefined {
  const number = parseFloat(text);
  if (Number.isNaN(number)) return undefined;
  return clamp(text.endsWith('%') ? number / 100 : number, 0, 1);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function hslToRgb(hue: number, saturation: number, lightness: number): Omit<Rgba, 'a'> {
  const k = (n: number) => (n + (((hue % 360) + 360) % 360) / 30) % 12;
  const amount = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => 255 * (lightness - amount * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1)));
  return { r: channel(0), g: channel(8), b: channel(4) };
}

/** `color` painted over `below` (which is taken as opaque). */
export function blend(color: Rgba, below: Rgba): Rgba {
  const mix = (top: number, bottom: number) => top * color.a + bottom * (1 - color.a);
  return { r: mix(color.r, below.r), g: mix(color.g, below.g), b: mix(color.b, below.b), a: 1 };
}

/** WCAG 2 relative luminance of an opaque colour. */
export function luminance(color: Rgba): number {
  const linear = (channel: number) => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b);
}

/** WCAG 2 contrast ratio of two opaque colours, 1 to 21. */
export function contrastRatio(first: Rgba, second: Rgba): number {
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** A colour as `#rrggbb` (alpha dropped). */
export function toHex(color: Rgba): string {
  const channel = (value: number) => Math.round(value).toString(16).padStart(2, '0');
  return `#${channel(color.r)}${channel(color.g)}${channel(color.b)}`;
}

/** The first colour in a `background` shorthand value, e.g. `#fff url(x.png) no-repeat` → #fff. */
export function colorInBackground(value: string): Rgba | undefined {
  const direct = parseColor(value);
  if (direct) return direct;
  for (const token of value.match(/(?:rgba?|hsla?)\([^)]*\)|#[0-9a-f]{3,8}\b|\b[a-z]+\b/gi) ?? []) {
    const color = parseColor(token);
    if (color) return color;
  }
  return undefined;
}
