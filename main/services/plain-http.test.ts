/**
 * Plain http in a packaged build: loopback only until the user confirms the address. The
 * platform client is tested against a real local server reached under a non-loopback name (a
 * DNS override maps it to 127.0.0.1), so "refused before any byte is sent" is what the server saw.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BeforeRequestHook } from 'got';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RouteInput, RouteName, RouteOutput } from '../../preload/contract';
import { createCore, type Core } from '../core/index';
import { AppError } from '../lib/errors';
import { silentLogger } from '../lib/logger';
import { createPlatformHttp } from '../platform/http';
import { memoryDataPaths, memorySecretBox, memoryStore } from '../testing/memory-ports';
import { PLAIN_HTTP_STORE_KEY, PlainHttpPolicy, plainHttpOrigin } from './plain-http';

/** A name that is not loopback; the DNS override below sends it to 127.0.0.1. */
const LAN_NAME = 'yj-lan.test';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('plainHttpOrigin', () => {
  it('names scheme, host and port of plain http to another machine; nothing for https or loopback', () => {
    expect(plainHttpOrigin('http://10.0.0.5/yj')).toBe('http://10.0.0.5:80');
    expect(plainHttpOrigin('http://10.0.0.5:80')).toBe('http://10.0.0.5:80');
    expect(plainHttpOrigin('http://Yj.Example.com:8080/a/b')).toBe('http://yj.example.com:8080');
    expect(plainHttpOrigin('http://[fd00::2]:81')).toBe('http://[fd00::2]:81');
    // `*.localhost` depends on the resolver: it is not loopback here.
    expect(plainHttpOrigin('http://app.localhost:1')).toBe('http://app.localhost:1');
    for (const safe of ['https://10.0.0.5', 'http://127.0.0.1:4010', 'http://127.200.3.4', 'http://localhost:8', 'http://[::1]:9', 'not a url']) {
      expect(plainHttpOrigin(safe), safe).toBeNull();
    }
  });
});

describe('PlainHttpPolicy', () => {
  it('an unpackaged build (dev, browser host, tests) is never asked', () => {
    const policy = new PlainHttpPolicy({ store: memoryStore(), packaged: false, logger: silentLogger });
    expect(policy.needsConfirmation('http://10.0.0.5')).toBe(false);
    expect(() => policy.guard('http://10.0.0.5/x.dspy')).not.toThrow();
    expect(policy.state().enforced).toBe(false);
  });

  it('packaged: refuses until confirmed, remembers the address per port in the store, and forgets it when revoked', () => {
    const store = memoryStore();
    const policy = new PlainHttpPolicy({ store, packaged: true, logger: silentLogger });
    expect(() => policy.guard('https://10.0.0.5/x.dspy')).not.toThrow();
    expect(() => policy.guard('http://127.0.0.1:4010/x.dspy')).not.toThrow();
    const refused = (() => {
      try {
        policy.guard('http://10.0.0.5:8080/rbac/x.dspy');
      } catch (error) {
        return error as AppError;
      }
      return null;
    })();
    expect(refused?.code).toBe('insecure_server');
    expect(refused?.message).toContain('http://10.0.0.5:8080');

    expect(policy.confirm('http://10.0.0.5:8080/yj').confirmed).toEqual(['http://10.0.0.5:8080']);
    expect(store.get(PLAIN_HTTP_STORE_KEY)).toEqual(['http://10.0.0.5:8080']);
    expect(policy.needsConfirmation('http://10.0.0.5:8080/other/path')).toBe(false);
    expect(policy.needsConfirmation('http://10.0.0.5:8081')).toBe(true);
    // Remembered across a restart (a new policy over the same store).
    expect(new PlainHttpPolicy({ store, packaged: true, logger: silentLogger }).needsConfirmation('http://10.0.0.5:8080')).toBe(false);

    expect(policy.revoke('http://10.0.0.5:8080').confirmed).toEqual([]);
    expect(policy.needsConfirmation('http://10.0.0.5:8080')).toBe(true);
    expect(store.get(PLAIN_HTTP_STORE_KEY)).toEqual([]);
  });

  it('ignores stored entries that are not plain-http origins, and refuses to "confirm" https', () => {
    const store = memoryStore();
    store.set(PLAIN_HTTP_STORE_KEY, ['http://10.0.0.5:80', 'http://10.0.0.5', 'https://x:1', 7, 'http://10.0.0.5:80/path']);
    const policy = new PlainHttpPolicy({ store, packaged: true, logger: silentLogger });
    expect(policy.state().confirmed).toEqual(['http://10.0.0.5:80']);
    expect(() => policy.confirm('https://10.0.0.5')).toThrow(AppError);
  });
});

