import { describe, it, expect } from 'vitest';
import { leansOnPrevious, pointsAhead, pointsBack } from '../../../src/summarize/reference.js';

describe('leansOnPrevious', () => {
  it.each([
    // demonstratives as the opener
    ['demonstrative pronoun', 'This made the migration mechanical.'],
    ['demonstrative + noun', 'These tokens replaced the palette names everywhere.'],
    ['"that" as the opener', 'That meant recomputing a fact table of four billion rows.'],
    ['"those" + noun', 'Those pairs failed our contrast checks in dark mode.'],
    // a demonstrative later in the first clause
    ['"Each … these …"', 'Each theme defines these 24 semantic tokens in terms of the palette.'],
    ['"None of these"', 'None of these techniques are new, but together they worked.'],
    ['"all of it"', 'Last month we moved all of it into a table in Postgres.'],
    ['"this" + noun in the first clause', 'Several candidates told us that this sentence was the reason they applied.'],
    // personal pronouns
    ['"It"', 'It took four months, three times longer than we estimated.'],
    ['"They"', 'They were easy to learn and mapped onto the palette.'],
    ['"Their"', 'Their final aim is to build a robot that thinks like a bee.'],
    ['a quoted opener', "'It was a great learning experience,' said the champion."],
    // other references
    ['"Such"', 'Such findings are cheap to act on once tokens describe purpose.'],
    ['"Both"', 'Both themes now use a desaturated accent palette.'],
    ['"The latter"', 'The latter rule came from user research with older readers.'],
    ['"Another"', 'Another tool sampled 320,000 followers and found 18 per cent were fake.'],
    ['"Here"', 'Here are the talks worth your time when the recordings go up.'],
    ['"The same"', 'The same cannot be said for the other two players on the list.'],
    // discourse connectives
    ['"But"', 'But the cache did not capture generated files.'],
    ['"However,"', 'However, the traders were not convinced by the plan.'],
    ['"In fact,"', 'In fact, the guys coming back are equally tired.'],
    ['"As a result"', 'As a result the queue drained in minutes.'],
    ['"For example"', 'For example, the pesticide is injected into the soil.'],
    ['"Well,"', "Well, we'll never know what he said to his players."],
    // additive "also" / "too"
    ['additive "also"', 'The survey also found that one in five retire with debts.'],
    ['additive "too" in a short sentence', 'Amsterdam ran out of job workers too.'],
  ])('leans: %s', (_name, text) => {
    expect(leansOnPrevious(text)).toBe(true);
  });

  it.each([
    ['a plain statement', 'We shipped dark mode for the dashboard in August.'],
    ['"This week"', 'This week we turned off a whole region on purpose.'],
    ['"This post"', 'This post explains what we changed and what broke.'],
    ['"these days"', 'These days most of us still run one big Postgres.'],
    ['"Those who"', 'Those who attended the game day got a sticker.'],
    ['"Here in"', 'Here in Toronto the conference filled three rooms.'],
    ['expletive "It is worth"', 'It is worth measuring before optimising anything.'],
    ["expletive \"It's not just\"", "It's not just UV rays that suncreams protect against now."],
    ['"The former" as an adjective', 'The former prime minister said the answers were evasive.'],
    ['"such as"', 'Tools such as linters catch most spelling mistakes early.'],
    ['"Each" without a reference', 'Each team gets a list of the wiki pages it owns.'],
    ['"too" comparing within a long sentence', 'Some new products claim to stop the damage from infra-red rays and from the blue light of screens, too.'],
    ['"So far"', 'So far the team has replicated the part of the brain that sees.'],
  ])('stands alone: %s', (_name, text) => {
    expect(leansOnPrevious(text)).toBe(false);
  });
});

describe('pointsAhead', () => {
  it.each([
    ['a colon', 'Here is how to run the same checks locally, in CI:', false, true],
    ['a colon after a quote mark', 'The rule is simple, as the handbook puts it:"', false, true],
    ['a dash', 'The result surprised everyone —', false, true],
    ['"the following" before a block', 'We kept the following rules.', true, true],
    ['"looks like" before a block', 'The configuration looks like this.', true, true],
    ['an imperative before a block', 'Look closely at the WHERE clause.', true, true],
    ['an imperative not before a block', 'Look closely at the WHERE clause.', false, false],
    ['a plain statement before a block', 'The change itself was small.', true, false],
  ])('%s', (_name, text, introduces, expected) => {
    expect(pointsAhead(text, introduces)).toBe(expected);
  });
});

describe('pointsBack', () => {
  it.each([
    ['"Look at"', 'Look closely at the WHERE clause.', true],
    ['"the query"', 'The query scans every partition of the table.', true],
    ['"above"', 'The numbers above are medians over a week.', true],
    ['"This"', 'This is what the migration script does.', true],
    ['a new statement', 'Filtering on the partition column fixed it.', false],
  ])('%s', (_name, text, expected) => {
    expect(pointsBack(text)).toBe(expected);
  });
});
