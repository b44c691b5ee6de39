import { describe, expect, it } from 'vitest';
import { checkClientSupport, featureNeedle, unsupportedFeatures } from '../../../src/checks/client-support.js';
import { mjmlSkeleton } from '../../../src/checks/mjml-skeleton.js';
import { compileMjml } from '../../../src/render/mjml.js';

const page = (body: string, css = '') => `<!doctype html><html><head><style>${css}</style></head><body>${body}</body></html>`;

describe('unsupportedFeatures', () => {
  it("reads caniemail's data per client, Outlook.com included", () => {
    const found = unsupportedFeatures(page('<div style="border-radius:8px">x</div>'), ['outlook.windows', 'outlook.outlook-com', 'apple-mail.macos']);
    expect(found.get('border-radius')?.get('outlook.windows')).toBe('none');
    expect(found.get('border-radius')?.has('apple-mail.macos')).toBe(false);
  });

  it('says nothing of a client that supports everything used', () => {
    expect(unsupportedFeatures(page('<p>plain</p>'), ['apple-mail.ios']).size).toBe(0);
  });
});

describe('featureNeedle', () => {
  it.each([
    ['border-radius', 'border-radius'],
    ['<svg> element', '<svg'],
    ['aria-hidden attribute', 'aria-hidden'],
    ['display:none', 'display:none'],
    ['!important keyword', '!important'],
    ['Descendant combinator', undefined],
  ])('%s → %s', (title, needle) => expect(featureNeedle(title)).toBe(needle));
});

describe('mjmlSkeleton', () => {
  it('keeps the components and their nesting, and drops attributes, the head but for title and preview, and raw HTML', () => {
    const skeleton = mjmlSkeleton(`<mjml lang="en"><mj-head><mj-title>T</mj-title><mj-preview>P</mj-preview><mj-attributes><mj-all font-family="x" /></mj-attributes><mj-style>a { color: red }</mj-style><mj-raw><meta name="x"></mj-raw></mj-head>
<mj-body css-class="bg"><mj-section border-radius="8px"><mj-column><mj-text color="#fff"><p style="display:flex">Hi</p></mj-text><mj-image src="a.png" alt="" /><mj-raw><svg></svg></mj-raw></mj-column></mj-section></mj-body></mjml>`);
    expect(skeleton.replace(/\n/g, '')).toBe('<mjml><mj-head><mj-title>x</mj-title><mj-preview>x</mj-preview></mj-head><mj-body><mj-section><mj-column><mj-text>x</mj-text><mj-image /></mj-column></mj-section></mj-body></mjml>');
  });
});

describe('checkClientSupport', () => {
  const MJML = `<mjml><mj-body><mj-section border-radius="8px"><mj-column><mj-text><p style="opacity:0.9">Hello</p></mj-text></mj-column></mj-section></mj-body></mjml>`;
  const templates = [
    { file: 'templates/layouts/digest.mjml.hbs', text: '<mj-section border-radius="8px">' },
    { file: 'templates/partials/article.mjml.hbs', text: '<p style="opacity: 0.9">{{title}}</p>' },
  ];

  it("warns of the template's features, naming clients and template file, and notes MJML's own", async () => {
    const html = (await compileMjml(MJML, 'test')).html;
    const skeletonHtml = (await compileMjml(mjmlSkeleton(MJML), 'skeleton')).html;
    const checks = checkClientSupport({ html, skeletonHtml, clients: ['outlook.windows', 'yahoo.desktop-webmail'], templateFiles: templates });
    const warnings = checks.filter((found) => found.severity === 'warning');
    expect(warnings).toContainEqual(expect.objectContaining({
      check: 'client-support',
      file: 'templates/layouts/digest.mjml.hbs',
      message: expect.stringMatching(/^"border-radius" from the template \(in templates\/layouts\/digest\.mjml\.hbs\) is not supported by Outlook for Windows/),
    }));
    expect(warnings).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/^"opacity" from the template \(in templates\/partials\/article\.mjml\.hbs\) is not supported by Outlook for Windows, Yahoo Mail web/) }));
    const fromMjml = checks.find((found) => found.message.startsWith('from MJML:'));
    expect(fromMjml?.severity).toBe('info');
    // MJML writes word-spacing on the body of every email: MJML's, never the template's.
    expect(fromMjml?.message).toContain('word-spacing');
    expect(warnings.some((found) => found.message.includes('word-spacing'))).toBe(false);
  });

  it('counts every feature as the template\'s when there is no skeleton', () => {
    const checks = checkClientSupport({ html: page('<p style="word-spacing:1px">x</p>'), skeletonHtml: '', clients: ['outlook.windows'], templateFiles: [] });
    expect(checks).toContainEqual(expect.objectContaining({ severity: 'warning', message: expect.stringContaining('"word-spacing" from the template is not supported by Outlook for Windows') }));
  });

  it('notes a feature the template declares a fallback for, and still warns of the others', async () => {
    const html = (await compileMjml(MJML, 'test')).html;
    const skeletonHtml = (await compileMjml(mjmlSkeleton(MJML), 'skeleton')).html;
    const fallbacks = { 'Border-Radius': 'decorative: square corners where it is missing' };
    const checks = checkClientSupport({ html, skeletonHtml, clients: ['outlook.windows'], templateFiles: templates, fallbacks });
    const warnings = checks.filter((found) => found.severity === 'warning').map((found) => found.message);
    expect(warnings.some((message) => message.includes('border-radius'))).toBe(false);
    expect(warnings.some((message) => message.startsWith('"opacity"'))).toBe(true);
    expect(checks).toContainEqual(expect.objectContaining({
      severity: 'info',
      message: expect.stringContaining('with a fallback the template declares: border-radius (decorative: square corners where it is missing)'),
    }));
  });
});
