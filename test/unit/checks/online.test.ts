import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinksOnline, probeUrl } from '../../../src/checks/online.js';
import { startFixtureServer, type FixtureServer } from '../../helpers/http-fixtures.js';
import { freePort } from '../../helpers/ports.js';

describe('links fetched online', () => {
  let server: FixtureServer;
  const methods: string[] = [];
  let inFlight = 0;
  let mostInFlight = 0;

  beforeAll(async () => {
    server = await startFixtureServer({
      '/ok': (req, res) => res.writeHead(200).end(req.method === 'HEAD' ? undefined : 'ok'),
      // Some servers refuse HEAD: the check asks again with GET.
      '/no-head': (req, res) => {
        methods.push(req.method ?? '');
        res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
      },
      '/gone': (_req, res) => res.writeHead(410).end(),
      '/broken': (_req, res) => res.writeHead(500).end(),
      '/moved': (_req, res) => res.writeHead(301, { location: '/ok' }).end(),
      '/slow': () => undefined,
      '/count': (_req, res) => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        setTimeout(() => {
          inFlight--;
          res.writeHead(200).end();
        }, 30);
      },
    });
  });
  afterAll(() => server?.close());

  it('falls back from HEAD to GET when HEAD is refused', async () => {
    expect(await probeUrl(server.url('/no-head'))).toEqual({ status: 200 });
    expect(methods).toEqual(['HEAD', 'GET']);
  });

  it('follows redirects', async () => {
    expect(await probeUrl(server.url('/moved'))).toEqual({ status: 200 });
  });

  it('warns of 4xx, 5xx, unanswered and unreachable links, each URL once', async () => {
    const link = (path: string) => ({ url: server.url(path), kind: 'link' as const, text: path });
    const closed = `http://127.0.0.1:${await freePort()}/closed`;
    const checks = await checkLinksOnline(
      [link('/ok'), link('/gone'), link('/gone'), link('/broken'), link('/missing'), link('/slow'), { url: closed, kind: 'image', text: '' }, { url: 'mailto:a@b.example', kind: 'link', text: '' }],
      { timeoutMs: 300 },
    );
    expect(checks.map((found) => [found.severity, found.check, found.message.replace(/127\.0\.0\.1:\d+/, 'HOST')])).toEqual([
      ['warning', 'online-link', 'link http://HOST/gone answers 410: fix or remove it'],
      ['warning', 'online-link', 'link http://HOST/broken answers 500: fix or remove it'],
      ['warning', 'online-link', 'link http://HOST/missing answers 404: fix or remove it'],
      ['warning', 'online-link', expect.stringMatching(/^link http:\/\/HOST\/slow is unreachable \(no answer within 0\.3 s\)/)],
      ['warning', 'online-link', expect.stringMatching(/^image http:\/\/HOST\/closed is unreachable \(ECONNREFUSED\)/)],
    ]);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const links = Array.from({ length: 12 }, (_, index) => ({ url: `${server.url('/count')}?${index}`, kind: 'link' as const, text: '' }));
    expect(await checkLinksOnline(links, { concurrency: 3 })).toEqual([]);
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(3);
  });
});
