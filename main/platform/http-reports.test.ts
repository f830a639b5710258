/**
 * What the client tells others besides the caller: the fields it logs for a failed call (never
 * bodies), the session's clock reading handed to onUnauthorized, and the User-Agent it sends.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger } from '../testing/capturing-logger';
import { createPlatformHttp, type PlatformHttpOptions } from './http';

let server: Server;
let url = '';
const agents: string[] = [];

/** `/401` and `/502` answer with that status; anything else is an ok envelope. */
beforeAll(async () => {
  server = createServer((request, response) => {
    agents.push(request.headers['user-agent'] ?? '');
    if (request.url?.startsWith('/401')) return void response.writeHead(401).end('401: Unauthorized');
    if (request.url?.startsWith('/502')) return void response.writeHead(502).end('secret-body-text');
    response.end('{"status":"ok","data":1}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(extra: Partial<PlatformHttpOptions> = {}) {
  const logger = capturingLogger();
  const expiries: Array<{ startedAt: number }> = [];
  const http = createPlatformHttp({
    baseUrl: () => url, jar: new CookieJar(), logger, onUnauthorized: (info) => void expiries.push(info),
    retry: { baseDelayMs: 5, maxDelayMs: 10 }, ...extra,
  });
  const logged = () => logger.lines.map((line) => JSON.parse(line) as { level: string; fields: Record<string, unknown> | null });
  return { http, logged, expiries };
}

describe('the log of a failed call', () => {
  it('an error answer: method, path, status, error code, retries made and a sane duration; never the body or query', async () => {
    const { http, logged } = client();
    await expect(http.get('/502/x.dspy', { q: 'query-value-7' })).rejects.toMatchObject({ code: 'transport' });
    const [entry, ...rest] = logged();
    expect(rest).toEqual([]);
    expect(entry).toEqual({ level: 'warn', message: expect.any(String), fields: { method: 'GET', path: '/502/x.dspy', status: 502, error: 'transport', retries: 2, ms: expect.any(Number) } });
    expect(entry?.fields?.ms).toBeLessThan(60_000);
    expect(JSON.stringify(logged())).not.toMatch(/query-value-7|secret-body-text/);
  });

  it('a POST logs no retries', async () => {
    const { http, logged } = client();
    await expect(http.post('/502/y.dspy', {})).rejects.toMatchObject({ code: 'transport' });
    expect(logged()[0]?.fields).toMatchObject({ method: 'POST', retries: 0 });
  });

  it('a transport failure: its reason and a sane duration', async () => {
    const { http, logged } = client({ baseUrl: () => 'http://127.0.0.1:1', retry: { limit: 0 } });
    await expect(http.get('/z.dspy')).rejects.toMatchObject({ code: 'transport' });
    expect(logged()).toEqual([{ level: 'warn', message: expect.any(String), fields: { method: 'GET', path: '/z.dspy', error: 'transport', reason: 'ECONNREFUSED', ms: expect.any(Number) } }]);
    expect(logged()[0]?.fields?.ms).toBeLessThan(60_000);
  });

  it('a reply too large: its duration is sane too', async () => {
    const { http, logged } = client({ maxReplyBytes: 4, retry: { limit: 0 } });
    await expect(http.get('/ok.dspy')).rejects.toMatchObject({ code: 'too_large' });
    expect(logged()[0]?.fields?.ms).toBeLessThan(60_000);
  });
});

describe('the session hook', () => {
  it('a 401 reports when the call started by the session\'s clock, for the call and for a stream', async () => {
    let clock = 1_000;
    const { http, expiries } = client({ now: () => clock, retry: { limit: 0 } });
    const call = http.get('/401/a.dspy');
    clock = 2_000;
    await expect(call).rejects.toMatchObject({ code: 'unauthorized' });
    expect(expiries).toEqual([{ startedAt: 1_000 }]);
    await expect(http.openStream('/401/s.dspy', { json: {} })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(expiries).toEqual([{ startedAt: 1_000 }, { startedAt: 2_000 }]);
  });

  it('without a clock of its own it uses the wall clock', async () => {
    const { http, expiries } = client({ retry: { limit: 0 } });
    const before = Date.now();
    await expect(http.get('/401/b.dspy')).rejects.toMatchObject({ code: 'unauthorized' });
    expect(expiries[0]?.startedAt).toBeGreaterThanOrEqual(before);
    expect(expiries[0]?.startedAt).toBeLessThanOrEqual(Date.now());
  });
});

describe('User-Agent', () => {
  it('names the app when no version is given', async () => {
    agents.length = 0;
    await client().http.get('/ok.dspy');
    expect(agents).toEqual(['YuanjingDesktop']);
  });
});
