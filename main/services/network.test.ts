import { CookieJar } from 'tough-cookie';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProxySettings } from '../../preload/contract/models';
import { startSimulator, type Simulator } from '../../simulator/index';
import { AppError } from '../lib/errors';
import { secretValues } from '../lib/secret-values';
import { createPlatformHttp } from '../platform/http';
import { capturingLogger, type CapturingLogger } from '../testing/capturing-logger';
import { closedPort, startLocalProxy, type LocalProxy } from '../testing/local-proxy';
import { manualSystemEvents, memorySecretBox, tableProxyResolver } from '../testing/memory-ports';
import { signIn } from '../testing/simple-http';
import { systemClock } from '../core/ports';
import { NetworkService, PROXY_PASSWORD_SECRET } from './network';

const PASSWORD = 'pr0xy-S3cret!';

let sim: Simulator;
let authProxy: LocalProxy;
let openProxy: LocalProxy;
const disposers: (() => void)[] = [];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, quiet: true });
  authProxy = await startLocalProxy({ credentials: { user: 'alice', password: PASSWORD } });
  openProxy = await startLocalProxy();
});
afterAll(async () => {
  await Promise.all([sim.close(), authProxy.close(), openProxy.close()]);
});
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
  authProxy.log.length = 0;
  openProxy.log.length = 0;
});

interface Setup {
  proxy?: ProxySettings;
  password?: string | null;
  resolver?: ReturnType<typeof tableProxyResolver> | null;
}

function setup({ proxy = { mode: 'system', url: '', bypass: '' }, password = null, resolver = null }: Setup = {}) {
  const secrets = memorySecretBox();
  if (password !== null) secrets.data.set(PROXY_PASSWORD_SECRET, password);
  const logger: CapturingLogger = capturingLogger();
  const events = manualSystemEvents();
  const current = { proxy };
  const listeners = new Set<() => void>();
  const network = new NetworkService({
    proxy: () => current.proxy,
    onProxyChange: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    secrets,
    resolver,
    systemEvents: events,
    certificates: { source: 'bundled', certificates: undefined },
    logger,
    clock: systemClock,
  });
  disposers.push(() => network.dispose());
  const http = createPlatformHttp({
    baseUrl: () => sim.url,
    jar: new CookieJar(),
    logger,
    onUnauthorized: () => {},
    retry: { limit: 0 },
    timeouts: { connectMs: 2_000, responseMs: 5_000, totalMs: 10_000 },
    beforeRequest: network.beforeRequest,
  });
  const change = (next: ProxySettings) => {
    current.proxy = next;
    for (const listener of listeners) listener();
  };
  return { network, http, logger, secrets, events, change };
}

const custom = (url: string, bypass = ''): ProxySettings => ({ mode: 'custom', url, bypass });
const withUser = (proxy: LocalProxy) => proxy.url.replace('http://', 'http://alice@');

