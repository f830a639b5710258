import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import type { Balance } from '@contract';
import OverviewView from './OverviewView.vue';
import { useBalanceStore } from '@/stores/balance';
import { useKeysStore } from '@/stores/keys';
import { useOrdersStore } from '@/stores/orders';
import { useSessionStore } from '@/stores/session';
import { fakeUser, installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';
import { byId } from '@/testing/dom';

enableAutoUnmount(afterEach);
afterEach(() => {
  document.body.innerHTML = '';
});

const balance = (total: number): Balance => ({ accounts: [{ account: '客户账户', balance: total }, { account: '', balance: 3 }], total, fetchedAt: Date.now() });

describe('OverviewView', () => {
  it('greets the user, shows the balance with a recharge button, and links onwards', async () => {
    installFakeBridge({ 'auth.state': () => ok({ user: fakeUser({ displayName: '小林' }) }), 'account.balance': () => ok(balance(126.5)) });
    const { pinia, router } = await mountWithProviders(OverviewView);
    expect(byId('overview-greeting')?.textContent).toBe('你好，小林');
    expect(byId('balance-card-figure')?.textContent).toBe('¥126.50');
    expect(byId('balance-card')?.textContent).toContain('账户 2');
    expect(byId('balance-card-low')).toBeNull();

    byId('balance-card-recharge')?.click();
    await flushPromises();
    expect(useBalanceStore(pinia).dialogOpen).toBe(true);

    byId('overview-link-orders')?.click();
    // The route's screen is a lazy chunk: navigation completes once it has loaded.
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/orders'), { timeout: 10_000 });
    expect(byId('overview-link-keys')?.getAttribute('href')).toBe('/keys');
    expect(byId('overview-link-pricing')?.getAttribute('href')).toBe('/pricing');
  });

  it('flags a low balance', async () => {
    installFakeBridge({ 'auth.state': () => ok({ user: fakeUser() }), 'account.balance': () => ok(balance(8)) });
    await mountWithProviders(OverviewView);
    expect(byId('balance-card-low')?.textContent).toBe('余额低于 ¥20.00');
  });

  it('user-bound stores are cleared when the user signs out', async () => {
    installFakeBridge({
      'auth.state': () => ok({ user: fakeUser() }),
      'account.balance': () => ok(balance(8)),
      'orders.list': ({ page, pageSize }) => ok({ total: 1, page, pageSize, rows: [] }),
      'keys.list': () => ok([{ id: 'a', appName: 'x' }]),
    });
    const { pinia } = await mountWithProviders(OverviewView);
    const balanceStore = useBalanceStore(pinia);
    const orders = useOrdersStore(pinia);
    const keys = useKeysStore(pinia);
    await Promise.all([orders.load(1, 80), keys.load()]);
    expect(balanceStore.balance).not.toBeNull();
    expect(keys.apps).toHaveLength(1);
    await useSessionStore(pinia).logout();
    expect(balanceStore.balance).toBeNull();
    expect(orders.loaded).toBe(false);
    expect(keys.apps).toEqual([]);
  });
});
