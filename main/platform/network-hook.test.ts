/**
 * The hook that sends each request the way the network settings say, with real got requests
 * on loopback: through the proxy when the route says so, straight again once the route is
 * direct (the agents reset), and trusting the extra certificates it is given.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import got from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalProxy, type LocalProxy } from '../testing/local-proxy';
import { createNetworkHook } from './network-hook';
import { createProxyAgentCache } from './proxy-agent';
import { DIRECT, routeFromPac, type ProxyRoute } from './proxy-route';

/** Answers `body`, except the first request to `/flaky`: a 503, so got retries it with the same options. */
function failsFlakyOnce(body: string) {
  let answered = false;
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    if (request.url === '/flaky' && !answered) {
      answered = true;
      response.writeHead(503).end();
      return;
    }
    response.end(body);
  };
  return { handle, answered: () => answered };
}

describe('routes', () => {
  let target: Server;
  let targetUrl = '';
  let proxy: LocalProxy;
  const flaky = failsFlakyOnce('hello');
  beforeAll(async () => {
    target = createServer(flaky.handle);
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    proxy = await startLocalProxy();
  });
  afterAll(async () => {
    await proxy.close();
    target.closeAllConnections();
    await new Promise<void>((resolve) => target.close(() => resolve()));
  });

  it('a proxy route goes through the proxy; after a switch to direct the next request goes straight', async () => {
    let route: ProxyRoute = routeFromPac(`PROXY 127.0.0.1:${proxy.port}`);
    const asked: string[] = [];
    const agents = createProxyAgentCache();
    const client = got.extend({
      hooks: {
        beforeRequest: [
          createNetworkHook({
            routeFor: async (url) => {
              asked.push(url.href);
              return route;
            },
            agents,
            certificateAuthorities: () => undefined,
          }),
        ],
      },
      retry: { limit: 0 },
    });

    expect(await client(`${targetUrl}/a?x=1`).text()).toBe('hello');
    expect(proxy.log).toEqual([`CONNECT ${targetUrl.slice('http://'.length)}`]);
    expect(asked).toEqual([`${targetUrl}/a?x=1`]);

    route = DIRECT;
    expect(await client(`${targetUrl}/b`).text()).toBe('hello');
    expect(proxy.log).toHaveLength(1);
    agents.clear();
  });

  it('a retry after the settings went direct does not keep the proxy of its first attempt', async () => {
    const routes: ProxyRoute[] = [routeFromPac(`PROXY 127.0.0.1:${proxy.port}`), DIRECT];
    const agents = createProxyAgentCache();
    const hook = createNetworkHook({ routeFor: async () => routes.shift() ?? DIRECT, agents, certificateAuthorities: () => undefined });
    const before = proxy.log.length;
    const client = got.extend({ hooks: { beforeRequest: [hook] }, retry: { limit: 1, calculateDelay: ({ computedValue }) => (computedValue ? 1 : 0) } });
    expect(await client(`${targetUrl}/flaky`).text()).toBe('hello');
    expect(flaky.answered()).toBe(true);
    expect(proxy.log.length - before).toBe(1);
    expect(routes).toEqual([]);
    agents.clear();
  });
});

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

describe.skipIf(!hasOpenssl)('trusted certificates', () => {
  let dir: string;
  let cert: string;
  let server: HttpsServer;
  let url = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yj-hook-tls-'));
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert }, failsFlakyOnce('secure').handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://localhost:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  const clientTrusting = (certificates: string[] | undefined) =>
    got.extend({
      hooks: { beforeRequest: [createNetworkHook({ routeFor: async () => DIRECT, agents: createProxyAgentCache(), certificateAuthorities: () => certificates })] },
      retry: { limit: 0 },
    });

  it('a server signed by a root among the given certificates is trusted; with none given, Node\'s defaults refuse it', async () => {
    expect(await clientTrusting([cert])(url).text()).toBe('secure');
    await expect(clientTrusting(undefined)(url).text()).rejects.toMatchObject({ code: expect.stringMatching(/CERT/) });
  });

  it('a retry after the extra certificate was removed from the settings no longer trusts it', async () => {
    const settings: (string[] | undefined)[] = [[cert], undefined];
    const client = got.extend({
      hooks: { beforeRequest: [createNetworkHook({ routeFor: async () => DIRECT, agents: createProxyAgentCache(), certificateAuthorities: () => settings.shift() })] },
      retry: { limit: 1, calculateDelay: ({ computedValue }) => (computedValue ? 1 : 0) },
    });
    await expect(client(`${url}flaky`).text()).rejects.toMatchObject({ code: expect.stringMatching(/CERT/) });
    expect(settings).toEqual([]);
  });
});