describe('platform requests through a custom proxy', () => {
  it('signs in through a proxy that requires a password; the proxy carried every request', async () => {
    const { http, network, logger } = setup({ proxy: custom(withUser(authProxy)), password: PASSWORD });
    const user = await signIn(http);
    expect(user.id).not.toBe('');
    // Every request went through the tunnel to the simulator, and nothing else did.
    const simHost = new URL(sim.url).host;
    expect(authProxy.log.length).toBeGreaterThanOrEqual(1);
    expect(authProxy.log.every((line) => line === `CONNECT ${simHost}`)).toBe(true);
    expect(sim.control.requests().some((entry) => entry.path.includes('phone_login'))).toBe(true);
    await expect(network.test(sim.url)).resolves.toMatchObject({ ok: true, via: `PROXY 127.0.0.1:${authProxy.port}` });
    expect(logger.lines.join('\n')).not.toContain(PASSWORD);
  });

  it('a wrong password: the platform call fails with the proxy’s 407 and 测试连接 names proxy_auth', async () => {
    const { http, network } = setup({ proxy: custom(withUser(authProxy)), password: 'wrong' });
    const refusedBefore = authProxy.refused;
    const error = await http.get('/rbac/gen_sms_code.dspy', { cellphone: '13900000001' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).httpStatus).toBe(407);
    const result = await network.test(sim.url);
    expect(result).toMatchObject({ ok: false, kind: 'proxy_auth' });
    expect(authProxy.refused).toBeGreaterThan(refusedBefore);
    expect(authProxy.log).toEqual([]);
  });

  it('a password saved later takes effect at once (new agents, no restart)', async () => {
    const { network } = setup({ proxy: custom(withUser(authProxy)), password: null });
    expect(await network.test(sim.url)).toMatchObject({ ok: false, kind: 'proxy_auth' });
    expect(await network.setPassword(PASSWORD)).toEqual({ saved: true, storage: 'encrypted' });
    expect(await network.test(sim.url)).toMatchObject({ ok: true });
    expect(await network.passwordState()).toEqual({ saved: true, storage: 'encrypted' });
    expect(await network.setPassword('')).toEqual({ saved: false, storage: 'encrypted' });
  });

  it('the proxy password is scrubbed by value from anything logged, once saved or loaded', async () => {
    const canary = 'Canary-Proxy-Pw-81x';
    const { network } = setup({ proxy: custom(withUser(authProxy)), password: null });
    expect(secretValues.scrub(`auth ${canary} failed`)).toContain(canary);
    await network.setPassword(canary);
    expect(secretValues.scrub(`auth ${canary} failed`)).toBe('auth [redacted] failed');
  });

  it('a closed proxy port is proxy_refused, not a platform failure', async () => {
    const port = await closedPort();
    const { network } = setup({ proxy: custom(`http://127.0.0.1:${port}`) });
    expect(await network.test(sim.url)).toMatchObject({ ok: false, kind: 'proxy_refused', via: `PROXY 127.0.0.1:${port}` });
  });

  it('hosts on the bypass list go direct', async () => {
    const { http, network } = setup({ proxy: custom(openProxy.url, 'localhost, 127.0.0.0/8') });
    await signIn(http);
    expect(openProxy.log).toEqual([]);
    expect(await network.test(sim.url)).toMatchObject({ ok: true, via: 'DIRECT' });
  });

  it('tests unsaved settings without changing the saved ones', async () => {
    const { network } = setup({ proxy: { mode: 'none', url: '', bypass: '' } });
    expect(await network.test(sim.url, custom(openProxy.url))).toMatchObject({ ok: true, via: `PROXY 127.0.0.1:${openProxy.port}` });
    expect(openProxy.log.length).toBe(1);
    expect(await network.test(sim.url)).toMatchObject({ ok: true, via: 'DIRECT' });
  });
});

describe('the system proxy (OS settings / PAC)', () => {
  it('follows the resolver, caches its answer per origin, and asks again after a network change', async () => {
    const resolver = tableProxyResolver({ [new URL(sim.url).host]: `PROXY 127.0.0.1:${openProxy.port}; DIRECT` });
    const { http, events } = setup({ resolver });
    await signIn(http);
    expect(openProxy.log.length).toBeGreaterThanOrEqual(2);
    expect(resolver.lookups.length).toBe(1);
    events.emit('online');
    await Promise.resolve();
    expect(resolver.reloads).toBe(1);
    resolver.table[new URL(sim.url).host] = 'DIRECT';
    openProxy.log.length = 0;
    await http.get('/rbac/gen_sms_code.dspy', { cellphone: '13900000001' }, { noRetry: true });
    expect(resolver.lookups.length).toBe(2);
    expect(openProxy.log).toEqual([]);
  });

  it('mode none goes direct whatever the OS says; a failing resolver falls back to direct', async () => {
    const resolver = tableProxyResolver({}, `PROXY 127.0.0.1:${openProxy.port}`);
    const { network, change } = setup({ proxy: { mode: 'none', url: '', bypass: '' }, resolver });
    expect(await network.test(sim.url)).toMatchObject({ ok: true, via: 'DIRECT' });
    expect(resolver.lookups).toEqual([]);
    resolver.resolve = async () => {
      throw new Error('PAC script failed');
    };
    change({ mode: 'system', url: '', bypass: '' });
    expect(await network.test(sim.url)).toMatchObject({ ok: true, via: 'DIRECT' });
  });
});

describe('测试连接 without a proxy', () => {
  it('names an unreachable platform and an unknown host', async () => {
    const { network } = setup({ proxy: { mode: 'none', url: '', bypass: '' } });
    const port = await closedPort();
    expect(await network.test(`http://127.0.0.1:${port}`)).toMatchObject({ ok: false, kind: 'unreachable', via: 'DIRECT' });
    expect(await network.test('http://no-such-host.invalid')).toMatchObject({ ok: false, kind: 'dns' });
    expect(await network.test(null)).toMatchObject({ ok: false, kind: 'not_configured' });
  });
});
