/**
 * Replies that used to read as "cannot reach the server" or as garbled text: 429 with
 * Retry-After, a redirect to a login page, invalid UTF-8, and an oversized reply — each against
 * the real simulator (and a local server for the unannounced-length case).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../simulator/index';
import { AppError } from '../lib/errors';
import { silentLogger } from '../lib/logger';
import { BALANCE_PATH, RECHARGE_PATH } from './account';
import { retryAfterSeconds } from './decode';
import { createPlatformHttp, type PlatformHttpOptions } from './http';

const BALANCE = BALANCE_PATH;
const RECHARGE = RECHARGE_PATH;

function client(baseUrl: string, extra: Partial<PlatformHttpOptions> = {}) {
  return createPlatformHttp({
    baseUrl: () => baseUrl,
    jar: new CookieJar(),
    logger: silentLogger,
    onUnauthorized: () => {},
    retry: { baseDelayMs: 20, maxDelayMs: 50, maxRetryAfterMs: 2_000 },
    timeouts: { connectMs: 2_000, responseMs: 5_000, totalMs: 10_000 },
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 'demo', quiet: true });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.control.clearFaults();
  sim.control.clearRequests();
});

const sent = (path: string) => sim.control.requests().filter((r) => r.path === path).length;

describe('429 with Retry-After', () => {
  it('a GET is retried as the server asks, then says "busy" with the seconds it asked for', { tags: ['slow'] }, async () => {
    sim.control.setFault({ kind: 'tooManyRequests', path: BALANCE });
    const error = await failure(client(sim.url).get(BALANCE));
    expect([error.code, error.retryAfterSeconds, error.httpStatus]).toEqual(['busy', 1, 429]);
    expect(error.toShape()).toMatchObject({ code: 'busy', retryAfterSeconds: 1 });
    expect(sent(BALANCE)).toBe(3);
  });

  it('a POST says "busy" and is sent once', async () => {
    sim.control.setFault({ kind: 'tooManyRequests', path: RECHARGE });
    const error = await failure(client(sim.url).post(RECHARGE, { amount: 10 }));
    expect([error.code, error.retryAfterSeconds]).toEqual(['busy', 1]);
    expect(sent(RECHARGE)).toBe(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterSeconds('7', now)).toBe(7);
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds(undefined, now)).toBeUndefined();
  });
});

describe('a 302 to a login page', () => {
  it('says "redirected", names where to, follows nothing and sends a POST once', async () => {
    sim.control.setFault({ kind: 'redirectLogin', path: RECHARGE });
    const error = await failure(client(sim.url).post(RECHARGE, { amount: 10 }));
    expect(error.code).toBe('redirected');
    expect(error.httpStatus).toBe(302);
    expect(error.message).toContain('/login.html');
    expect(sent(RECHARGE)).toBe(1);
    expect(sent('/login.html')).toBe(0);
  });
});

describe('invalid UTF-8', () => {
  it('is a malformed reply, not garbled text', async () => {
    sim.control.setFault({ kind: 'invalidUtf8', path: BALANCE });
    const error = await failure(client(sim.url).get(BALANCE));
    expect(error.code).toBe('malformed');
    expect(error.message).toContain('UTF-8');
    expect(error.message).not.toContain('\uFFFD');
  });
});

describe('an oversized reply', () => {
  it('the simulator\'s 50 MB reply is refused as too_large, without retries', async () => {
    sim.control.setFault({ kind: 'oversizedBody', path: BALANCE });
    const error = await failure(client(sim.url).get(BALANCE));
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('10 MB');
    expect(sent(BALANCE)).toBe(1);
  });

  describe('without a Content-Length', () => {
    let server: Server;
    let url = '';
    let written = 0;
    let closedEarly: Promise<boolean> = Promise.resolve(false);
    const CHUNK = Buffer.alloc(64 * 1024, 0x61);
    const TOTAL_CHUNKS = 800; // 50 MB if nobody stops it
    beforeAll(async () => {
      server = createServer((_req, res) => {
        written = 0;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        closedEarly = new Promise((resolve) => {
          res.on('close', () => resolve(written < TOTAL_CHUNKS));
        });
        const pump = (): void => {
          while (written < TOTAL_CHUNKS && !res.destroyed) {
            written += 1;
            if (!res.write(CHUNK)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        res.write('{"status":"ok","data":"');
        pump();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('stops reading at the limit: the server sees the connection close long before it sent everything', async () => {
      const error = await failure(client(url, { maxReplyBytes: 256 * 1024 }).get('/big.dspy'));
      expect(error.code).toBe('too_large');
      expect(await closedEarly).toBe(true);
      expect(written).toBeLessThan(TOTAL_CHUNKS / 2);
    });
  });
});
