import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/checks/color.js';
import { analyseContrast } from '../../../src/checks/contrast-analysis.js';

/** An email with `head` CSS and `body` markup. */
const email = (css: string, body: string) =>
  `<!doctype html><html><head><style>${css}</style></head><body>${body}</body></html>`;

function outlookColours(html: string): Record<string, string> {
  return Object.fromEntries(
    analyseContrast(html).pairs.filter((pair) => pair.scene === 'outlook-dark').map((pair) => [pair.text, `${toHex(pair.color)} on ${toHex(pair.background)}`]),
  );
}

const BODY = '<div class="bg"><p class="t">Plain</p><p class="t k" data-x="1">Keyed</p><span class="s">Span</span></div>';

describe("Outlook.com's rules match as if every element were marked", () => {
  it('in every position a bare [data-ogsc]/[data-ogsb] test can take', () => {
    const html = email(
      [
        '[data-ogsb] .bg { background-color: #101010 !important }',
        'div[data-ogsc] .t { color: #eeeeee !important }',
        '[data-ogsc].k, [data-ogsc] > .bg > .k { color: #dddddd !important }',
        '.bg > [data-ogsc] { color: #cccccc }',
        '[ data-ogsc ] span:not([data-ogsb]) { color: #000000 !important }',
      ].join(' '),
      BODY,
    );
    expect(outlookColours(html)).toEqual({ Plain: '#eeeeee on #101010', Keyed: '#dddddd on #101010', Span: '#cccccc on #101010' });
  });

  it('leaves a parsed document as it was, with bare and with value tests', () => {
    for (const css of ['[data-ogsc] .t { color: #eeeeee !important }', '[data-ogsc=""] .t { color: #eeeeee !important }']) {
      const { document } = parseHTML(email(css, BODY));
      const before = document.toString();
      const first = analyseContrast(document);
      expect(document.toString()).toBe(before);
      expect(analyseContrast(document)).toEqual(first);
      expect(outlookColours(before).Plain).toBe('#eeeeee on #ffffff');
    }
  });

  it('with a value test, which only real attributes answer, by marking every element', () => {
    // Outlook.com's marks carry no value: a rule for data-ogsc="dark" never applies, a rule for ="" always does.
    const html = email('[data-ogsc="dark"] .t { color: #eeeeee !important } [data-ogsb=""] .bg { background-color: #202020 !important }', BODY);
    expect(outlookColours(html)).toEqual({ Plain: '#000000 on #202020', Keyed: '#000000 on #202020', Span: '#000000 on #202020' });
  });
});
