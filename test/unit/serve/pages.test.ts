import { describe, expect, it } from 'vitest';
import { archiveIndexPage, confirmPage, donePage, errorPage } from '../../../src/serve/pages.js';

describe('public pages', () => {
  it('confirmPage asks with a one-click form that posts back to the same URL', () => {
    const html = confirmPage('Field Notes', 'ana@example.com');
    expect(html).toContain('<h1>Unsubscribe from Field Notes?</h1>');
    expect(html).toContain('<p>ana@example.com will stop receiving Field Notes.</p>');
    expect(html).toContain(
      '<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>',
    );
    expect(html).toContain('<meta name="robots" content="noindex">');
  });

  it.each([
    ['confirmPage', confirmPage],
    ['donePage', donePage],
  ])('%s escapes the newsletter name and the address', (_name, render) => {
    const html = render('News <script>alert(1)</script> & "Co"', 'x"><img src=x onerror=alert(1)>@example.com');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('News &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(html).toContain('x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;@example.com');
  });

  it('errorPage escapes its title and message', () => {
    const html = errorPage('<b>Bad</b>', 'Use the <a href="x">link</a>');
    expect(html).toContain('<title>&lt;b&gt;Bad&lt;/b&gt;</title>');
    expect(html).toContain('<h1>&lt;b&gt;Bad&lt;/b&gt;</h1>');
    expect(html).toContain('<p>Use the &lt;a href=&quot;x&quot;&gt;link&lt;/a&gt;</p>');
  });

  it('archiveIndexPage links every issue in the given order with its escaped subject', () => {
    const html = archiveIndexPage('Field Notes', [
      { id: '2026-W49', subject: 'Field Notes · Nov 30 – Dec 6, 2026' },
      { id: '2026-W48', subject: 'Q&A <special>' },
    ]);
    expect(html).toContain(
      '<ul><li><a href="/archive/2026-W49">Field Notes · Nov 30 – Dec 6, 2026</a></li><li><a href="/archive/2026-W48">Q&amp;A &lt;special&gt;</a></li></ul>',
    );
  });

  it('archiveIndexPage says so when nothing has been sent', () => {
    const html = archiveIndexPage('Field Notes', []);
    expect(html).toContain('<p>No issues have been sent yet.</p>');
    expect(html).not.toContain('<ul>');
  });
});
