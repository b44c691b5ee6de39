import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import { DigestError } from '../../../src/errors.js';

const MINIMAL = 'newsletter:\n  name: X\n  from: "X <x@example.com>"\n  baseUrl: https://x.example.com\n';
const FILE = '/srv/news/digest.config.yaml';

describe('sources', () => {
  it('resolves Markdown folders and feed files against the config folder, keeps URLs, names feeds', () => {
    const config = parseConfig(
      `${MINIMAL}sources:\n  - type: markdown\n  - type: markdown\n    dir: ./extra\n  - type: feed\n    url: https://a.example.com/feed.xml\n  - type: feed\n    url: feeds/local.xml\n    name: Local\n    maxItems: 20\n`,
      FILE,
    );
    expect(config.sources).toEqual([
      { type: 'markdown', dir: '/srv/news/content' },
      { type: 'markdown', dir: path.join('/srv/news', 'extra') },
      { type: 'feed', url: 'https://a.example.com/feed.xml', name: 'https://a.example.com/feed.xml' },
      { type: 'feed', url: '/srv/news/feeds/local.xml', name: 'Local', maxItems: 20 },
    ]);
  });

  it.each([
    ['an unknown type', `${MINIMAL}sources:\n  - type: twitter\n`, 'sources.0.type', 6],
    ['a feed without url', `${MINIMAL}sources:\n  - type: feed\n    name: X\n`, 'sources.0.url', 6],
    ['a misspelt key', `${MINIMAL}sources:\n  - type: feed\n    url: x.xml\n    sectoin: Y\n`, 'sources.0.sectoin', 8],
    ['a bad sourceErrors', `${MINIMAL}sourceErrors: ignore\n`, 'sourceErrors', 5],
  ])('%s is a config error at its key', (_name, text, field, line) => {
    try {
      parseConfig(text, FILE);
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(DigestError);
      expect((error as DigestError).field).toBe(field);
      expect((error as DigestError).line).toBe(line);
    }
  });
});
