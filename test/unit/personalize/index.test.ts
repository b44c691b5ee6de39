import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { createPersonalizer, DISPLAY_NAME_MAX_LENGTH, GREETING_NAME_MAX_LENGTH, greetingNameOf, toAddress, largestHtmlBytes, type PersonalizeOptions } from '../../../src/personalize/index.js';
import type { RenderedIssue, Subscriber } from '../../../src/types.js';
import { tokenSubscriberId, verifyUnsubscribeToken } from '../../../src/util/unsubscribe-token.js';

const RENDERED: RenderedIssue = {
  issueId: '2026-W48',
  subject: 'Field Notes · Nov 23 – 29, 2026',
  preheader: '3 articles this week',
  mjml: '<mjml></mjml>',
  html:
    '<p>Hi [[digest:greetingName]],</p><p>You are receiving this at [[digest:email]].</p>' +
    '<a href="[[digest:unsubscribeUrl]]">Unsubscribe</a>',
  text: 'Hi [[digest:greetingName]],\nYou are receiving this at [[digest:email]].\nUnsubscribe: [[digest:unsubscribeUrl]]\n',
  warnings: [],
};

const OPTIONS: PersonalizeOptions = {
  from: 'Field Notes <news@news.example.com>',
  replyTo: 'Editors <editors@example.com>',
  baseUrl: 'https://news.example.com',
  listId: 'field-notes.news.example.com',
  listName: 'Field Notes',
  secret: 'a-test-secret-of-reasonable-length',
  unsubscribeMailto: 'unsubscribe@news.example.com',
};

function subscriber(id: number, email: string, name: string | null = null): Subscriber {
  return { id, email, name, status: 'active' };
}

const ANA = subscriber(1, 'ana@example.com', 'Ana María Ruiz, PhD');
const KENJI = subscriber(2, 'kenji@example.com', '  Kenji ');

describe('greeting fallback in the email\'s language', () => {
  it('greets a subscriber without a name with the fallback the render gave', () => {
    const german = createPersonalizer({ ...RENDERED, greetingFallback: 'zusammen' }, OPTIONS);
    expect(german.documentsFor(subscriber(3, 'x@example.com')).text).toMatch(/^Hi zusammen,/);
    expect(german.documentsFor(ANA).text).toMatch(/^Hi Ana,/);
    // An issue compiled before the field existed keeps English.
    expect(createPersonalizer(RENDERED, OPTIONS).documentsFor(subscriber(3, 'x@example.com')).text).toMatch(/^Hi there,/);
  });

  it('uses the fallback for a name without letters or one too long to cut', () => {
    expect(greetingNameOf('  ', 'à tous')).toBe('à tous');
    expect(greetingNameOf('x'.repeat(GREETING_NAME_MAX_LENGTH + 5), 'a todos')).toBe('a todos');
  });
});

describe('toAddress', () => {
  it.each([
    ['no name', null, 'ana@example.com'],
    ['a plain name', 'Ana Ruiz', '"Ana Ruiz" <ana@example.com>'],
    ['quotes and backslashes dropped, line breaks folded', 'Ana "The\\Boss"\r\nRuiz', '"Ana TheBoss Ruiz" <ana@example.com>'],
    ['only spaces', '   ', 'ana@example.com'],
  ])('%s', (_name, name, expected) => {
    expect(toAddress({ name, email: 'ana@example.com' })).toBe(expected);
  });

  it('cuts a name of megabytes at a word within the limit', () => {
    const to = toAddress({ name: 'Ana '.repeat(2_000_000), email: 'ana@example.com' });
    const name = /^"(.*)" <ana@example\.com>$/.exec(to)?.[1] ?? '';
    expect(name.length).toBeLessThanOrEqual(DISPLAY_NAME_MAX_LENGTH);
    expect(name.length).toBeGreaterThan(DISPLAY_NAME_MAX_LENGTH - 5);
    expect(name.endsWith('Ana')).toBe(true);
    expect(toAddress({ name: 'x'.repeat(5000), email: 'a@b.example' })).toBe(`"${'x'.repeat(DISPLAY_NAME_MAX_LENGTH)}" <a@b.example>`);
  });
});

