/**
 * The browser host end to end at the HTTP level: the real core and router against the real
 * simulator on loopback, plus the sender check, SSE and the bridge injection.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent, RechargeWatch } from '../../preload/contract';
import { startSimulator } from '../../simulator/index';
import { silentLogger } from '../lib/logger';
import { BRIDGE_TAG } from './static';
import { startBrowserHost, type BrowserHost } from './server';

type Sim = Awaited<ReturnType<typeof startSimulator>>;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Each started host's token by port: requests carry it unless a test says `token: null`. */
const tokens = new Map<number, string>();
function keyed(host: BrowserHost): BrowserHost {
  tokens.set(host.port, host.token);
  return host;
}

interface RawOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  token?: string | null;
  agent?: Agent;
}

/** node:http, so Host / Origin / Sec-Fetch-Site can be set the way a browser (or an attacker) would. */
function raw(port: number, path: string, options: RawOptions = {}): Promise<RawResponse> {
  const token = options.token === undefined ? tokens.get(port) : options.token;
  const headers = { ...(token ? { 'X-Yj-Token': token } : {}), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers, ...(options.agent ? { agent: options.agent } : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function invoke(port: number, route: string, input?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(port, '/__yj/invoke', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ route, input }),
  });
}

describe('browser host', () => {
  let sim: Sim;
  let host: BrowserHost;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yj-host-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer/index.html'), '<!doctype html><html><head><script type="module" src="./app.js"></script></head></html>');
    sim = await startSimulator({ port: 0, quiet: true });
    host = keyed(
      await startBrowserHost({
        port: 0,
        dataDir: join(dir, 'data'),
        serverUrl: sim.url,
        rendererDir: join(dir, 'renderer'),
        testHooks: true,
        logger: silentLogger,
        print: () => {},
      }),
    );
  });

  afterAll(async () => {
    await host?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a route through the real router, handlers and services against the simulator', async () => {
    const info = JSON.parse((await invoke(host.port, 'app.info')).body);
    expect(info).toMatchObject({ ok: true, data: { runtime: 'browser-host', serverUrl: sim.url, serverSource: 'env', serverFromCommandLine: true, sessionPersistence: 'dev-file' } });

    const sent = JSON.parse((await invoke(host.port, 'auth.sendCode', { phone: '13900000001' })).body);
    expect(sent.ok).toBe(true);
    const login = JSON.parse((await invoke(host.port, 'auth.login', { phone: '13900000001', code: '123456' })).body);
    expect(login).toMatchObject({ ok: true, data: { kind: 'signedIn' } });
    const balance = JSON.parse((await invoke(host.port, 'account.balance')).body);
    expect(balance.ok).toBe(true);
    expect(typeof balance.data.total).toBe('number');
    expect(sim.control.requests().some((r: { path: string }) => r.path.endsWith('/accounting/mybalance.dspy'))).toBe(true);
  });

  it('answers unknown routes and bad input with error envelopes, never a crash', async () => {
    expect(JSON.parse((await invoke(host.port, 'no.such.route')).body)).toMatchObject({ ok: false, error: { code: 'unknown_route' } });
    expect(JSON.parse((await invoke(host.port, 'orders.list', { page: 'x' })).body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const notJson = await raw(host.port, '/__yj/invoke', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{oops' });
    expect(notJson.status).toBe(400);
  });

  it('refuses a foreign Origin, a cross-site fetch, a wrong Host and a non-JSON content type', async () => {
    const foreign = await invoke(host.port, 'app.info', undefined, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect((await invoke(host.port, 'app.info', undefined, { Origin: 'null' })).status).toBe(403);
    expect((await invoke(host.port, 'app.info', undefined, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await invoke(host.port, 'app.info', undefined, { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    // DNS rebinding: evil.example resolved to 127.0.0.1 still says so in Host — on every path.
    expect((await invoke(host.port, 'app.info', undefined, { Host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await raw(host.port, '/', { headers: { Host: `evil.example:${host.port}` } })).status).toBe(421);
    expect((await invoke(host.port, 'app.info', undefined, { Host: `127.0.0.1:${host.port + 1}` })).status).toBe(421);
    const plain = await raw(host.port, '/__yj/invoke', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ route: 'app.info' }) });
    expect(plain.status).toBe(415);
    const none = await raw(host.port, '/__yj/invoke', { method: 'POST', body: JSON.stringify({ route: 'app.info' }) });
    expect(none.status).toBe(415);
    const events = await raw(host.port, '/__yj/events', { headers: { Origin: 'https://evil.example' } });
    expect(events.status).toBe(403);
    // Our own page, as Chromium labels it, is accepted.
    const own = await invoke(host.port, 'app.info', undefined, { Origin: `http://127.0.0.1:${host.port}`, 'Sec-Fetch-Site': 'same-origin' });
    expect(own.status).toBe(200);
    expect((await invoke(host.port, 'app.info', undefined, { Host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('streams bus events as server-sent events', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: `/__yj/events?token=${host.token}` }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes(': connected')) host.core.bus.publish('session.expired', { lastPhone: '13900000001' });
          // The app's own services may publish first (a download list settling after start): look for
          // this event among whatever arrives.
          const data = text.split('\n').find((line) => line.startsWith('data: {"event":"session.expired"'));
          if (data) {
            req.destroy();
            resolve(data.slice('data: '.length));
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(received)).toEqual({ event: 'session.expired', payload: { lastPhone: '13900000001' } });
  });

  it('coalesces the SSE stream with the one publisher: interleaved items (r1, r2, r1) all arrive, a burst of one item collapses', async () => {
    const watch = (id: string, state: RechargeWatch['state']): RechargeWatch => ({ id, amount: 10, state, baseline: 0, startedAt: 0, deadline: 1 });
    const frames = await new Promise<AppEvent[]>((resolve, reject) => {
      const seen: AppEvent[] = [];
      const req = request({ host: '127.0.0.1', port: host.port, path: `/__yj/events?token=${host.token}` }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes(': connected') && seen.length === 0 && !text.includes('data: ')) {
            const bus = host.core.bus;
            bus.publish('recharge.changed', watch('r1', 'opening'));
            bus.publish('recharge.changed', watch('r2', 'waiting'));
            bus.publish('recharge.changed', watch('r1', 'confirmed'));
            for (let total = 1; total <= 30; total += 1) bus.publish('balance.changed', { accounts: [], total, fetchedAt: 0 });
          }
          const lines = text.split('\n').filter((line) => line.startsWith('data: '));
          seen.splice(0, seen.length, ...lines.map((line) => JSON.parse(line.slice('data: '.length)) as AppEvent));
          // Other tests' events may share the stream; wait for the trailing updates of ours.
          if (seen.some((e) => e.event === 'balance.changed' && e.payload.total === 30) && seen.some((e) => e.event === 'recharge.changed' && e.payload.state === 'confirmed')) {
            req.destroy();
            resolve(seen);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    const recharges = frames.flatMap((e) => (e.event === 'recharge.changed' ? [`${e.payload.id}:${e.payload.state}`] : []));
    expect(recharges).toEqual(['r1:opening', 'r2:waiting', 'r1:confirmed']);
    const balances = frames.flatMap((e) => (e.event === 'balance.changed' ? [e.payload.total] : []));
    expect(balances.at(-1)).toBe(30);
    expect(balances.length).toBeLessThanOrEqual(2); // 30 updates within one window: the first and the last at most
  });

  it('serves index.html with the bridge injected, and the bridge itself', async () => {
    const index = await raw(host.port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-store');
    expect(index.body.indexOf(BRIDGE_TAG)).toBeLessThan(index.body.indexOf('<script type="module"'));
    const bridge = await raw(host.port, '/yj-bridge.js');
    expect(bridge.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(bridge.body).toContain('./__yj/invoke');
    expect((await raw(host.port, '/../package.json')).status).toBe(400);
  });

  it('exposes what the opener got only under test hooks', async () => {
    const opened = JSON.parse((await raw(host.port, '/__yj/test/opened')).body);
    expect(opened).toEqual({ opened: [] });
    const plainHost = keyed(await startBrowserHost({ port: 0, dataDir: join(dir, 'data2'), serverUrl: sim.url, rendererDir: join(dir, 'renderer'), logger: silentLogger, print: () => {} }));
    try {
      expect((await raw(plainHost.port, '/__yj/test/opened')).status).toBe(404);
    } finally {
      await plainHost.close();
    }
  });

  it('keeps the session across a restart on the same data folder, and warns that secrets are plain files', async () => {
    const lines: string[] = [];
    const dataDir = join(dir, 'restart');
    const first = keyed(await startBrowserHost({ port: 0, dataDir, serverUrl: sim.url, rendererDir: join(dir, 'renderer'), logger: silentLogger, print: (l) => lines.push(l) }));
    try {
      await invoke(first.port, 'auth.sendCode', { phone: '13900000001' });
      expect(JSON.parse((await invoke(first.port, 'auth.login', { phone: '13900000001', code: '123456' })).body).ok).toBe(true);
    } finally {
      await first.close();
    }
    expect(lines.join('\n')).toMatch(/DEV-ONLY/);
    const second = keyed(await startBrowserHost({ port: 0, dataDir, serverUrl: sim.url, rendererDir: join(dir, 'renderer'), logger: silentLogger, print: () => {} }));
    try {
      const state = JSON.parse((await invoke(second.port, 'auth.state')).body);
      expect(state).toMatchObject({ ok: true, data: { user: { displayName: '小林' } } });
      expect(JSON.parse((await invoke(second.port, 'account.balance')).body).ok).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('answers 401 to any /__yj/ request without this start\'s token, in header or query', async () => {
    const bare = await invoke(host.port, 'keys.reveal', { appId: 'x' }, {});
    expect(bare.status).toBe(200); // keyed by default: the route itself answers
    const missing = await raw(host.port, '/__yj/invoke', { method: 'POST', token: null, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ route: 'app.info' }) });
    expect(missing.status).toBe(401);
    const wrong = await raw(host.port, '/__yj/invoke', { method: 'POST', token: host.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ route: 'app.info' }) });
    expect(wrong.status).toBe(401);
    expect((await raw(host.port, '/__yj/events', { token: null })).status).toBe(401);
    expect((await raw(host.port, '/__yj/test/opened', { token: null })).status).toBe(401);
    // EventSource cannot set headers: the query form opens the stream.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: `/__yj/events?token=${host.token}` }, (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    // The static page needs no token (it is where the token arrives).
    expect((await raw(host.port, '/', { token: null })).status).toBe(200);
    expect(host.pageUrl('/#/login')).toBe(`${host.url}/?token=${host.token}#/login`);
    expect(host.token).toMatch(/^[\w-]{43}$/);
  });

  it('caps concurrent event streams: the ninth gets 429, and a closed one frees its place', async () => {
    const open: Array<{ destroy(): void }> = [];
    const openStream = () =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: host.port, path: `/__yj/events?token=${host.token}` }, (res) => {
          resolve(res.statusCode ?? 0);
          if (res.statusCode === 200) open.push(req);
          else res.resume();
        });
        req.on('error', reject);
        req.end();
      });
    try {
      const statuses = [];
      for (let i = 0; i < 8; i += 1) statuses.push(await openStream());
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(await openStream()).toBe(429);
      open.pop()?.destroy();
      await new Promise((r) => setTimeout(r, 50));
      expect(await openStream()).toBe(200);
    } finally {
      for (const req of open) req.destroy();
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it('after an oversized request (413), the next request on the same connection is answered at once', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = await raw(host.port, '/__yj/invoke', { method: 'POST', agent, headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(3 * 1024 * 1024) });
      expect(big.status).toBe(413);
      const started = Date.now();
      const next = await invoke(host.port, 'app.info', undefined, {});
      const reused = await raw(host.port, '/__yj/invoke', { method: 'POST', agent, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ route: 'app.info' }) });
      expect(next.status).toBe(200);
      expect(reused.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      agent.destroy();
    }
  });

  it('binds to 127.0.0.1 only', async () => {
    await expect(
      startBrowserHost({ port: 0, host: '0.0.0.0' as '127.0.0.1', dataDir: join(dir, 'data3'), logger: silentLogger, print: () => {} }),
    ).rejects.toThrow(/127\.0\.0\.1 only/);
  });
});
