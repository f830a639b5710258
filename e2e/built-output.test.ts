/**
 * What the build ships, read from `out/` (so `npm run build` first, as `npm test` does):
 * the renderer's Content-Security-Policy must not loosen, and the sandboxed preload must expose
 * exactly `window.yj` and nothing else.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../preload/contract';

const OUT = resolve('out');

/** The policy we reviewed. Adding a source anywhere, or dropping a directive, fails. */
const EXPECTED_CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:', 'yj-media:'],
  'media-src': ["'self'", 'yj-media:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

function builtCsp(): Record<string, string[]> {
  const html = readFileSync(resolve(OUT, 'renderer/index.html'), 'utf8');
  const metas = [...html.matchAll(/<meta\s[^>]*http-equiv="Content-Security-Policy"[^>]*>/gi)];
  expect(metas, 'exactly one CSP meta tag').toHaveLength(1);
  const content = /content="([^"]*)"/i.exec(metas[0][0])?.[1] ?? '';
  const policy: Record<string, string[]> = {};
  for (const directive of content.split(';').map((part) => part.trim()).filter(Boolean)) {
    const [name, ...sources] = directive.split(/\s+/);
    policy[name] = sources;
  }
  return policy;
}

describe('the built renderer', () => {
  it('carries exactly the reviewed Content-Security-Policy', () => {
    expect(builtCsp()).toEqual(EXPECTED_CSP);
  });

  it('has no inline script and loads scripts only from the app', () => {
    const html = readFileSync(resolve(OUT, 'renderer/index.html'), 'utf8');
    for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
      expect(tag).toMatch(/\ssrc="\.?\/[^"]+"/);
      expect(tag).not.toMatch(/src="(https?:)?\/\//);
    }
    expect(html).not.toMatch(/<script\b[^>]*>\s*[^<\s]/i);
  });
});

interface Exposure {
  name: string;
  api: Record<string, unknown>;
}

/** Runs the built preload the way a sandboxed renderer does: CommonJS, only `electron` to require. */
function loadPreload() {
  const code = readFileSync(resolve(OUT, 'preload/index.cjs'), 'utf8');
  const exposures: Exposure[] = [];
  const invoked: unknown[][] = [];
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposures.push({ name, api }) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invoked.push(args);
        return Promise.resolve({ ok: true, data: null });
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => listeners.set(channel, listener),
      removeListener: (channel: string) => listeners.delete(channel),
    },
  };
  const module = { exports: {} };
  const requireInSandbox = (id: string) => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`the sandboxed preload may not require ${id}`);
  };
  runInNewContext(code, { require: requireInSandbox, module, exports: module.exports, console });
  return { code, exposures, invoked, listeners, required };
}

describe('the built preload', () => {
  it('is one small CommonJS file that requires only electron', () => {
    const { code, required } = loadPreload();
    expect(required).toEqual(['electron']);
    expect(code.length).toBeLessThan(4_000);
    expect(code).not.toMatch(/zod|ZodError/);
  });

  it('exposes window.yj with invoke and onEvent, and nothing else', () => {
    const { exposures } = loadPreload();
    expect(exposures.map((exposure) => exposure.name)).toEqual(['yj']);
    expect(Object.keys(exposures[0].api).sort()).toEqual(['invoke', 'onEvent']);
    for (const value of Object.values(exposures[0].api)) expect(typeof value).toBe('function');
  });

  it('invoke goes out on the one invoke channel with the route and input only', async () => {
    const { exposures, invoked } = loadPreload();
    const invoke = exposures[0].api.invoke as (route: string, input: unknown) => Promise<unknown>;
    await invoke('auth.state', undefined);
    expect(invoked).toEqual([[INVOKE_CHANNEL, 'auth.state', undefined]]);
  });

  it('onEvent hands the page the event and payload, never the IpcRendererEvent, and unsubscribes', () => {
    const { exposures, listeners } = loadPreload();
    const onEvent = exposures[0].api.onEvent as (listener: (event: unknown) => void) => () => void;
    const seen: unknown[] = [];
    const unsubscribe = onEvent((event) => seen.push(event));
    const relay = listeners.get(EVENT_CHANNEL);
    expect(relay).toBeTypeOf('function');
    const senderEvent = { sender: { send: () => undefined } };
    relay?.(senderEvent, { event: 'balance.changed', payload: { balance: 1 }, extra: 'dropped' });
    relay?.(senderEvent, 'not an object');
    relay?.(senderEvent, { event: 42 });
    expect(seen).toEqual([{ event: 'balance.changed', payload: { balance: 1 } }]);
    unsubscribe();
    expect(listeners.has(EVENT_CHANNEL)).toBe(false);
  });
});
