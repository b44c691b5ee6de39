import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigestError, ErrorCodes, formatError } from '../../../src/errors.js';
import { decodeHtml, fetchPage, IMPORT_USER_AGENT } from '../../../src/import/fetch-page.js';
import { startPageServer, type PageServer } from '../../fixtures/import/page-server.js';

describe('fetchPage', () => {
  let server: PageServer;
  beforeAll(async () => {
    server = await startPageServer();
  });
  afterAll(() => server.close());

  /** The one-line message of the DigestError that fetching `route` fails with. */
  async function failure(route: string, options: Parameters<typeof fetchPage>[1] = {}): Promise<string> {
    const error = await fetchPage(`${server.url}${route}`, options).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DigestError);
    expect((error as DigestError).code).toBe(ErrorCodes.IMPORT_FAILED);
    const line = formatError(error);
    expect(line).toContain(`${server.url}${route}`);
    expect(line).not.toContain('\n');
    return line;
  }

  it('fetches an HTML page with a polite User-Agent', async () => {
    const page = await fetchPage(`${server.url}/blog/post`);
    expect(page.url).toBe(`${server.url}/blog/post`);
    expect(page.html).toContain('How we halved our CI build times');
    expect(server.userAgents.at(-1)).toBe(IMPORT_USER_AGENT);
    expect(IMPORT_USER_AGENT).toBe('newsletter-digest/0.1 (+import)');
  });

  it('follows a redirect and reports the final URL', async () => {
    const page = await fetchPage(`${server.url}/old`);
    expect(page.url).toBe(`${server.url}/blog/post`);
  });

  it.each([
    ['/missing', {}, /HTTP 404 Not Found — check the URL/],
    ['/data.json', {}, /not an HTML page \(content-type application\/json\)/],
    ['/loop-a', {}, /more than 5 redirects/],
    ['/to-ftp', {}, /redirected to a ftp: URL/],
    ['/slow', { timeoutMs: 300 }, /no complete answer within 0\.3 s/],
    ['/blog/post', { maxBytes: 1000 }, /larger than 1 KB/],
    ['/chunked', { maxBytes: 16 * 1024 }, /larger than 16 KB/],
  ])('%s fails with a one-line error naming the URL', async (route, options, message) => {
    expect(await failure(route, options)).toMatch(message);
  });

  it('names a refused connection', async () => {
    const closed = await startPageServer();
    await closed.close();
    await expect(fetchPage(`${closed.url}/blog/post`)).rejects.toThrow(/could not import http:\/\/127\.0\.0\.1:\d+\/blog\/post: the request failed \(ECONNREFUSED\)/);
  });

  it('decodes the declared charset and sniffs untyped HTML', async () => {
    expect((await fetchPage(`${server.url}/latin1`)).html).toContain('Café crème');
    expect((await fetchPage(`${server.url}/no-type`)).html).toContain('untyped');
  });
});

describe('decodeHtml', () => {
  it.each([
    ['a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>é</p>')]), 'text/html; charset=iso-8859-1', '<p>é</p>'],
    ['a meta charset', Buffer.concat([Buffer.from('<meta charset="windows-1252"><p>'), Buffer.from([0x80]), Buffer.from('</p>')]), '', '<meta charset="windows-1252"><p>\u20ac</p>'],
    ['UTF-8 by default', Buffer.from('<p>ü</p>'), '', '<p>ü</p>'],
  ])('reads %s', (_, bytes, contentType, text) => {
    expect(decodeHtml(bytes, contentType)).toBe(text);
  });

  it('notes an unknown charset and reads UTF-8', () => {
    const notes: string[] = [];
    expect(decodeHtml(Buffer.from('<p>ü</p>'), 'text/html; charset=klingon', notes)).toBe('<p>ü</p>');
    expect(notes).toEqual(['unknown charset "klingon": read the page as UTF-8']);
  });
});
