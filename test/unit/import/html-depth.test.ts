import { describe, expect, it } from 'vitest';
import { limitPassed, measureHtml } from '../../../src/import/html-depth.js';

const UNLIMITED = { depth: Infinity, elements: Infinity, nesting: Infinity };

describe('measureHtml', () => {
  it.each<[string, string, number, number]>([
    ['empty', '', 0, 0],
    ['text only', 'a < b and c > d', 0, 0],
    ['siblings', '<div></div><div></div>', 1, 2],
    ['nesting', '<div><section><span>x</span></section></div>', 3, 3],
    ['void elements do not nest', '<div><br><img src="x"><hr/><input></div>', 1, 5],
    ['self-closing siblings are not counted as nesting', '<ul><li>a<li>b<li><p>c<p>d</ul>', 1, 6],
    ['elements that look alike but nest are counted', '<caption><caption><thead><thead><body><body>', 6, 6],
    ['<div/> opens a div in HTML', '<div/><div/><div/>', 3, 3],
    ['but closes in SVG', '<svg><path/><path/><g/></svg>', 1, 4],
    ['an end tag closes what it implies', '<div><span><b>x</div><div></div>', 3, 4],
    ['a stray end tag changes nothing', '</div></span><div></div>', 1, 1],
    ['comments are skipped', '<!-- <div><div><div> --><div></div>', 1, 1],
    ['script and style text is skipped', '<script>if (a<b) "<div><div>"</script><style><div></style><div></div>', 1, 3],
    ['upper case names', '<DIV><Div></div></DIV>', 2, 2],
    ['a doctype and processing instruction', '<!DOCTYPE html><?xml version="1.0"?><div></div>', 1, 1],
    ['attributes', '<div class="a" data-x=\'1\'><a href="/x">y</a></div>', 2, 2],
  ])('%s', (_label, html, depth, elements) => {
    expect(measureHtml(html, UNLIMITED)).toMatchObject({ depth, elements });
  });

  it.each<[string, string, 'depth' | 'elements' | 'nesting' | undefined]>([
    ['a normal page', `<html><body>${'<div><p>text</p></div>'.repeat(100)}</body></html>`, undefined],
    ['too deep', '<div>'.repeat(11), 'depth'],
    ['too many elements', '<i></i>'.repeat(301), 'elements'],
    ['too much nesting overall', ('<b>'.repeat(9) + '</b>'.repeat(9)).repeat(20), 'nesting'],
  ])('limitPassed: %s', (_label, html, passed) => {
    const limits = { depth: 10, elements: 300, nesting: 800 };
    expect(limitPassed(measureHtml(html, limits), limits)).toBe(passed);
  });

  it('stops counting past a limit, so a huge page costs one partial pass', () => {
    expect(measureHtml('<div>'.repeat(1_000_000), { depth: 256, elements: Infinity, nesting: Infinity }).depth).toBe(257);
  });
});
