import { describe, expect, it } from 'vitest';
import { parseLocatedYaml, type LocatedYaml } from '../../../src/util/yaml.js';

const TEXT = [
  'newsletter:', // 1
  '  name: Field Notes', // 2
  '  links:', // 3
  '    - label: Blog', // 4
  '      url: https://a.example', // 5
  '    - label: Feed', // 6
  '      url: https://a.example/feed', // 7
  '', // 8
  'tags: [a, b]', // 9
  'empty:', // 10
  'date: 2026-11-24', // 11
  'flag: yes', // 12
].join('\n');

function parse(text: string): LocatedYaml {
  const result = parseLocatedYaml(text);
  if (!result.ok) throw new Error(`unexpected YAML error: ${result.error.message}`);
  return result.yaml;
}

describe('parseLocatedYaml', () => {
  it('parses with the YAML 1.2 core schema: dates and yes/no stay strings', () => {
    expect(parse(TEXT).data).toEqual({
      newsletter: {
        name: 'Field Notes',
        links: [
          { label: 'Blog', url: 'https://a.example' },
          { label: 'Feed', url: 'https://a.example/feed' },
        ],
      },
      tags: ['a', 'b'],
      empty: null,
      date: '2026-11-24',
      flag: 'yes',
    });
  });

  it.each([
    [[], 1],
    [['newsletter'], 1],
    [['newsletter', 'name'], 2],
    [['newsletter', 'links'], 3],
    [['newsletter', 'links', 0], 4],
    [['newsletter', 'links', 0, 'url'], 5],
    [['newsletter', 'links', 1], 6],
    [['newsletter', 'links', 1, 'label'], 6],
    [['newsletter', 'links', 1, 'url'], 7],
    [['tags'], 9],
    [['tags', 1], 9],
    [['empty'], 10],
    [['date'], 11],
  ])('lineOf(%j) is %i', (keyPath, line) => {
    expect(parse(TEXT).lineOf(keyPath)).toBe(line);
  });

  it.each([
    [['newsletter', 'nmae'], 1],
    [['newsletter', 'links', 5], 3],
    [['newsletter', 'links', 'label'], 3],
    [['newsletter', 'links', 0, 'missing'], 4],
    [['missing', 'deeper'], 1],
    [['empty', 'child'], 10],
  ])('lineOf(%j) falls back to the closest existing parent: %i', (keyPath, line) => {
    expect(parse(TEXT).lineOf(keyPath)).toBe(line);
  });

  it('counts lines after leading comments and blank lines', () => {
    const yaml = parse('# comment\n\n---\nkey: value\nother:\n  nested: 1\n');
    expect(yaml.lineOf(['key'])).toBe(4);
    expect(yaml.lineOf(['other', 'nested'])).toBe(6);
  });

  it('counts CRLF line endings as single line breaks', () => {
    const yaml = parse('a: 1\r\nb:\r\n  - x\r\n  - y\r\n');
    expect(yaml.lineOf(['b', 1])).toBe(4);
  });

  it('has no line for an empty document', () => {
    const yaml = parse('');
    expect(yaml.data).toBeNull();
    expect(yaml.lineOf(['anything'])).toBeUndefined();
  });

  it.each([
    ['a: 1\nb: [1, 2\nc: 3\n', 3],
    ['a: "unclosed\nb: 2\n', 3],
    ['a: 1\na: 2\n', 2],
    ['a:\n  b: 1\n c: 2\n', 3],
    ['key: value: other\n', 1],
  ])('reports the line of a syntax error in %j', (text, line) => {
    const result = parseLocatedYaml(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(line);
    expect(result.error.message).not.toContain('\n');
  });
});