describe('greetingNameOf', () => {
  it.each([
    ['Ana María Ruiz, PhD', 'Ana'],
    ['Ruiz, Ana', 'Ruiz'],
    ['  Kenji ', 'Kenji'],
    ['Tomás Lindqvist', 'Tomás'],
    ['Élodie', 'Élodie'],
    ['李小龍', '李小龍'],
    [null, 'there'],
    [undefined, 'there'],
    ['', 'there'],
    ['   ', 'there'],
    ['42', 'there'],
    ['-- ---', 'there'],
    [`Anna-Maria-${'x'.repeat(80)}`, 'Anna-Maria'],
    [`O'${'b'.repeat(70)} Smith`, 'O'],
    ['y'.repeat(65), 'there'],
    ['z'.repeat(64), 'z'.repeat(64)],
  ])('%j → %j', (name, greeting) => {
    expect(greetingNameOf(name)).toBe(greeting);
    expect(greetingNameOf(name).length).toBeLessThanOrEqual(GREETING_NAME_MAX_LENGTH);
  });
});

it('greets a name of megabytes as "there", reading only its start', () => {
  expect(greetingNameOf(`${'w'.repeat(5_000_000)} Jones`)).toBe('there');
  expect(greetingNameOf(`Jo ${'w'.repeat(5_000_000)}`)).toBe('Jo');
});

describe('largestHtmlBytes', () => {
  const subscribers = [
    subscriber(1, `${'&'.repeat(240)}@example.com`, `${'"'.repeat(40)}é${'<'.repeat(60)}`),
    { ...subscriber(2, `${'\''.repeat(200)}@a.bc`, `Ünïcödé-${'😀'.repeat(40)}`), uid: 'f'.repeat(24) },
    subscriber(3, 'ana@example.com', 'x'.repeat(3_000_000)),
  ];

  it('is at least the size of any subscriber\'s decoded HTML part, as sent with CRLF line breaks', async () => {
    const rendered = { ...RENDERED, html: `${RENDERED.html}\n<p>[[digest:greetingName]] again</p>\n` };
    const bound = largestHtmlBytes(rendered.html, OPTIONS.baseUrl);
    const personalizer = createPersonalizer(rendered, OPTIONS);
    for (const reader of subscribers) {
      const message = personalizer.messageFor(reader);
      const parsed = await simpleParser(`Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n${message.htmlPart}\r\n--b--\r\n`);
      const html = typeof parsed.html === 'string' ? parsed.html : '';
      expect(html).toContain('Unsubscribe');
      expect(Buffer.byteLength(html)).toBeLessThanOrEqual(bound);
    }
  });
});