describe('the platform client with the policy (a real local server under a non-loopback name)', () => {
  let server: Server;
  let port = 0;
  let received = 0;
  const dnsOverride: BeforeRequestHook = (options) => {
    // Only the test name is redirected; everything else resolves as usual.
    const lookup = ((_hostname: string, opts: unknown, callback: (...args: unknown[]) => void) => {
      const all = typeof opts === 'object' && opts !== null && (opts as { all?: boolean }).all;
      if (all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    }) as unknown as NonNullable<typeof options.dnsLookup>;
    options.dnsLookup = lookup;
  };

  beforeAll(async () => {
    server = createServer((_req, res) => {
      received += 1;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"status":"ok","data":{"balance":1}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received = 0;
  });

  function client(policy: PlainHttpPolicy) {
    return createPlatformHttp({
      baseUrl: () => `http://${LAN_NAME}:${port}`,
      jar: new CookieJar(),
      logger: silentLogger,
      onUnauthorized: () => {},
      beforeRequest: dnsOverride,
      guardUrl: (url) => policy.guard(url),
      timeouts: { connectMs: 2_000, responseMs: 2_000, totalMs: 4_000 },
    });
  }

  it('packaged and unconfirmed: GET, POST and the video stream are refused and the server receives nothing', async () => {
    const http = client(new PlainHttpPolicy({ store: memoryStore(), packaged: true, logger: silentLogger }));
    expect((await failure(http.get('/accounting/mybalance.dspy'))).code).toBe('insecure_server');
    expect((await failure(http.post('/rbac/phone_login.dspy', { cellphone: '1', key: 'k', sms_code: '123456' }))).code).toBe('insecure_server');
    expect((await failure(http.openStream('/v1/video.dspy', { json: {} }))).code).toBe('insecure_server');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toBe(0);
  });

  it('packaged and confirmed, or unpackaged: the same request reaches the server', async () => {
    const policy = new PlainHttpPolicy({ store: memoryStore(), packaged: true, logger: silentLogger });
    policy.confirm(`http://${LAN_NAME}:${port}`);
    expect((await client(policy).get('/accounting/mybalance.dspy')).kind).toBe('ok');
    expect(received).toBe(1);
    const dev = new PlainHttpPolicy({ store: memoryStore(), packaged: false, logger: silentLogger });
    expect((await client(dev).get('/accounting/mybalance.dspy')).kind).toBe('ok');
    expect(received).toBe(2);
  });
});

describe('in the core (packaged)', () => {
  const cores: Core[] = [];
  afterAll(async () => {
    await Promise.all(cores.map((core) => core.dispose()));
  });

  function make(packaged: boolean, envServerUrl?: string): Core {
    const core = createCore(
      { store: memoryStore(), secrets: memorySecretBox(), opener: { open: async () => {} }, logger: silentLogger, dataPaths: memoryDataPaths(mkdtempSync(join(tmpdir(), 'yj-plain-'))) },
      { runtime: 'electron', version: '0.0.0-test', officialServerUrl: '', packaged, ...(envServerUrl ? { envServerUrl } : {}) },
    );
    cores.push(core);
    return core;
  }

  async function call<K extends RouteName>(core: Core, route: K, ...input: RouteInput<K> extends void ? [] : [RouteInput<K>]): Promise<RouteOutput<K>> {
    return core.handlers[route](core.schemas[route].parse(input[0]) as RouteInput<K>);
  }

  it('settings.update refuses an unconfirmed plain-http address until settings.confirmPlainHttp; a revoked one is refused again', async () => {
    const core = make(true);
    await core.ready;
    const patch = { serverProfile: 'custom' as const, customServerUrl: 'http://192.0.2.10:8080' };
    expect((await failure(call(core, 'settings.update', patch))).code).toBe('insecure_server');
    expect((await call(core, 'settings.get')).customServerUrl).toBe('');
    expect(await call(core, 'settings.confirmPlainHttp', { url: 'http://192.0.2.10:8080/' })).toEqual({ enforced: true, confirmed: ['http://192.0.2.10:8080'], unconfirmedInUse: null });
    expect((await call(core, 'settings.update', patch)).customServerUrl).toBe('http://192.0.2.10:8080');
    // Another port is another address.
    expect((await failure(call(core, 'settings.update', { customServerUrl: 'http://192.0.2.10:8081' }))).code).toBe('insecure_server');
    // Saving something else keeps working while the address in use is unchanged.
    // Revoked while in use: the state names it, so Settings can offer to confirm it again.
    expect((await call(core, 'settings.revokePlainHttp', { origin: 'http://192.0.2.10:8080' })).unconfirmedInUse).toBe('http://192.0.2.10:8080');
    expect((await call(core, 'settings.update', { theme: 'dark' })).theme).toBe('dark');
    // …but nothing is sent to it (the refusal comes before any connection attempt).
    expect((await failure(call(core, 'auth.sendCode', { phone: '13900000001' }))).code).toBe('insecure_server');
  });

  it('an unpackaged core saves any address without asking', async () => {
    const core = make(false);
    await core.ready;
    expect((await call(core, 'settings.update', { serverProfile: 'custom', customServerUrl: 'http://192.0.2.10:8080' })).customServerUrl).toBe('http://192.0.2.10:8080');
    expect((await call(core, 'settings.plainHttp')).enforced).toBe(false);
  });
});
