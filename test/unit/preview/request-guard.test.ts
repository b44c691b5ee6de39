import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { allowedHostNames, createRequestGuard, parseHostHeader, previewPagePolicy } from '../../../src/preview/request-guard.js';

describe('parseHostHeader', () => {
  it.each([
    ['localhost:4321', { name: 'localhost', port: 4321 }],
    ['LOCALHOST.:4321', { name: 'localhost', port: 4321 }],
    ['127.0.0.1', { name: '127.0.0.1', port: 80 }],
    ['[::1]:8080', { name: '::1', port: 8080 }],
    ['[::1]', { name: '::1', port: 80 }],
    ['', undefined],
    ['::1:4321', undefined],
    ['a b:1', undefined],
    ['host:port', undefined],
    ['host:123456', undefined],
  ])('%j', (value, expected) => {
    expect(parseHostHeader(value)).toEqual(expected);
  });
});

describe('allowedHostNames', () => {
  it.each([
    ['127.0.0.1', ['localhost', '127.0.0.1', '::1']],
    ['localhost', ['localhost', '127.0.0.1', '::1']],
    ['::1', ['localhost', '127.0.0.1', '::1']],
    ['[::1]', ['localhost', '127.0.0.1', '::1']],
    ['Editor.LAN', ['localhost', '127.0.0.1', '::1', 'editor.lan']],
  ])('for --host %s', (bind, names) => {
    expect([...allowedHostNames(bind)].sort()).toEqual([...names].sort());
  });

  it('for 0.0.0.0 also has the loopback names and the wildcard itself', () => {
    expect([...allowedHostNames('0.0.0.0')]).toEqual(expect.arrayContaining(['localhost', '127.0.0.1', '::1', '0.0.0.0']));
  });
});

function req(method: string, headers: http.IncomingHttpHeaders): http.IncomingMessage {
  return { method, headers } as http.IncomingMessage;
}

describe('createRequestGuard', () => {
  const guard = createRequestGuard({ bindHost: '127.0.0.1', port: () => 4321 });
  it.each([
    ['GET', { host: 'localhost:4321' }, undefined],
    ['GET', { host: 'localhost:4321', 'sec-fetch-site': 'cross-site' }, undefined],
    ['GET', { host: 'evil.example:4321' }, 403],
    ['GET', {}, 403],
    ['POST', { host: 'localhost:4321' }, undefined],
    ['POST', { host: 'localhost:4321', origin: 'http://localhost:4321', 'sec-fetch-site': 'same-origin' }, undefined],
    ['POST', { host: 'localhost:4321', origin: 'http://127.0.0.1:4321' }, undefined],
    ['POST', { host: 'localhost:4321', origin: 'https://localhost:4321' }, 403],
    ['POST', { host: 'localhost:4321', origin: 'http://evil.example' }, 403],
    ['POST', { host: 'localhost:4321', origin: 'null' }, 403],
    ['POST', { host: 'localhost:4321', 'sec-fetch-site': 'none' }, 403],
    ['DELETE', { host: 'localhost:4321', 'sec-fetch-site': 'same-site' }, 403],
  ] as const)('%s %j', (method, headers, status) => {
    expect(guard(req(method, headers))?.status).toBe(status);
  });
});

describe('previewPagePolicy', () => {
  it('allows exactly the inline scripts of the page, by hash', () => {
    const policy = previewPagePolicy('<script>one()</script><p>x</p><script>two()</script>');
    expect(policy.match(/'sha256-[^']+'/g)).toHaveLength(2);
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});
