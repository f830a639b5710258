import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type Balance, type RechargeWatch } from '../../preload/contract';
import { EventBus } from '../core/bus';
import { FakeWebContents } from '../testing/electron-fake';
import { forwardEvents, registerIpc } from './register';

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, InvokeListener>();
  return {
    handlers,
    handle: vi.fn((channel: string, listener: InvokeListener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
}

const event = (trusted: boolean) => ({ trusted }) as unknown as IpcMainInvokeEvent;
const balance = (total: number): Balance => ({ accounts: [], total, fetchedAt: 0 });

describe('registerIpc', () => {
  it('registers ONE invoke channel and passes route and input to the router', async () => {
    const ipc = fakeIpcMain();
    const router = vi.fn(async (route: unknown, input: unknown) => ({ ok: true as const, data: { route, input } }));
    registerIpc(ipc, router, { isTrusted: (e) => (e as unknown as { trusted: boolean }).trusted });
    expect(ipc.handle).toHaveBeenCalledTimes(1);
    expect(ipc.handle.mock.calls[0]![0]).toBe(INVOKE_CHANNEL);
    const result = await ipc.handlers.get(INVOKE_CHANNEL)!(event(true), 'auth.login', { phone: '1' });
    expect(result).toEqual({ ok: true, data: { route: 'auth.login', input: { phone: '1' } } });
  });

  it('refuses untrusted senders without calling the router', async () => {
    const ipc = fakeIpcMain();
    const router = vi.fn();
    registerIpc(ipc, router, { isTrusted: () => false });
    const result = await ipc.handlers.get(INVOKE_CHANNEL)!(event(false), 'keys.reveal', { appId: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(router).not.toHaveBeenCalled();
  });

  it('treats a throwing sender check as untrusted', async () => {
    const ipc = fakeIpcMain();
    const router = vi.fn();
    registerIpc(ipc, router, {
      isTrusted: () => {
        throw new Error('Object has been destroyed');
      },
    });
    await expect(ipc.handlers.get(INVOKE_CHANNEL)!(event(true), 'app.info', undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(router).not.toHaveBeenCalled();
  });

  it('returns an unregister function', () => {
    const ipc = fakeIpcMain();
    const unregister = registerIpc(ipc, vi.fn(), { isTrusted: () => true });
    unregister();
    expect(ipc.removeHandler).toHaveBeenCalledWith(INVOKE_CHANNEL);
    expect(ipc.handlers.size).toBe(0);
  });
});

describe('forwardEvents', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function target() {
    const sent: unknown[] = [];
    return { sent, destroyed: false, send: vi.fn((channel: string, message: unknown) => sent.push([channel, message])), isDestroyed() { return this.destroyed; } };
  }

  it('sends bus events on the event channel, coalescing bursts to the last value', () => {
    const bus = new EventBus();
    const contents = target();
    const forwarder = forwardEvents(bus, () => contents);
    for (let i = 1; i <= 20; i += 1) bus.publish('balance.changed', balance(i));
    bus.publish('session.expired', { lastPhone: '13900000001' });
    expect(contents.sent).toEqual([
      [EVENT_CHANNEL, { event: 'balance.changed', payload: balance(1) }],
      [EVENT_CHANNEL, { event: 'session.expired', payload: { lastPhone: '13900000001' } }],
    ]);
    vi.advanceTimersByTime(100);
    expect(contents.sent.at(-1)).toEqual([EVENT_CHANNEL, { event: 'balance.changed', payload: balance(20) }]);
    expect(contents.sent).toHaveLength(3);
    forwarder.dispose();
  });

  it('keeps items of one event apart (per payload id)', () => {
    const bus = new EventBus();
    const contents = target();
    const forwarder = forwardEvents(bus, () => contents);
    const watch = (id: string, state: 'waiting' | 'confirmed') => ({ id, amount: 10, state, baseline: 0, startedAt: 0, deadline: 1 });
    bus.publish('recharge.changed', watch('r1', 'waiting'));
    bus.publish('recharge.changed', watch('r2', 'waiting'));
    bus.publish('recharge.changed', watch('r1', 'confirmed'));
    expect(contents.sent).toHaveLength(2);
    vi.advanceTimersByTime(100);
    expect(contents.sent.at(-1)).toEqual([EVENT_CHANNEL, { event: 'recharge.changed', payload: watch('r1', 'confirmed') }]);
    forwarder.dispose();
  });

  it('skips a missing or destroyed window, and stops after dispose', () => {
    const bus = new EventBus();
    const contents = target();
    let current: ReturnType<typeof target> | null = null;
    const forwarder = forwardEvents(bus, () => current);
    bus.publish('session.expired', {});
    current = contents;
    contents.destroyed = true;
    vi.advanceTimersByTime(500);
    bus.publish('settings.changed', {} as never);
    expect(contents.send).not.toHaveBeenCalled();
    contents.destroyed = false;
    forwarder.dispose();
    bus.publish('session.expired', {});
    vi.advanceTimersByTime(500);
    expect(contents.send).not.toHaveBeenCalled();
  });

  it('delivers interleaved updates of two items (r1, r2, r1 within 100 ms) to an Electron webContents: both items, r1 last', () => {
    const bus = new EventBus();
    const contents = new FakeWebContents();
    const forwarder = forwardEvents(bus, () => contents as never);
    const watch = (id: string, state: RechargeWatch['state']): RechargeWatch => ({ id, amount: 10, state, baseline: 0, startedAt: 0, deadline: 1 });
    bus.publish('recharge.changed', watch('r1', 'opening'));
    vi.advanceTimersByTime(30);
    bus.publish('recharge.changed', watch('r2', 'waiting'));
    vi.advanceTimersByTime(30);
    bus.publish('recharge.changed', watch('r1', 'confirmed'));
    vi.advanceTimersByTime(200);
    const payloads = contents.send.mock.calls.map(([channel, message]) => {
      expect(channel).toBe(EVENT_CHANNEL);
      return (message as { payload: RechargeWatch }).payload;
    });
    expect(payloads.map((p) => `${p.id}:${p.state}`)).toEqual(['r1:opening', 'r2:waiting', 'r1:confirmed']);
    forwarder.dispose();
  });
});
