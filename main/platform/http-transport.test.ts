/**
 * What the user is told when the network, not the platform, fails: each transport failure gets
 * its own bilingual message, GETs are retried on the transient ones, and the log names the
 * reason without the URL's query. Real sockets on loopback; name-resolution failures come from a
 * DNS lookup that answers with the resolver's error (the machine has no DNS to fail for real).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BeforeRequestHook } from 'got';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { capturingLogger } from '../testing/capturing-logger';
import { createPlatformHttp, type PlatformHttpOptions } from './http';

function client(baseUrl: string, extra: Partial<PlatformHttpOptions> = {}) {
  const logger = capturingLogger();
  const http = createPlatformHttp({
    baseUrl: () => baseUrl,
    jar: new CookieJar(),
    logger,
    onUnauthorized: () => {},
    retry: { baseDelayMs: 5, maxDelayMs: 10 },
    timeouts: { connectMs: 2_000, responseMs: 3_000, totalMs: 5_000 },
    ...extra,
  });
  return { http, logger };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A DNS lookup that fails every name with `code`, as the OS resolver would. */
function failingDns(code: string): BeforeRequestHook {
  return (options) => {
    options.dnsLookup = ((hostname: string, _opts: unknown, callback: (error: Error) => void) => {
      callback(Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, hostname }));
    }) as unknown as NonNullable<typeof options.dnsLookup>;
  };
}

describe('a server that drops the connection', () => {
  let server: Server;
  let connections = 0;
  let url = '';
  beforeAll(async () => {
    server = createServer((socket: Socket) => {
      connections += 1;
      socket.once('data', () => socket.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('a GET is retried twice, then "connection reset"; the log names the reason and the path', async () => {
    connections = 0;
    const { http, logger } = client(url);
    const error = await failure(http.get('/accounting/mybalance.dspy', { secret: 'q-value-1' }));
    expect(error).toMatchObject({ code: 'transport', message: '连接被中断 / Connection reset', detail: 'ECONNRESET' });
    expect(connections).toBe(3);
    const logged = logger.lines.map((line) => JSON.parse(line) as { level: string; fields: Record<string, unknown> | null });
    expect(logged.find((entry) => entry.fields?.reason === 'ECONNRESET')).toMatchObject({
      level: 'warn', fields: { method: 'GET', path: '/accounting/mybalance.dspy', error: 'transport', ms: expect.any(Number) },
    });
    expect(logger.lines.join('\n')).not.toContain('q-value-1');
  });

  it('a POST is sent once', async () => {
    connections = 0;
    const { http } = client(url);
    expect((await failure(http.post('/unipay/user_recharge.dspy', { amount: 1 }))).code).toBe('transport');
    expect(connections).toBe(1);
  });
});

describe('name resolution failures', () => {
  it.each([
    ['ENOTFOUND', '找不到服务器 / Server address not found'],
    ['EAI_AGAIN', '找不到服务器 / Server address not found'],
    ['ENETUNREACH', '网络不可用 / Network unreachable'],
    ['EHOSTUNREACH', '网络不可用 / Network unreachable'],
    ['EPIPE', '连接被中断 / Connection reset'],
  ])('%s: %s', async (code, message) => {
    const { http } = client('http://platform.test', { beforeRequest: failingDns(code), retry: { limit: 0 } });
    expect(await failure(http.post('/x.dspy', {}))).toMatchObject({ code: 'transport', message, detail: code });
  });

  it('a failure without a known code: "network error" naming the code', async () => {
    const { http } = client('http://platform.test', { beforeRequest: failingDns('EWEIRD'), retry: { limit: 0 } });
    expect(await failure(http.post('/x.dspy', {}))).toMatchObject({ code: 'transport', message: '网络错误 / Network error (EWEIRD)', detail: 'EWEIRD' });
  });

  it('ETIMEDOUT from the resolver is a timeout', async () => {
    const { http } = client('http://platform.test', { beforeRequest: failingDns('ETIMEDOUT'), retry: { limit: 0 } });
    expect(await failure(http.post('/x.dspy', {}))).toMatchObject({ code: 'timeout', detail: 'ETIMEDOUT', message: expect.stringContaining('timeout') });
  });

  it('a GET is retried on a name that does not resolve (the Wi-Fi may be coming back)', async () => {
    let lookups = 0;
    const counting: BeforeRequestHook = (options) => {
      options.dnsLookup = ((_hostname: string, _opts: unknown, callback: (error: Error) => void) => {
        lookups += 1;
        callback(Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' }));
      }) as unknown as NonNullable<typeof options.dnsLookup>;
    };
    const { http } = client('http://platform.test', { beforeRequest: counting });
    expect((await failure(http.get('/x.dspy'))).code).toBe('transport');
    expect(lookups).toBe(3);
  });
});

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

describe.skipIf(!hasOpenssl)('a server whose certificate is not trusted', () => {
  let dir: string;
  let server: HttpsServer;
  let url = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yj-http-tls-'));
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
    server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_request, response) => {
      response.end('{"status":"ok","data":1}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://localhost:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a TLS certificate error, not a generic network error', async () => {
    const { http } = client(url, { retry: { limit: 0 } });
    const error = await failure(http.get('/x.dspy'));
    expect(error).toMatchObject({ code: 'transport', message: '服务器证书无效 / TLS certificate error' });
    expect(error.detail).toMatch(/CERT/);
  });
});
