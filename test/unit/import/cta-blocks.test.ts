import { describe, expect, it } from 'vitest';
import { continues } from '../../../src/import/cta-blocks.js';
import { parseTextArticle } from '../../../src/import/text.js';

const HEAD = 'A title\n\nThe article opens with a paragraph that is long enough to be prose, as articles do.\n\n';
const TAIL = '\n\nThe article goes on with another paragraph that is long enough to be prose here.';

describe('continues (a line left open goes on in the next)', () => {
  it.each<[string, string, boolean]>([
    ['Get the full picture with the', 'Acme', true],
    ['Acme', 'Insight Platform.', true],
    ['See every pipeline in one', 'place with Acme', true],
    ['Caching the install', 'It worked.', false],
    ['It worked.', 'Learn more.', false],
    ['Insight Platform.', 'Learn more.', false],
    ['Start with our', 'free plan.', true],
  ])('%j → %j: %s', (line, next, expected) => {
    expect(continues(line, next)).toBe(expected);
  });
});

describe('calls to action over several short lines', () => {
  it.each<[string, string]>([
    ['the sentence before "Learn more."', 'Get the full picture with the\nAcme\nInsight Platform.\nLearn more.'],
    ['separated by blank lines', 'Get the full picture with the\n\nAcme\n\nInsight Platform.\n\nLearn more.'],
    ['a lower-case continuation', 'See every pipeline in one\nplace with Acme\nObserve.\nBook your demo →'],
    ['a sentence that runs into the call', 'Ship faster with the\nAcme CLI:\ntry it free'],
    ['the call first, the sentence after', 'Learn more about the\nAcme Insight\nPlatform.'],
    ['a lead-in question and a button', 'Ready to see where your builds spend their time?\nStart your free trial today'],
    ['a sign-up box', 'Get our best posts\nevery week in\nyour inbox.\nSubscribe'],
    ['a call to action no line of which reads as one', 'Sign up for our\nweekly newsletter\ntoday.'],
    ['a broken "Start your free trial"', 'Start your\nfree trial'],
    ['a broken navigation line', 'Back to\ntop'],
  ])('drops %s', (_label, block) => {
    const article = parseTextArticle(`${HEAD}${block}${TAIL}`);
    expect(article.body).toBe(
      'The article opens with a paragraph that is long enough to be prose, as articles do.\n\nThe article goes on with another paragraph that is long enough to be prose here.',
    );
    expect(article.dropped.length).toBeGreaterThanOrEqual(2);
  });

  it.each<[string, string, string]>([
    ['a short sentence before "Learn more."', 'It worked.\nLearn more.', 'It worked.'],
    ['a heading and a short paragraph', 'Caching the install\nIt worked.\nLearn more.', 'It worked.'],
    ['a long prose line before the call', 'We set ourselves a goal of twenty minutes and reached nineteen within a quarter.\nLearn more.', 'reached nineteen within a quarter.'],
    ['a list before the call', '- Caching\n- Sharding\nRead more', '- Caching\n- Sharding'],
  ])('keeps %s', (_label, block, kept) => {
    const article = parseTextArticle(`${HEAD}${block}${TAIL}`);
    expect(article.body).toContain(kept);
    expect(article.body).not.toMatch(/Learn more|Read more/);
  });
});