describe('createPersonalizer', () => {
  const personalizer = createPersonalizer(RENDERED, OPTIONS);

  it('fills the fields of one subscriber', () => {
    const fields = personalizer.fieldsFor(ANA);
    expect(fields.greetingName).toBe('Ana');
    expect(fields.email).toBe('ana@example.com');
    expect(fields.unsubscribeUrl).toMatch(/^https:\/\/news\.example\.com\/unsubscribe\/[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('signs the unsubscribe URL for that subscriber and list', () => {
    const token = personalizer.fieldsFor(ANA).unsubscribeUrl.split('/').at(-1) ?? '';
    expect(tokenSubscriberId(token)).toBe(1);
    const subject = { subscriberId: 1, email: 'ana@example.com', listId: OPTIONS.listId };
    expect(verifyUnsubscribeToken(token, subject, OPTIONS.secret)).toBe(true);
    expect(verifyUnsubscribeToken(token, { ...subject, subscriberId: 2 }, OPTIONS.secret)).toBe(false);
  });

  it('gives every subscriber a different unsubscribe URL', () => {
    const people = Array.from({ length: 50 }, (_, i) => subscriber(i + 1, `reader${i}@example.com`));
    const urls = new Set(people.map((person) => personalizer.fieldsFor(person).unsubscribeUrl));
    expect(urls.size).toBe(people.length);
  });

  it('builds a complete message', () => {
    const message = personalizer.messageFor(ANA);
    expect(message).toEqual({
      from: 'Field Notes <news@news.example.com>',
      replyTo: 'Editors <editors@example.com>',
      to: '"Ana María Ruiz, PhD" <ana@example.com>',
      subject: 'Field Notes · Nov 23 – 29, 2026',
      htmlPart: expect.stringMatching(/^Content-Type: text\/html; charset=utf-8\r\n/),
      textPart: expect.stringMatching(/^Content-Type: text\/plain; charset=utf-8\r\n/),
      messageId: '<2026-W48.1@news.example.com>',
      headers: {
        'List-Id': 'Field Notes <field-notes.news.example.com>',
        'List-Unsubscribe': expect.any(String),
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'List-Archive': '<https://news.example.com/archive>',
      },
    });
    const documents = personalizer.documentsFor(ANA);
    expect(documents.html).toContain('<p>Hi Ana,</p>');
    expect(documents.text).toContain('Hi Ana,\n');
    expect(documents.html).not.toMatch(/\[\[digest:/);
    expect(documents.text).not.toMatch(/\[\[digest:/);
  });

  it('encodes parts that decode to exactly the recipient\'s documents', async () => {
    for (const person of [ANA, KENJI, subscriber(6, 'zoë@example.com', 'Zoë <b>&</b>')]) {
      const message = personalizer.messageFor(person);
      const documents = personalizer.documentsFor(person);
      expect((await simpleParser(message.htmlPart)).html).toBe(documents.html);
      expect((await simpleParser(message.textPart)).text).toBe(documents.text);
    }
  });

  it('puts the same unsubscribe URL in the HTML, the text and List-Unsubscribe, plus the mailto', () => {
    const message = personalizer.messageFor(KENJI);
    const documents = personalizer.documentsFor(KENJI);
    const url = personalizer.fieldsFor(KENJI).unsubscribeUrl;
    expect(documents.html).toContain(`href="${url}"`);
    expect(documents.text).toContain(`Unsubscribe: ${url}\n`);
    expect(message.headers['List-Unsubscribe']).toBe(`<${url}>, <mailto:unsubscribe@news.example.com?subject=unsubscribe>`);
  });

  it('has only the https URL in List-Unsubscribe when no mailto is configured', () => {
    const { unsubscribeMailto: _omitted, ...withoutMailto } = OPTIONS;
    const plain = createPersonalizer(RENDERED, withoutMailto);
    const message = plain.messageFor(KENJI);
    expect(message.headers['List-Unsubscribe']).toBe(`<${plain.fieldsFor(KENJI).unsubscribeUrl}>`);
    expect(message.headers['List-Unsubscribe']).toMatch(/^<https:\/\//);
    expect(message.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('adds Feedback-ID only when newsletter.feedbackId is set', () => {
    expect(personalizer.messageFor(ANA).headers).not.toHaveProperty('Feedback-ID');
    const withFeedback = createPersonalizer(RENDERED, { ...OPTIONS, feedbackId: 'weekly:fieldnotes:northwind' });
    expect(withFeedback.messageFor(ANA).headers['Feedback-ID']).toBe('weekly:fieldnotes:northwind');
    expect(withFeedback.messageFor(KENJI).headers['List-Archive']).toBe('<https://news.example.com/archive>');
  });

  it('keeps Message-ID stable per (issue, subscriber) and distinct across both', () => {
    const again = createPersonalizer(RENDERED, OPTIONS);
    expect(again.messageFor(ANA).messageId).toBe(personalizer.messageFor(ANA).messageId);
    expect(personalizer.messageFor(KENJI).messageId).toBe('<2026-W48.2@news.example.com>');
    const nextIssue = createPersonalizer({ ...RENDERED, issueId: '2026-W49' }, OPTIONS);
    expect(nextIssue.messageFor(ANA).messageId).toBe('<2026-W49.1@news.example.com>');
  });

  it('applies the test-send overrides to subject and Message-ID only', () => {
    const message = personalizer.messageFor(ANA, { subjectPrefix: '[TEST] ', messageIdSuffix: '.test-1' });
    expect(message.subject).toBe('[TEST] Field Notes · Nov 23 – 29, 2026');
    expect(message.messageId).toBe('<2026-W48.1.test-1@news.example.com>');
    expect(message.htmlPart).toBe(personalizer.messageFor(ANA).htmlPart);
    expect(message.textPart).toBe(personalizer.messageFor(ANA).textPart);
  });

  it('escapes a hostile name in the HTML but keeps it plain in the text', () => {
    const mallory = subscriber(3, 'mallory@example.com', '<script>alert(1)</script> Mallory');
    const documents = personalizer.documentsFor(mallory);
    expect(documents.html).toContain('<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;,</p>');
    expect(documents.html).not.toContain('<script>');
    expect(documents.text).toContain('Hi <script>alert(1)</script>,\n');
  });

  it('addresses subscribers without a name by email alone, and strips quotes from names', () => {
    expect(personalizer.messageFor(subscriber(4, 'x@example.com')).to).toBe('x@example.com');
    expect(personalizer.messageFor(subscriber(5, 'q@example.com', 'Q "The" \\Quoter')).to).toBe('"Q The Quoter" <q@example.com>');
    expect(personalizer.documentsFor(subscriber(4, 'x@example.com')).html).toContain('<p>Hi there,</p>');
  });

  it('builds each message fresh: filling one recipient does not change another', () => {
    const first = personalizer.messageFor(ANA);
    personalizer.messageFor(KENJI);
    expect(personalizer.messageFor(ANA)).toEqual(first);
    expect(first.headers).not.toBe(personalizer.messageFor(ANA).headers);
  });
});
