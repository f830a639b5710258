import { afterEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import type { Balance, RechargeWatch } from '@contract';
import { defaultSettings, fakeUser, type FakeHandlers, installFakeBridge, ok } from '@/api/testing/fake-bridge';
import { installEvents } from '@/events';
import { i18n } from '@/i18n';
import { useBalanceStore } from '@/stores/balance';
import { useOrdersStore } from '@/stores/orders';
import { useSessionStore } from '@/stores/session';
import { useSettingsStore } from '@/stores/settings';
// events.ts imports the signed-in stores lazily; loaded here so one flushPromises() settles them.
import '@/stores/signedIn';

const balance = (total: number): Balance => ({ accounts: [{ account: '客户账户', balance: total }], total, fetchedAt: 0 });
const watch = (overrides: Partial<RechargeWatch> = {}): RechargeWatch => ({
  id: 'w1',
  amount: 100,
  state: 'waiting',
  baseline: 12,
  startedAt: 0,
  deadline: 15 * 60_000,
  ...overrides,
});

let uninstall: (() => void) | null = null;
afterEach(() => {
  uninstall?.();
  uninstall = null;
  i18n.global.locale.value = 'zh-CN';
});

function start(handlers: FakeHandlers = {}): { bridge: ReturnType<typeof installFakeBridge>; pinia: Pinia } {
  const bridge = installFakeBridge({
    'account.balance': () => ok(balance(12)),
    'account.rechargeWatch': () => ok(null),
    'orders.list': ({ page, pageSize }) => ok({ total: 0, page, pageSize, rows: [] }),
    ...handlers,
  });
  const pinia = createPinia();
  setActivePinia(pinia);
  uninstall = installEvents(pinia);
  return { bridge, pinia };
}

describe('events', () => {
  it('opens exactly one subscription, however often it is installed', () => {
    const { bridge, pinia } = start();
    expect(bridge.listenerCount()).toBe(1);
    expect(installEvents(pinia)).toBe(uninstall);
    expect(bridge.listenerCount()).toBe(1);
    uninstall?.();
    expect(bridge.listenerCount()).toBe(0);
  });

  it('feeds the session and settings stores', async () => {
    const { bridge, pinia } = start();
    const session = useSessionStore(pinia);
    bridge.emit('session.changed', { user: fakeUser(), lastPhone: '13900000001' });
    expect(session.user?.id).toBe('u-1');
    bridge.emit('session.expired', { lastPhone: '13900000002' });
    expect(session.signedIn).toBe(false);
    expect(session.expired).toBe(true);
    expect(session.lastPhone).toBe('13900000002');

    bridge.emit('settings.changed', defaultSettings({ theme: 'dark', lowBalanceThreshold: 5 }));
    expect(useSettingsStore(pinia).theme).toBe('dark');
  });

  it('feeds the balance store from balance.changed without reading the balance again', async () => {
    const { bridge, pinia } = start();
    bridge.emit('session.changed', { user: fakeUser() });
    await flushPromises();
    // Signing in reads the balance once: a push from before this page existed is lost to it.
    expect(bridge.callsTo('account.balance')).toHaveLength(1);
    bridge.emit('balance.changed', balance(99));
    await flushPromises();
    expect(useBalanceStore(pinia).total).toBe(99);
    expect(bridge.callsTo('account.balance')).toHaveLength(1);
  });

  it('keeps events in arrival order while the balance store loads', async () => {
    const { bridge, pinia } = start();
    bridge.emit('balance.changed', balance(1));
    bridge.emit('recharge.changed', watch());
    bridge.emit('balance.changed', balance(2));
    await flushPromises();
    const store = useBalanceStore(pinia);
    expect(store.total).toBe(2);
    expect(store.waiting).toBe(true);
  });

  it('reloads a shown orders page when a recharge is confirmed, once', async () => {
    const { bridge, pinia } = start();
    bridge.emit('session.changed', { user: fakeUser() });
    await useOrdersStore(pinia).load(1, 80);
    bridge.emit('recharge.changed', watch());
    await flushPromises();
    const before = bridge.callsTo('orders.list').length;
    bridge.emit('recharge.changed', watch({ state: 'confirmed', arrived: 100 }));
    bridge.emit('recharge.changed', watch({ state: 'confirmed', arrived: 100 }));
    await flushPromises();
    expect(bridge.callsTo('orders.list')).toHaveLength(before + 1);
    expect(bridge.callsTo('account.balance')).toHaveLength(1);
  });

  it('stops feeding the stores once uninstalled', async () => {
    const { bridge, pinia } = start();
    uninstall?.();
    bridge.emit('session.changed', { user: fakeUser() });
    expect(useSessionStore(pinia).signedIn).toBe(false);
  });
});
