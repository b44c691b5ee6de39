import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../../src/errors.js';
import { compileFill } from '../../../src/personalize/template.js';
import { escapeHtml } from '../../../src/util/html.js';
import type { RecipientFields } from '../../../src/types.js';

const FIELDS: RecipientFields = {
  greetingName: 'Ana',
  email: 'ana@example.com',
  unsubscribeUrl: 'https://news.example.com/unsubscribe/1.abc',
  preferencesUrl: 'https://news.example.com/preferences/1.abc',
};

const NASTY: RecipientFields = {
  greetingName: `<script>alert("x")</script> & 'co'`,
  email: 'a&b@example.com',
  unsubscribeUrl: 'https://news.example.com/u?a=1&b="2"',
  preferencesUrl: 'https://news.example.com/p?a=1&b="2"',
};

describe('escapeHtml', () => {
  it.each([
    ['plain', 'plain'],
    ['<b>', '&lt;b&gt;'],
    ['a & b', 'a &amp; b'],
    [`"double" 'single'`, '&quot;double&quot; &#39;single&#39;'],
    ['&amp;', '&amp;amp;'],
  ])('%j → %j', (value, escaped) => {
    expect(escapeHtml(value)).toBe(escaped);
  });
});

describe('compileFill', () => {
  it('fills every placeholder, as often as it occurs', () => {
    const fill = compileFill(
      '<p>Hi [[digest:greetingName]]</p><a href="[[digest:unsubscribeUrl]]">[[digest:unsubscribeUrl]]</a>[[digest:email]]',
      { escape: true, source: 'email.html' },
    );
    expect(fill(FIELDS)).toBe(
      '<p>Hi Ana</p><a href="https://news.example.com/unsubscribe/1.abc">https://news.example.com/unsubscribe/1.abc</a>ana@example.com',
    );
  });

  it('escapes values for text and attribute positions in HTML mode', () => {
    const fill = compileFill('<p title="[[digest:greetingName]]">[[digest:greetingName]]</p><a href="[[digest:unsubscribeUrl]]">[[digest:email]]</a>', {
      escape: true,
      source: 'email.html',
    });
    expect(fill(NASTY)).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>' +
        '<a href="https://news.example.com/u?a=1&amp;b=&quot;2&quot;">a&amp;b@example.com</a>',
    );
  });

  it('leaves values as they are in text mode', () => {
    const fill = compileFill('Hi [[digest:greetingName]],\nUnsubscribe: [[digest:unsubscribeUrl]] ([[digest:email]])\n', {
      escape: false,
      source: 'email.txt',
    });
    expect(fill(NASTY)).toBe(
      `Hi <script>alert("x")</script> & 'co',\nUnsubscribe: https://news.example.com/u?a=1&b="2" (a&b@example.com)\n`,
    );
  });

  it('returns a document without placeholders unchanged', () => {
    for (const document of ['', 'no placeholders here', '<p>[[not:a placeholder]] [digest:email] [[digest:]]</p>']) {
      expect(compileFill(document, { escape: true, source: 'x' })(FIELDS)).toBe(document);
    }
  });

  it('leaves defused look-alikes alone', () => {
    const fill = compileFill('[[ digest:email]] [[digest:email]]', { escape: true, source: 'x' });
    expect(fill(FIELDS)).toBe('[[ digest:email]] ana@example.com');
  });

  it('does not re-expand placeholders that appear inside filled values', () => {
    const fill = compileFill('[[digest:greetingName]] / [[digest:email]]', { escape: false, source: 'x' });
    expect(fill({ ...FIELDS, greetingName: '[[digest:email]]' })).toBe('[[digest:email]] / ana@example.com');
  });

  it('can be called many times with different recipients without sharing state', () => {
    const fill = compileFill('Hi [[digest:greetingName]]', { escape: true, source: 'x' });
    const names = ['Ana', 'Kenji', 'there'];
    expect(names.map((greetingName) => fill({ ...FIELDS, greetingName }))).toEqual(['Hi Ana', 'Hi Kenji', 'Hi there']);
  });

  it.each([
    ['[[digest:phone]]', 'unknown recipient placeholder "[[digest:phone]]"'],
    ['ok [[digest:email]] then [[digest:firstName]]', 'unknown recipient placeholder "[[digest:firstName]]"'],
    ['[[digest:Email]]', 'unknown recipient placeholder "[[digest:Email]]"'],
  ])('rejects an unknown placeholder in %j', (document, message) => {
    expect(() => compileFill(document, { escape: true, source: 'email.html of 2026-W48' })).toThrow(
      expect.objectContaining({
        name: 'DigestError',
        code: ErrorCodes.TEMPLATE_INVALID,
        message,
        file: 'email.html of 2026-W48',
        hint: 'use one of: recipient.greetingName, recipient.email, recipient.unsubscribeUrl, recipient.preferencesUrl',
      }),
    );
  });
});
