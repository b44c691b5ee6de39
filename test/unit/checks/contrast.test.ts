import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/checks/color.js';
import { analyseContrast, type Scene } from '../../../src/checks/contrast-analysis.js';
import { checkContrast } from '../../../src/checks/contrast.js';

/** An email with `head` CSS and `body` markup. */
const email = (css: string, body: string) =>
  `<!doctype html><html><head><meta name="color-scheme" content="light dark"><style>${css}</style></head><body>${body}</body></html>`;

/** The colours of the text `text` in `scene`, as #rrggbb on #rrggbb. */
function colours(html: string, text: string, scene: Scene = 'light'): string | undefined {
  const pair = analyseContrast(html).pairs.find((candidate) => candidate.scene === scene && candidate.text === text);
  return pair && `${toHex(pair.color)} on ${toHex(pair.background)}`;
}

describe('analyseContrast', () => {
  it('takes colours from inline styles and backgrounds from the nearest ancestor that has one', () => {
    const html = email('', '<table bgcolor="#222222"><tr><td><div style="color:#eeeeee"><span>Inner</span></div></td></tr></table>');
    expect(colours(html, 'Inner')).toBe('#eeeeee on #222222');
  });

  it('lets inline styles win over rules, and !important rules over inline styles', () => {
    const html = email('p { color: #ff0000 } .x { color: #00ff00 !important }', '<p style="color:#111111">Plain</p><p class="x" style="color:#111111">Forced</p>');
    expect(colours(html, 'Plain')).toBe('#111111 on #ffffff');
    expect(colours(html, 'Forced')).toBe('#00ff00 on #ffffff');
  });

  it('orders rules by specificity, then by position', () => {
    const html = email('.card p { color: #222222 } p { color: #999999 } p.s { color: #333333 } p.s { color: #444444 }', '<div class="card"><p>Card</p><p class="s">Small</p></div>');
    expect(colours(html, 'Card')).toBe('#222222 on #ffffff');
    expect(colours(html, 'Small')).toBe('#444444 on #ffffff');
  });

  it('gives links the default link blue unless they are coloured', () => {
    const html = email('', '<div style="color:#333333"><a href="https://a.example">Blue</a> <a href="https://b.example" style="color:#0b5cad">Ours</a></div>');
    expect(colours(html, 'Blue')).toBe('#0000ee on #ffffff');
    expect(colours(html, 'Ours')).toBe('#0b5cad on #ffffff');
  });

  it('applies the prefers-color-scheme: dark rules in the dark scene only', () => {
    const html = email(
      '@media (prefers-color-scheme: dark) { .bg { background: #0d1117 !important } .bg p { color: #e6edf3 !important } }',
      '<div class="bg" style="background:#ffffff"><p style="color:#1f2328">Hello</p></div>',
    );
    expect(colours(html, 'Hello', 'light')).toBe('#1f2328 on #ffffff');
    expect(colours(html, 'Hello', 'dark')).toBe('#e6edf3 on #0d1117');
    expect(analyseContrast(html).scenes).toEqual(['light', 'dark']);
  });

  it('applies prefers-color-scheme: light rules in the light scene only', () => {
    const html = email('@media (prefers-color-scheme: light) { p { color: #333333 } }', '<div style="color:#eeeeee;background:#222222"><p>Hi</p></div>');
    expect(colours(html, 'Hi', 'light')).toBe('#333333 on #222222');
    expect(colours(html, 'Hi', 'dark')).toBe('#eeeeee on #222222');
  });

  it("applies Outlook.com's [data-ogsc] and [data-ogsb] rules in a scene of their own", () => {
    const html = email(
      '[data-ogsb] .bg { background-color: #111111 !important } [data-ogsc] .t { color: #fafafa !important }',
      '<div class="bg" style="background:#ffffff"><p class="t" style="color:#222222">Text</p></div>',
    );
    const analysis = analyseContrast(html);
    expect(analysis.scenes).toEqual(['light', 'dark', 'outlook-dark']);
    expect(colours(html, 'Text', 'light')).toBe('#222222 on #ffffff');
    expect(colours(html, 'Text', 'dark')).toBe('#222222 on #ffffff');
    expect(colours(html, 'Text', 'outlook-dark')).toBe('#fafafa on #111111');
  });

  it('skips hidden text: display none, opacity 0, zero max-height with overflow hidden, zero font size', () => {
    const html = email('', [
      '<div style="display:none;color:#ffffff">Preheader</div>',
      '<div style="opacity:0;color:#ffffff">Faded</div>',
      '<div style="max-height:0;overflow:hidden;color:#ffffff">Folded</div>',
      '<td style="font-size:0px;color:#ffffff">Zero</td>',
      '<p style="color:#000000">Shown</p>',
    ].join(''));
    expect(analyseContrast(html).pairs.filter((pair) => pair.scene === 'light').map((pair) => pair.text)).toEqual(['Shown']);
  });

  it('knows large text: 24px, or 18.66px (14pt) bold, inherited through em and headings', () => {
    const html = email('h1 { font-size: 2em }', '<div style="font-size:12px"><h1>Heading</h1></div><p style="font-size:14pt"><b>Bold</b> plain</p><p style="font-size:24px">Big</p>');
    const pairs = analyseContrast(html).pairs.filter((pair) => pair.scene === 'light');
    const large = (text: string) => pairs.find((pair) => pair.text === text)?.large;
    expect(large('Heading')).toBe(true);
    expect(pairs.find((pair) => pair.text === 'Heading')?.fontSizePx).toBe(24);
    expect(large('Bold')).toBe(true);
    expect(large('plain')).toBe(false);
    expect(large('Big')).toBe(true);
  });

  it('blends translucent text over its background', () => {
    expect(colours(email('', '<p style="color:rgba(0,0,0,0.5)">Half</p>'), 'Half')).toBe('#808080 on #ffffff');
  });
});

