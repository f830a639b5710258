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

/** A DNS lookup that fails every name with `code` (and Node's message for it), as the OS resolver would. */
function failingDns(code: string, message = `getaddrinfo ${code}`): (options: Parameters<BeforeRequestHook>[0]) => void {
  return (options) => {
    options.dnsLookup = ((hostname: string, _opts: unknown, callback: (error: Error) => void) => {
      callback(Object.assign(new Error(message), { code, hostname }));
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

describe('failures before any answer (from the name lookup on)', () => {
  /** A GET whose every lookup fails with `code`: what the user is told, and how many attempts were made. */
  async function getFailingWith(code: string, message?: string): Promise<{ error: AppError; attempts: number }> {
    let attempts = 0;
    const counting: BeforeRequestHook = (options) => {
      attempts += 1;
      failingDns(code, message)(options);
    };
    const { http } = client('http://platform.test', { beforeRequest: counting });
    return { error: await failure(http.get('/x.dspy')), attempts };
  }

  it.each([
    ['ENOTFOUND', '找不到服务器 / Server address not found', 3],
    ['EAI_AGAIN', '找不到服务器 / Server address not found', 3],
    ['ENETUNREACH', '网络不可用 / Network unreachable', 3],
    ['EHOSTUNREACH', '网络不可用 / Network unreachable', 1],
    ['EPIPE', '连接被中断 / Connection reset', 3],
    ['ECONNRESET', '连接被中断 / Connection reset', 3],
    ['ECONNREFUSED', '无法连接服务器 / Connection refused', 3],
    ['EADDRINUSE', '网络错误 / Network error (EADDRINUSE)', 3],
    ['EWEIRD', '网络错误 / Network error (EWEIRD)', 1],
  ])('%s: "%s", %i attempt(s) of a GET', async (code, message, attempts) => {
    const result = await getFailingWith(code);
    expect(result.error).toMatchObject({ code: 'transport', message, detail: code });
    expect(result.attempts).toBe(attempts);
  });

  it('ETIMEDOUT is a timeout, retried like the others', async () => {
    const result = await getFailingWith('ETIMEDOUT');
    expect(result.error).toMatchObject({ code: 'timeout', detail: 'ETIMEDOUT', message: '连接服务器超时 / The server did not answer in time (timeout)' });
    expect(result.attempts).toBe(3);
  });

  it.each([
    ['ERR_TLS_INVALID_PROTOCOL_VERSION', 'Client network socket disconnected before secure TLS connection was established'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'],
    ['CERT_HAS_EXPIRED', 'certificate has expired'],
    // A gateway that sends no intermediate: the code names no CERT, Node's message does.
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'],
  ])('%s is a TLS certificate error, never retried', async (code, message) => {
    const result = await getFailingWith(code, message);
    expect(result.error).toMatchObject({ code: 'transport', message: '服务器证书无效 / TLS certificate error', detail: code });
    expect(result.attempts).toBe(1);
  });

  it('a POST is never retried, whatever the failure', async () => {
    let attempts = 0;
    const counting: BeforeRequestHook = (options) => {
      attempts += 1;
      failingDns('EAI_AGAIN')(options);
    };
    const { http } = client('http://platform.test', { beforeRequest: counting });
    expect((await failure(http.post('/x.dspy', {}))).code).toBe('transport');
    expect(attempts).toBe(1);
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
