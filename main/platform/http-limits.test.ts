/**
 * The client's limits at their edges, on a loopback server: a reply exactly at the size limit
 * is read and one byte more is refused (announced or not); a per-call timeout longer than the
 * default total still gets its full time; GET retries wait a jittered, growing, bounded backoff.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../lib/errors';
import { capturingLogger } from '../testing/capturing-logger';
import { createPlatformHttp, type PlatformHttpOptions } from './http';

const LIMIT = 4_096;
let server: Server;
let url = '';
const hitTimes: number[] = [];

/** `/size/N` answers a JSON envelope of exactly N bytes; `?chunked` leaves out Content-Length. `/slow/MS` answers after MS. `/fail` is a 502. */
beforeAll(async () => {
  server = createServer((request, response) => {
    const target = new URL(request.url ?? '/', 'http://x');
    const [, kind = '', arg = '0'] = target.pathname.split('/');
    if (kind === 'size') {
      const frame = '{"status":"ok","data":""}';
      const body = `{"status":"ok","data":"${'a'.repeat(Number(arg) - frame.length)}"}`;
      if (target.searchParams.has('chunked')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write(body.slice(0, 10));
        response.end(body.slice(10));
      } else {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
        response.end(body);
      }
      return;
    }
    if (kind === 'slow') {
      setTimeout(() => response.end('{"status":"ok","data":"late"}'), Number(arg));
      return;
    }
    hitTimes.push(Date.now());
    response.writeHead(502).end('bad gateway');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(extra: Partial<PlatformHttpOptions> = {}) {
  return createPlatformHttp({ baseUrl: () => url, jar: new CookieJar(), logger: capturingLogger(), onUnauthorized: () => {}, maxReplyBytes: LIMIT, ...extra });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('the reply size limit', () => {
  it.each([[''], ['?chunked']])('exactly the limit is read, one byte more is too large (%s)', async (suffix) => {
    const http = client({ retry: { limit: 0 } });
    const ok = await http.get(`/size/${LIMIT}${suffix}`);
    expect((ok.data as string).length).toBe(LIMIT - '{"status":"ok","data":""}'.length);
    expect((await failure(http.get(`/size/${LIMIT + 1}${suffix}`))).code).toBe('too_large');
  });

  it('the message names the limit in MB, and the log says which call without its body', async () => {
    const logger = capturingLogger();
    const http = client({ maxReplyBytes: 3 * 1024 * 1024, retry: { limit: 0 }, logger });
    const error = await failure(http.get(`/size/${3 * 1024 * 1024 + 1}`));
    expect(error.message).toContain('3 MB');
    const logged = logger.lines.map((line) => JSON.parse(line) as { level: string; fields: Record<string, unknown> });
    expect(logged).toEqual([expect.objectContaining({ level: 'warn', fields: { method: 'GET', path: expect.stringMatching(/^\/size\//), limit: 3 * 1024 * 1024, ms: expect.any(Number) } })]);
  });
});

describe('timeouts', () => {
  it('a per-call timeout longer than the default total still gets its full time', { tags: ['slow'] }, async () => {
    const http = client({ timeouts: { connectMs: 100, responseMs: 200, totalMs: 300 } });
    expect(await http.post('/slow/500', {}, { timeoutMs: 1_000 })).toEqual({ kind: 'ok', data: 'late' });
  });

  it('the whole-attempt timeout still applies to the default response time', { tags: ['slow'] }, async () => {
    const http = client({ timeouts: { connectMs: 100, responseMs: 2_000, totalMs: 300 } });
    // request timeout = max(total 300, response 2000 + connect 100): the answer at 500 ms arrives.
    expect(await http.post('/slow/500', {})).toEqual({ kind: 'ok', data: 'late' });
    const short = client({ timeouts: { connectMs: 50, responseMs: 100, totalMs: 200 } });
    expect((await failure(short.post('/slow/600', {}))).code).toBe('timeout');
  });
});

describe('GET retry backoff', () => {
  it('two retries: the first waits half to all of the base delay, the second half to all of twice it', { tags: ['slow'] }, async () => {
    hitTimes.length = 0;
    const http = client({ retry: { limit: 2, baseDelayMs: 200, maxDelayMs: 10_000 } });
    expect((await failure(http.get('/fail'))).code).toBe('transport');
    expect(hitTimes).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = hitTimes;
    const gaps = [second - first, third - second];
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[0]).toBeLessThan(400); // 200 at most, with room for a busy machine
    expect(gaps[1]).toBeGreaterThanOrEqual(195);
    expect(gaps[1]).toBeLessThan(800);
  });

  it.each([
    // [draw, first wait, second wait]: the bottom of the jitter is half a step, the top a whole one.
    [0, 100, 200],
    [0.999, 200, 400],
  ])('with the jitter draw pinned at %s, the waits are %s ms and %s ms', { tags: ['slow'] }, async (draw, firstWait, secondWait) => {
    // The range test above passes for waits of up to 2.5 steps, or of step / jitter, on most draws;
    // pinned, each wait is exactly known (those mistakes give 400 and 800 ms at 0, 500 and 1 000 at 1).
    const random = vi.spyOn(Math, 'random').mockReturnValue(draw);
    try {
      hitTimes.length = 0;
      const http = client({ retry: { limit: 2, baseDelayMs: 200, maxDelayMs: 10_000 } });
      await failure(http.get('/fail'));
      const [first = 0, second = 0, third = 0] = hitTimes;
      // At least the wait; under 1.9 times it, which leaves room for a busy machine.
      expect(second - first).toBeGreaterThanOrEqual(firstWait - 5);
      expect(second - first).toBeLessThan(firstWait * 1.9);
      expect(third - second).toBeGreaterThanOrEqual(secondWait - 5);
      expect(third - second).toBeLessThan(secondWait * 1.9);
    } finally {
      random.mockRestore();
    }
  });

  it('the backoff never exceeds its ceiling', async () => {
    hitTimes.length = 0;
    const http = client({ retry: { limit: 2, baseDelayMs: 5_000, maxDelayMs: 100 } });
    await failure(http.get('/fail'));
    expect(hitTimes).toHaveLength(3);
    expect((hitTimes[2] ?? 0) - (hitTimes[0] ?? 0)).toBeLessThan(1_000);
  });

  it('no retry would start after the call\'s deadline: it fails with the real error, not a timeout', async () => {
    hitTimes.length = 0;
    const http = client({ retry: { limit: 2, baseDelayMs: 4_000, maxDelayMs: 4_000 }, timeouts: { deadlineMs: 1_500 } });
    const started = Date.now();
    expect((await failure(http.get('/fail'))).code).toBe('transport');
    expect(hitTimes).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