describe('checkContrast', () => {
  const ACCENT = '#0b5cad';

  it('is quiet about text that reads well in every scene', () => {
    const html = email(
      '@media (prefers-color-scheme: dark) { .bg { background: #0d1117 !important } .bg p { color: #e6edf3 !important } .bg a { color: #6cb6ff !important } }',
      '<div class="bg" style="background:#ffffff"><p style="color:#1f2328">Hello <a href="https://x.example" style="color:#0b5cad">link</a></p></div>',
    );
    expect(checkContrast(html, ACCENT).filter((found) => found.severity !== 'info')).toEqual([]);
  });

  it('reports a dark-mode rule that leaves text too faint, naming the scene, text and colours', () => {
    const html = email(
      '@media (prefers-color-scheme: dark) { .m { color: #9198a1 !important } }',
      '<table><tr><td bgcolor="#0b5cad" class="m" style="color:#ffffff;font-size:16px">NH</td></tr></table>',
    );
    const errors = checkContrast(html, ACCENT).filter((found) => found.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^dark mode.*"NH".*#9198a1.*#0b5cad.*under 4\.5:1/);
  });

  it('allows 3:1 for large text only', () => {
    // #949494 on white is about 3.03:1.
    const html = email('', '<p style="color:#949494;font-size:24px">Large</p><p style="color:#949494;font-size:16px">Small</p>');
    const messages = checkContrast(html, ACCENT).filter((found) => found.severity === 'error').map((found) => found.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('"Small"');
  });

  it('reports one finding per colour pair, counting the texts it covers', () => {
    const html = email('', ['One', 'Two', 'Three'].map((text) => `<p style="color:#cccccc">${text}</p>`).join(''));
    const errors = checkContrast(html, ACCENT).filter((found) => found.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('"One" and 2 more');
  });

  it('names theme.accent when the accent on the email background is under 4.5:1, even if no text uses it yet', () => {
    const plain = email('', '<div style="background:#ffffff"><p style="color:#222222">Text <a href="https://x.example" style="color:#222222">link</a></p></div>');
    const errors = checkContrast(plain, '#9ab').filter((found) => found.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^theme\.accent #9ab .*#ffffff.*2\.3\d:1, under 4\.5:1/);
    expect(checkContrast(plain, ACCENT).filter((found) => found.severity === 'error')).toEqual([]);
  });

  it('reports accent-coloured links once, as the theme.accent error', () => {
    const html = email('', '<div style="background:#ffffff"><p style="color:#222222"><a href="https://x.example" style="color:#99aabb">link</a></p></div>');
    const errors = checkContrast(html, '#99aabb').filter((found) => found.severity === 'error');
    expect(errors.map((found) => found.message)).toEqual([expect.stringMatching(/^theme\.accent #99aabb/)]);
  });

  it("notes when nothing targets Outlook.com's dark mode", () => {
    const notes = checkContrast(email('', '<p>Hi</p>'), ACCENT).filter((found) => found.severity === 'info');
    expect(notes.map((found) => found.message)).toEqual([expect.stringContaining('[data-ogsc]')]);
  });
});
