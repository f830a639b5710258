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
import { fakeOrderRow } from '@/testing/fixtures';
import { fakeTask } from '@/testing/video';
import { datesEnding, serverDateOf } from '@/lib/spend/aggregate';

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

  it('answers at a glance: month spend against last month, models used most, success rate, running tasks, newest videos', async () => {
    const today = serverDateOf(Date.now());
    const month = today.slice(0, 7);
    // The first of last month: within "the same days of last month" whatever today is.
    const lastMonthDay = `${datesEnding(`${month}-01`, 2)[0]!.slice(0, 7)}-01`;
    const at = (date: string, overrides: Parameters<typeof fakeOrderRow>[0]) => fakeOrderRow({ useDate: date, useTime: `${date} 10:00:00`, ...overrides });
    const rows = [
      at(today, { amount: 6, name: 'Vidu Q3 Turbo' }),
      at(today, { amount: 4, name: 'Vidu Q3 Turbo' }),
      at(today, { amount: null, status: 'FAILED', accountingStatus: 'created', name: 'Vidu Q3 文生视频' }),
      at(today, { amount: 2, name: 'Vidu Q3 文生视频' }),
      at(lastMonthDay, { amount: 8, name: 'Vidu Q3 Turbo' }),
    ];
    const now = Date.now();
    installFakeBridge({
      'auth.state': () => ok({ user: fakeUser() }),
      'account.balance': () => ok(balance(126.5)),
      'orders.history': () => ok({ rows, fetchedAt: now, reachedEnd: true }),
      'tasks.list': () =>
        ok([
          fakeTask({ localId: 'run', status: 'processing', terminal: false, prompt: '江南古镇的清晨', createdAt: now }),
          fakeTask({ localId: 'old', status: 'SUCCEEDED', terminal: true, prompt: '旧的视频', resultUrls: ['https://cdn.example/a.mp4'], finishedAt: now - 60_000 }),
          fakeTask({ localId: 'new', status: 'SUCCEEDED', terminal: true, prompt: '新的视频', resultUrls: ['https://cdn.example/b.mp4'], finishedAt: now - 1_000 }),
          fakeTask({ localId: 'bad', status: 'FAILED', terminal: true, prompt: '失败的视频', resultUrls: [], finishedAt: now }),
        ]),
    });
    const { router } = await mountWithProviders(OverviewView);
    await flushPromises();
    // This month 6 + 4 + 2 = 12 against 8 on the same days of last month.
    expect(byId('glance-month-figure')?.textContent).toBe('¥12.00');
    expect(byId('glance-month-change')?.textContent).toBe('较上月同期 +50%');
    // The 1st of last month may be more than 30 days ago: then it is not among the last 30 days' runs.
    const inWindow = lastMonthDay >= datesEnding(today, 30)[0]!;
    const models = byId('glance-models')?.textContent ?? '';
    expect(models.indexOf('Vidu Q3 Turbo')).toBeLessThan(models.indexOf('Vidu Q3 文生视频'));
    expect(models).toContain(inWindow ? '3 次 · ¥18.00' : '2 次 · ¥10.00');
    expect(byId('glance-success-figure')?.textContent).toBe(inWindow ? '80%' : '75%');
    expect(byId('glance-running-figure')?.textContent).toBe('1');
    expect(byId('glance-running')?.textContent).toContain('江南古镇的清晨');
    const videos = byId('glance-videos')?.textContent ?? '';
    expect(videos.indexOf('新的视频')).toBeLessThan(videos.indexOf('旧的视频'));
    expect(videos).not.toContain('失败的视频');
    // Each card links to its screen; the videos to the tasks until a library screen exists.
    expect(byId('glance-month')?.getAttribute('href')).toBe('/orders');
    expect(byId('glance-running')?.getAttribute('href')).toBe('/tasks');
    expect(byId('glance-videos')?.getAttribute('href')).toBe(router.hasRoute('library') ? '/library' : '/tasks');
  });
});
