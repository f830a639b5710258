import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import type { Balance, RechargeWatch } from '@contract';
import HeaderBalance from './HeaderBalance.vue';
import { useBalanceStore } from '@/stores/balance';
import { useOrdersStore } from '@/stores/orders';
import { defaultSettings, fail, fakeUser, type FakeHandlers, installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';
import { byId, click } from '@/testing/dom';

enableAutoUnmount(afterEach);
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

const NOW = Date.parse('2026-06-12T10:00:00+08:00');

function balance(total: number | null, accounts = [{ account: '客户账户', balance: total }]): Balance {
  return { accounts, total, fetchedAt: NOW };
}

function watch(overrides: Partial<RechargeWatch> = {}): RechargeWatch {
  return { id: 'w1', amount: 100, state: 'waiting', baseline: 12, startedAt: Date.now(), deadline: Date.now() + 15 * 60_000, ...overrides };
}

async function mountHeader(handlers: FakeHandlers = {}, threshold = 20) {
  const bridge = installFakeBridge({
    'auth.state': () => ok({ user: fakeUser() }),
    'account.balance': () => ok(balance(12)),
    'account.rechargeWatch': () => ok(null),
    'account.rechargeCancel': () => ok(null),
    'orders.list': ({ page, pageSize }) => ok({ total: 0, page, pageSize, rows: [] }),
    ...handlers,
  });
  bridge.settings = defaultSettings({ lowBalanceThreshold: threshold });
  const mounted = await mountWithProviders(HeaderBalance);
  // The sign-in reads run once the signed-in stores' chunk has loaded (events.ts): wait for them,
  // not for a fixed number of ticks, which changes as that chunk grows.
  await vi.waitFor(() => expect(bridge.callsTo('account.balance').length * bridge.callsTo('account.rechargeWatch').length).toBeGreaterThan(0));
  await flushPromises();
  return { bridge, ...mounted };
}

async function openDialog(): Promise<void> {
  await click('header-balance');
  await click('header-recharge-link');
  // The dialog's code loads on first use.
  await vi.waitFor(() => expect(byId('recharge-dialog')).not.toBeNull(), { timeout: 10_000 });
}

describe('HeaderBalance: the balance in view', () => {
  it('shows ¥ with 2 decimals on sign-in, and every account main first in the popover', async () => {
    const { bridge, pinia } = await mountHeader({
      'account.balance': () =>
        ok(balance(126.5, [
          { account: '客户账户', balance: 126.5 },
          { account: '赠送账户', balance: null },
        ])),
    });
    expect(bridge.callsTo('account.balance')).toHaveLength(1);
    expect(byId('header-balance-figure')?.textContent).toBe('¥126.50');
    await click('header-balance');
    const items = [...(byId('header-balance-accounts')?.querySelectorAll('li') ?? [])].map((li) => li.textContent?.replace(/\s+/g, ''));
    expect(items).toEqual(['客户账户¥126.50', '赠送账户—']);
    // Not low, but the popover always offers a recharge.
    expect(byId('header-recharge-link')).toBeNull();
    await click('header-popover-recharge');
    expect(useBalanceStore(pinia).dialogOpen).toBe(true);
  });

  it('shows — when the balance is unknown', async () => {
    await mountHeader({ 'account.balance': () => fail('transport', 'connect ECONNREFUSED') });
    expect(byId('header-balance-figure')?.textContent).toBe('—');
    // Never read: not flagged as low.
    expect(byId('header-recharge-link')).toBeNull();
  });

  it('flags a balance below the threshold with a recharge link, and follows the threshold', async () => {
    const { bridge } = await mountHeader({}, 20);
    expect(byId('header-recharge-link')?.textContent?.trim()).toBe('充值');
    expect(byId('header-balance')?.className).toContain('low');

    bridge.emit('balance.changed', balance(126.5));
    await flushPromises();
    expect(byId('header-balance-figure')?.textContent).toBe('¥126.50');
    expect(byId('header-recharge-link')).toBeNull();
    expect(byId('header-balance')?.className).not.toContain('low');

    bridge.emit('settings.changed', defaultSettings({ lowBalanceThreshold: 200 }));
    await flushPromises();
    expect(byId('header-recharge-link')).not.toBeNull();
  });

  it('refreshes when the window regains focus, at most once per 10 s', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const { bridge } = await mountHeader();
    expect(bridge.callsTo('account.balance')).toHaveLength(1);
    window.dispatchEvent(new Event('focus'));
    await flushPromises();
    expect(bridge.callsTo('account.balance')).toHaveLength(1);
    vi.setSystemTime(NOW + 10_001);
    window.dispatchEvent(new Event('focus'));
    document.dispatchEvent(new Event('visibilitychange'));
    await flushPromises();
    expect(bridge.callsTo('account.balance')).toHaveLength(2);
  });

  it('shows a recharge started earlier as waiting, and the indicator reopens the dialog', async () => {
    await mountHeader({ 'account.rechargeWatch': () => ok(watch()) });
    expect(byId('header-recharge-waiting')?.textContent).toContain('等待支付…');
    await click('header-recharge-waiting');
    await vi.waitFor(() => expect(byId('recharge-dialog')?.dataset.phase).toBe('waiting'), { timeout: 10_000 });
    expect(byId('recharge-dialog')?.textContent).toContain('请在浏览器中完成支付');
  });
});

