/**
 * The bridge script runs in the browser; here it runs in a node:vm context with a fake fetch and
 * EventSource, to prove the promises the contract makes: invoke never throws, events reconnect.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';

const SCRIPT = readFileSync(fileURLToPath(new URL('./bridge-client.js', import.meta.url)), 'utf8');

interface Bridge {
  invoke(route: string, input?: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
}

class FakeEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static all: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  close(): void {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
}

type FetchImpl = (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<unknown>;

function load(fetchImpl: FetchImpl, page: Record<string, unknown> = {}) {
  FakeEventSource.all = [];
  const window: { yj?: Bridge } = {};
  runInNewContext(SCRIPT, { window, fetch: fetchImpl, EventSource: FakeEventSource, setTimeout, clearTimeout, JSON, Object, String, Math, Promise, URLSearchParams, encodeURIComponent, ...page });
  return window.yj as Bridge;
}

/** A tab at `href`: its sessionStorage survives reloads (pass the same one), history records replaceState. */
function tab(href: string, storage = new Map<string, string>()) {
  const url = new URL(href);
  const replaced: string[] = [];
  return {
    storage,
    replaced,
    globals: {
      location: { search: url.search, pathname: url.pathname, hash: url.hash },
      sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
      history: { state: { back: null }, replaceState: (_s: unknown, _t: string, to: string) => void replaced.push(to) },
    },
  };
}

const response = (status: number, text: string) => ({ status, text: async () => text });

describe('yj-bridge.js (window.yj in the browser host)', () => {
  it('posts {route, input} as JSON to ./__yj/invoke and returns the Result as sent', async () => {
    const calls: { url: string; init: { method: string; headers: Record<string, string>; body: string } }[] = [];
    const yj = load(async (url, init) => {
      calls.push({ url, init });
      return response(200, JSON.stringify({ ok: true, data: { total: 5 } }));
    });
    await expect(yj.invoke('orders.list', { page: 1, pageSize: 20 })).resolves.toEqual({ ok: true, data: { total: 5 } });
    expect(calls[0]?.url).toBe('./__yj/invoke');
    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.init.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(calls[0]?.init.body ?? '')).toEqual({ route: 'orders.list', input: { page: 1, pageSize: 20 } });
  });

  it('takes the token from ?token=, strips it from the address bar, and sends it on fetch and EventSource', async () => {
    const headers: Record<string, string>[] = [];
    const fetchImpl: FetchImpl = async (_url, init) => {
      headers.push(init.headers);
      return response(200, '{"ok":true,"data":null}');
    };
    const first = tab('http://127.0.0.1:5188/?token=T0k-en_1&lang=en#/orders?page=2');
    const yj = load(fetchImpl, first.globals);
    expect(first.replaced).toEqual(['/?lang=en#/orders?page=2']);
    await yj.invoke('app.info');
    expect(headers[0]?.['X-Yj-Token']).toBe('T0k-en_1');
    yj.onEvent(() => {});
    expect(FakeEventSource.all[0]?.url).toBe('./__yj/events?token=T0k-en_1');

    // A reload of the stripped address still has the token (sessionStorage), and touches no history.
    const reloaded = tab('http://127.0.0.1:5188/#/orders', first.storage);
    await load(fetchImpl, reloaded.globals).invoke('app.info');
    expect(reloaded.replaced).toEqual([]);
    expect(headers[1]?.['X-Yj-Token']).toBe('T0k-en_1');
  });

  it('never throws: network failures and non-Result answers become transport errors', async () => {
    const down = load(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(down.invoke('app.info')).resolves.toEqual({ ok: false, error: { code: 'transport', message: 'Failed to fetch' } });
    const html = load(async () => response(502, '<html>bad gateway</html>'));
    await expect(html.invoke('app.info')).resolves.toMatchObject({ ok: false, error: { code: 'transport' } });
    const refused = load(async () => response(403, JSON.stringify({ ok: false, error: { code: 'forbidden_sender', message: 'foreign Origin' } })));
    await expect(refused.invoke('app.info')).resolves.toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('delivers events from one EventSource and reconnects after it is closed for good', async () => {
    vi.useFakeTimers();
    try {
      const yj = load(async () => response(200, '{}'));
      const seen: unknown[] = [];
      const off = yj.onEvent((event) => seen.push(event));
      const alsoSeen: unknown[] = [];
      yj.onEvent((event) => alsoSeen.push(event));
      expect(FakeEventSource.all).toHaveLength(1);
      const first = FakeEventSource.all[0]!;
      expect(first.url).toBe('./__yj/events?token=');
      first.onmessage?.({ data: JSON.stringify({ event: 'session.expired', payload: { lastPhone: '13900000001' } }) });
      first.onmessage?.({ data: 'not json' });
      expect(seen).toEqual([{ event: 'session.expired', payload: { lastPhone: '13900000001' } }]);
      expect(alsoSeen).toEqual(seen);

      first.readyState = FakeEventSource.CLOSED; // e.g. the host restarted
      first.onerror?.();
      vi.advanceTimersByTime(999);
      expect(FakeEventSource.all).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(FakeEventSource.all).toHaveLength(2);
      FakeEventSource.all[1]!.onmessage?.({ data: JSON.stringify({ event: 'balance.changed', payload: { total: 1 } }) });
      expect(seen).toHaveLength(2);
      off();
      expect(FakeEventSource.all[1]!.closed).toBe(false); // the other listener still listens
    } finally {
      vi.useRealTimers();
    }
  });

  it('a throwing listener does not starve the others (its error is rethrown asynchronously)', () => {
    FakeEventSource.all = [];
    const window: { yj?: Bridge } = {};
    const deferred: (() => void)[] = [];
    runInNewContext(SCRIPT, { window, fetch: async () => ({}), EventSource: FakeEventSource, setTimeout: (fn: () => void) => deferred.push(fn), clearTimeout: () => {} });
    const seen: unknown[] = [];
    window.yj!.onEvent(() => {
      throw new Error('faulty listener');
    });
    window.yj!.onEvent((event) => seen.push(event));
    expect(() => FakeEventSource.all[0]!.onmessage?.({ data: JSON.stringify({ event: 'x', payload: 1 }) })).not.toThrow();
    expect(seen).toEqual([{ event: 'x', payload: 1 }]);
    expect(deferred).toHaveLength(1);
    expect(() => deferred[0]!()).toThrow('faulty listener');
  });

  it('window.yj cannot be replaced by page scripts', () => {
    const window: { yj?: unknown } = {};
    runInNewContext(`${SCRIPT}; window.yj = 'hijacked';`, { window, fetch: async () => ({}), EventSource: FakeEventSource, setTimeout, clearTimeout });
    expect(typeof (window.yj as Bridge).invoke).toBe('function');
  });
});
