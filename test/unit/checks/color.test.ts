import { describe, expect, it } from 'vitest';
import { blend, colorInBackground, contrastRatio, luminance, parseColor, toHex } from '../../../src/checks/color.js';

describe('parseColor', () => {
  it.each([
    ['#fff', '#ffffff', 1],
    ['#0B5CAD', '#0b5cad', 1],
    ['#0b5cad80', '#0b5cad', 128 / 255],
    ['rgb(255, 0, 0)', '#ff0000', 1],
    ['rgba(0,0,0,0.5)', '#000000', 0.5],
    ['rgb(0 128 0 / 50%)', '#008000', 0.5],
    ['hsl(0, 100%, 50%)', '#ff0000', 1],
    ['hsl(120 100% 25%)', '#008000', 1],
    ['White', '#ffffff', 1],
    ['rebeccapurple', '#663399', 1],
    ['transparent', '#000000', 0],
  ])('%s → %s (alpha %d)', (value, hex, alpha) => {
    const color = parseColor(value);
    expect(color && toHex(color)).toBe(hex);
    expect(color?.a).toBeCloseTo(alpha, 3);
  });

  it.each(['', 'inherit', 'var(--x)', '#ggg', 'rgb(1,2)', 'url(a.png)'])('%j is not a colour', (value) => {
    expect(parseColor(value)).toBeUndefined();
  });

  it('finds the colour in a background shorthand', () => {
    expect(toHex(colorInBackground('#161b22 url(x.png) no-repeat')!)).toBe('#161b22');
    expect(toHex(colorInBackground('url(x.png) rgb(1, 2, 3)')!)).toBe('#010203');
    expect(colorInBackground('url(x.png) no-repeat')).toBeUndefined();
  });
});

describe('WCAG contrast', () => {
  const white = parseColor('#fff')!;
  const black = parseColor('#000')!;
  it('has the luminance of the extremes and of mid grey', () => {
    expect(luminance(white)).toBeCloseTo(1, 5);
    expect(luminance(black)).toBe(0);
    // sRGB 0x77 is the classic 4.48:1 grey on white.
    expect(luminance(parseColor('#777')!)).toBeCloseTo(0.1845, 3);
  });

  it.each([
    ['#000', '#fff', 21],
    ['#fff', '#fff', 1],
    ['#777', '#fff', 4.48],
    ['#767676', '#fff', 4.54],
    ['#0b5cad', '#ffffff', 6.67],
    ['#99aabb', '#ffffff', 2.38],
  ])('%s on %s is %d:1, in either order', (first, second, ratio) => {
    expect(contrastRatio(parseColor(first)!, parseColor(second)!)).toBeCloseTo(ratio, 1);
    expect(contrastRatio(parseColor(second)!, parseColor(first)!)).toBeCloseTo(ratio, 1);
  });

  it('blends a translucent colour over what is below it', () => {
    expect(toHex(blend(parseColor('rgba(0,0,0,0.5)')!, white))).toBe('#808080');
    expect(toHex(blend(parseColor('transparent')!, white))).toBe('#ffffff');
  });
});
