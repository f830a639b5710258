/** createCore with fake ports against the simulator: the shape, app.info, restore after restart, server change. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROUTE_NAMES, type AppEvent, type RouteInput, type RouteName, type RouteOutput } from '../../preload/contract';
import { startSimulator, type Simulator } from '../../simulator/index';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryDataPaths, memorySecretBox, memoryStore } from '../testing/memory-ports';
import { createCore, type Core, type CoreConfig, type CorePorts } from './index';
import { AppError } from '../lib/errors';
import { silentLogger } from '../lib/logger';

const opened: string[] = [];
type Overrides = Partial<CorePorts> & Partial<CoreConfig>;

function ports(overrides: Overrides): CorePorts {
  return { store: memoryStore(), secrets: memorySecretBox(), opener: { open: async (url) => void opened.push(url) }, logger: silentLogger, dataPaths: memoryDataPaths(mkdtempSync(join(tmpdir(), 'yj-core-'))), ...overrides };
}

function config(overrides: Overrides): CoreConfig {
  const { runtime = 'browser-host', version = '0.1.0-test', officialServerUrl = '', envServerUrl, serverFromCommandLine } = overrides;
  return { runtime, version, officialServerUrl, ...(envServerUrl === undefined ? {} : { envServerUrl }), ...(serverFromCommandLine === undefined ? {} : { serverFromCommandLine }) };
}

/** Calls a route the way the router does: schema first, then the handler. */
async function call<K extends RouteName>(core: Core, route: K, ...input: RouteInput<K> extends void ? [] : [RouteInput<K>]): Promise<RouteOutput<K>> {
  const parsed = core.schemas[route].parse(input[0]) as RouteInput<K>;
  return core.handlers[route](parsed);
}

async function signIn(core: Core, phone = '13900000001'): Promise<void> {
  await call(core, 'auth.sendCode', { phone });
  const outcome = await call(core, 'auth.login', { phone, code: '123456' });
  expect(outcome.kind).toBe('signedIn');
}

let sim: Simulator;
const cores: Core[] = [];
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 'demo', quiet: true });
});
afterAll(async () => {
  await Promise.all(cores.map((core) => core.dispose()));
  await sim.close();
});
beforeEach(() => {
  sim.control.resetSwitches();
  sim.control.clearFaults();
});

function make(overrides: Overrides = {}): Core {
  const core = createCore(ports(overrides), config(overrides));
  cores.push(core);
  return core;
}

describe('createCore', () => {
  it('has a handler and a schema for every contract route; routes without input accept undefined and null', async () => {
    const core = make({ envServerUrl: sim.url });
    await core.ready;
    expect(Object.keys(core.handlers).sort()).toEqual([...ROUTE_NAMES].sort());
    expect(Object.keys(core.schemas).sort()).toEqual([...ROUTE_NAMES].sort());
    for (const route of ['app.info', 'settings.get', 'auth.state', 'auth.cancelChoose', 'auth.logout'] as const) {
      expect(core.schemas[route].safeParse(undefined).success).toBe(true);
      expect(core.schemas[route].safeParse(null).success).toBe(true);
      expect(core.schemas[route].safeParse({ x: 1 }).success).toBe(false);
    }
    expect(core.schemas['auth.sendCode'].safeParse({ phone: '12345' }).success).toBe(false);
    expect(core.schemas['auth.login'].safeParse({ phone: '13900000001', code: 'abc' }).success).toBe(false);
    expect(core.schemas['settings.update'].safeParse({ customServerUrl: 'ftp://x' }).success).toBe(false);
  });

  it('app.info reports the server, its source and the session persistence', async () => {
    const withEnv = make({ envServerUrl: `${sim.url}/`, runtime: 'electron', secrets: memorySecretBox('memory') });
    expect(await call(withEnv, 'app.info')).toEqual({
      version: '0.1.0-test',
      runtime: 'electron',
      officialServerUrl: null,
      serverUrl: sim.url,
      serverSource: 'env',
      insecureServer: false,
      sessionPersistence: 'memory',
    });
    // The browser host's --server: the same override, named for where it came from.
    const withFlag = make({ envServerUrl: sim.url, serverFromCommandLine: true });
    expect(await call(withFlag, 'app.info')).toMatchObject({ serverUrl: sim.url, serverSource: 'env', serverFromCommandLine: true });
    const none = make();
    expect(await call(none, 'app.info')).toMatchObject({ serverUrl: null, serverSource: 'none' });
    const error = await call(none, 'auth.sendCode', { phone: '13900000001' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not_configured');
    const official = make({ officialServerUrl: 'http://yj.example.com' });
    expect(await call(official, 'app.info')).toMatchObject({ officialServerUrl: 'http://yj.example.com', serverSource: 'build', insecureServer: true });
  });

  it('a restart with the persisted jar + profile is still signed in, and the balance call succeeds', async () => {
    const secrets = memorySecretBox();
    const store = memoryStore();
    const first = make({ envServerUrl: sim.url, secrets, store });
    await first.ready;
    await signIn(first);
    await first.dispose();

    const second = make({ envServerUrl: sim.url, secrets, store });
    await second.ready;
    const state = await call(second, 'auth.state');
    expect(state.user?.username).toBe('13900000001');
    const balance = await call(second, 'account.balance');
    expect(balance.accounts.length).toBeGreaterThan(0);
  });

  it('in memory mode nothing survives a restart', async () => {
    const secrets = memorySecretBox('memory');
    const first = make({ envServerUrl: sim.url, secrets });
    await signIn(first);
    await first.dispose();
    const second = make({ envServerUrl: sim.url, secrets });
    expect((await call(second, 'auth.state')).user).toBeNull();
  });

  it('changing the server address signs the user out locally and clears the jar', async () => {
    const secrets = memorySecretBox();
    const store = memoryStore();
    store.set('settings', { serverProfile: 'simulator', simulatorUrl: sim.url });
    const core = make({ secrets, store });
    const events: AppEvent[] = [];
    core.bus.subscribe((event) => events.push(event));
    await signIn(core);
    await core.dispose(); // flushes the jar
    expect(secrets.data.has('cookie-jar')).toBe(true);

    const settings = await call(core, 'settings.update', { serverProfile: 'custom', customServerUrl: 'https://other.example' });
    expect(settings.serverProfile).toBe('custom');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await call(core, 'auth.state')).user).toBeNull();
    expect(secrets.data.has('cookie-jar')).toBe(false);
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['session.changed', 'settings.changed']));
    expect(await call(core, 'app.info')).toMatchObject({ serverUrl: 'https://other.example', serverSource: 'settings' });

    // A change that keeps the same address does not sign anybody out.
    await call(core, 'settings.update', { serverProfile: 'simulator' });
    await signIn(core);
    await call(core, 'settings.update', { theme: 'dark' });
    expect((await call(core, 'auth.state')).user).not.toBeNull();
  });

  it('logout through the routes clears the session even when the server is down', async () => {
    const secrets = memorySecretBox();
    const store = memoryStore();
    store.set('settings', { serverProfile: 'simulator', simulatorUrl: sim.url });
    const core = make({ secrets, store });
    await signIn(core);
    // Point the app at a dead address without going through settings (which would sign out by itself).
    store.set('settings', { serverProfile: 'simulator', simulatorUrl: 'http://127.0.0.1:9' });
    expect(await call(core, 'auth.logout')).toBeNull();
    expect((await call(core, 'auth.state')).user).toBeNull();
    await core.dispose();
    expect(secrets.data.has('cookie-jar')).toBe(false);
  });
});