describe('RechargeDialog', () => {
  it('recharge → waiting → confirmed event → 已到账, and the orders are refreshed', async () => {
    const { bridge, pinia } = await mountHeader({
      'account.recharge': ({ amount }) => ok(watch({ amount, state: 'waiting' })),
    });
    await useOrdersStore(pinia).load(1, 80);
    await openDialog();
    expect(byId('recharge-current-balance')?.textContent).toBe('¥12.00');

    await click('recharge-preset-200');
    await click('recharge-pay');
    expect(bridge.callsTo('account.recharge')).toEqual([{ amount: 200 }]);
    expect(byId('recharge-dialog')?.dataset.phase).toBe('waiting');
    expect(byId('recharge-waiting')?.textContent).toContain('请在浏览器中完成支付');
    expect(byId('recharge-elapsed')?.textContent).toMatch(/已等待 00:0\d/);

    const ordersBefore = bridge.callsTo('orders.list').length;
    const balanceReadsBefore = bridge.callsTo('account.balance').length;
    bridge.emit('balance.changed', balance(212));
    bridge.emit('recharge.changed', watch({ amount: 200, state: 'confirmed', arrived: 200 }));
    await flushPromises();
    expect(byId('recharge-dialog')?.dataset.phase).toBe('outcome');
    expect(byId('recharge-confirmed')?.textContent).toBe('已到账 ¥200.00');
    expect(bridge.callsTo('orders.list').length).toBe(ordersBefore + 1);
    // The event carried the balance: nothing reads it again.
    expect(bridge.callsTo('account.balance').length).toBe(balanceReadsBefore);
    expect(byId('recharge-current-balance')?.textContent).toBe('¥212.00');
    expect(byId('header-recharge-waiting')).toBeNull();
  });

  it('validates a custom amount before sending anything; Enter submits the form', async () => {
    const { bridge } = await mountHeader({ 'account.recharge': ({ amount }) => ok(watch({ amount })) });
    await openDialog();
    const input = byId('recharge-custom') as HTMLInputElement;
    for (const [value, message] of [
      ['1.234', '金额最多保留两位小数'],
      ['0', '金额必须大于 0'],
      ['abc', '请输入数字金额，例如 100 或 99.50'],
      ['50001', '单次充值不能超过 ¥50,000'],
    ]) {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await flushPromises();
      byId('recharge-dialog')?.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
      await flushPromises();
      expect(byId('recharge-amount-error')?.textContent).toBe(message);
    }
    expect(bridge.callsTo('account.recharge')).toEqual([]);
    // The form has a real submit button, which is what makes Enter submit it.
    expect(byId('recharge-pay')?.getAttribute('type')).toBe('submit');
    input.value = '0.01';
    input.dispatchEvent(new Event('input'));
    byId('recharge-dialog')?.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await flushPromises();
    expect(bridge.callsTo('account.recharge')).toEqual([{ amount: 0.01 }]);
  });

  it('closing the dialog keeps the wait; 我已支付 and 取消 reach main', async () => {
    let checks = 0;
    const { bridge, pinia } = await mountHeader({
      'account.recharge': ({ amount }) => ok(watch({ amount })),
      'account.rechargeCheck': () => {
        checks += 1;
        return ok(watch());
      },
    });
    await openDialog();
    await click('recharge-pay');
    // Close with the card's close button: the wait survives and shows in the header.
    document.body.querySelector<HTMLElement>('.n-card-header__close')?.click();
    await flushPromises();
    expect(useBalanceStore(pinia).dialogOpen).toBe(false);
    expect(byId('header-recharge-waiting')).not.toBeNull();
    await click('header-recharge-waiting');
    await vi.waitFor(() => expect(byId('recharge-dialog')?.dataset.phase).toBe('waiting'), { timeout: 10_000 });

    await click('recharge-check');
    expect(checks).toBe(1);
    expect(byId('recharge-waiting')?.textContent).toContain('暂未查到到账');

    await click('recharge-cancel');
    expect(bridge.callsTo('account.rechargeCancel')).toHaveLength(1);
    expect(byId('recharge-outcome')?.dataset.state).toBe('cancelled');
    expect(byId('header-recharge-waiting')).toBeNull();
  });

  it('says the payment is not confirmed on timeout', async () => {
    const { bridge } = await mountHeader({ 'account.recharge': ({ amount }) => ok(watch({ amount })) });
    await openDialog();
    await click('recharge-pay');
    bridge.emit('recharge.changed', watch({ state: 'timeout' }));
    await flushPromises();
    expect(byId('recharge-outcome')?.dataset.state).toBe('timeout');
    expect(byId('recharge-outcome')?.textContent).toContain('支付尚未确认——支付处理完成后余额会自动更新。');
  });

  it('a failed 我已支付 while waiting does not hide the payment arriving afterwards', async () => {
    const { bridge } = await mountHeader({
      'account.recharge': ({ amount }) => ok(watch({ amount })),
      'account.rechargeCheck': () => fail('transport', 'connect ECONNREFUSED'),
    });
    await openDialog();
    await click('recharge-pay');
    await click('recharge-check');
    expect(byId('recharge-wait-error')?.textContent).toContain('无法连接');
    expect(byId('recharge-dialog')?.dataset.phase).toBe('waiting');

    bridge.emit('balance.changed', balance(112));
    bridge.emit('recharge.changed', watch({ state: 'confirmed', arrived: 100 }));
    await flushPromises();
    expect(byId('recharge-dialog')?.dataset.phase).toBe('outcome');
    expect(byId('recharge-confirmed')?.textContent).toContain('¥100.00');
    expect(byId('recharge-wait-error')).toBeNull();
  });

  it('after a timeout, 我已支付 says when nothing has arrived yet', async () => {
    const { bridge } = await mountHeader({
      'account.recharge': ({ amount }) => ok(watch({ amount })),
      'account.rechargeCheck': () => ok(watch({ state: 'timeout' })),
    });
    await openDialog();
    await click('recharge-pay');
    bridge.emit('recharge.changed', watch({ state: 'timeout' }));
    await flushPromises();
    expect(byId('recharge-not-yet')).toBeNull();
    const paid = [...(byId('recharge-outcome')?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.includes('我已支付'));
    paid?.click();
    await flushPromises();
    expect(byId('recharge-not-yet')?.textContent).toContain('暂未查到到账');
  });

  it('explains a refused payment address', async () => {
    const { bridge } = await mountHeader({
      'account.recharge': () => fail('url_refused', 'The payment link was refused and not opened: host not allowed'),
    });
    await openDialog();
    await click('recharge-pay');
    // Main also publishes the failed watch; the form with the explanation stays.
    bridge.emit('recharge.changed', watch({ state: 'failed', errorCode: 'url_refused' }));
    await flushPromises();
    expect(byId('recharge-dialog')?.dataset.phase).toBe('form');
    expect(byId('recharge-error')?.textContent).toContain('应用拒绝打开支付页面');
    expect(byId('recharge-error')?.textContent).toContain('不在允许的列表中');
  });
});
