import { describe, expect, it } from 'vitest';
import { ErrorCodes, formatError } from '../../../src/errors.js';
import { listenError } from '../../../src/util/listen.js';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`listen ${code}`), { code });
}

describe('listenError', () => {
  it.each([
    ['EADDRINUSE', '127.0.0.1', '--port', 'port 4321 is already in use (127.0.0.1:4321) — start digest preview with --port <another port>'],
    ['EACCES', '::1', '--port', 'no permission to listen on port 4321 ([::1]:4321) — ports below 1024 need extra rights'],
    ['EADDRNOTAVAIL', '10.9.9.9', '--host', 'cannot listen on 10.9.9.9: it is not an address of this machine — start digest preview with --host'],
    ['ENOTFOUND', 'nosuch.invalid', '--host', 'cannot listen on nosuch.invalid: no such host name — start digest preview with --host'],
  ])('%s on %s', (code, host, field, start) => {
    const error = listenError(errno(code), { port: 4321, host, command: 'digest preview' });
    expect(error).toMatchObject({ code: ErrorCodes.PORT_UNAVAILABLE, field });
    expect(formatError(error)).toMatch(new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('leaves other failures as they are', () => {
    const other = errno('EMFILE');
    expect(listenError(other, { port: 1, host: '127.0.0.1', command: 'digest serve' })).toBe(other);
  });
});
