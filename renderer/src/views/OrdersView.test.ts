import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import type { OrderRow, OrdersHistory, OrdersPage } from '@contract';
import OrdersView from './OrdersView.vue';
import { useOrdersStore } from '@/stores/orders';
import { fail, fakeUser, type FakeHandlers, installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';
import { byId } from '@/testing/dom';
import { datesEnding, serverDateOf } from '@/lib/spend/aggregate';

// happy-dom lays nothing out, so Naive's virtual list would measure a 0 px viewport and render
// no row. Before Naive loads (hoisted above the imports), give it an observer that reports the
// 560 px the table gets before the view measures the window.
vi.hoisted(() => {
  class FixedHeightResizeObserver {
    constructor(private readonly callback: (entries: unknown[]) => void) {}
    observe(target: Element): void {
      const contentRect = { width: 1000, height: 560, top: 0, left: 0, right: 1000, bottom: 560, x: 0, y: 0 };
      queueMicrotask(() => this.callback([{ target, contentRect, borderBoxSize: [], contentBoxSize: [], devicePixelContentBoxSize: [] }]));
    }
    unobserve(): void {}
    disconnect(): void {}
  }
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver = FixedHeightResizeObserver;
  (window as { ResizeObserver?: unknown }).ResizeObserver = FixedHeightResizeObserver;
});

enableAutoUnmount(afterEach);
afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

function order(index: number, overrides: Partial<OrderRow> = {}): OrderRow {
  const minute = String(59 - (index % 60)).padStart(2, '0');
  return {
    llmid: `m${index}`,
    name: 'Vidu Q3 文生视频',
    model: index % 2 ? 'viduq3-turbo' : 'viduq3-pro',
    useDate: '2026-06-12',
    useTime: `2026-06-12 10:${minute}:00`,
    usage: { duration: 5, SR: 1080 },
    amount: 4.5 + index,
    userid: 'u1',
    status: 'SUCCEEDED',
    accountingStatus: 'accounted',
    ...overrides,
  };
}

function page(rows: OrderRow[], total = rows.length, pageNumber = 1, pageSize = 80): OrdersPage {
  return { total, page: pageNumber, pageSize, rows };
}

const rowCells = () =>
  [...document.body.querySelectorAll('[data-testid="orders-row"]')].map((row) => [...row.querySelectorAll('[role="cell"]')].map((cell) => cell.textContent?.trim()));

async function mountOrders(handlers: FakeHandlers = {}, path = '/orders') {
  const emptyHistory: OrdersHistory = { rows: [], fetchedAt: Date.now(), reachedEnd: true };
  const bridge = installFakeBridge({ 'auth.state': () => ok({ user: fakeUser() }), 'orders.history': () => ok(emptyHistory), ...handlers });
  const mounted = await mountWithProviders(OrdersView, { path });
  await flushPromises();
  return { bridge, ...mounted };
}

describe('OrdersView', () => {
  it('loads 80 rows per page, newest first, with words for usage, amount and statuses', async () => {
    const rows = [
      order(0),
      order(1, { amount: null, accountingStatus: 'created', status: 'RUNNING', usage: { duration: 8, resolution: '720p', seed: 7 } }),
      order(2, { status: 'FAILED', accountingStatus: 'failed', amount: 0 }),
      order(3, { status: 'UNKNOWN' }),
    ];
    const { bridge } = await mountOrders({ 'orders.list': () => ok(page(rows)) });
    expect(bridge.callsTo('orders.list')).toEqual([{ page: 1, pageSize: 80 }]);
    expect(rowCells()).toEqual([
      ['2026-06-12 10:59:00', 'Vidu Q3 文生视频viduq3-pro', '5 秒 · 1080p', '¥4.50', '成功', '已结算'],
      // Still running: nothing to bill yet, never 结算中 (that is a succeeded run's word).
      ['2026-06-12 10:58:00', 'Vidu Q3 文生视频viduq3-turbo', '8 秒 · 720p · seed=7', '—', '处理中', '进行中'],
      // Failed and unknown runs are not billed (§5.6), whatever amount the row carries.
      ['2026-06-12 10:57:00', 'Vidu Q3 文生视频viduq3-pro', '5 秒 · 1080p', '不计费', '失败', '不计费'],
      ['2026-06-12 10:56:00', 'Vidu Q3 文生视频viduq3-turbo', '5 秒 · 1080p', '不计费', '未知', '不计费'],
    ]);
    expect(document.body.textContent).toContain('时间（服务器时间）');
    expect(byId('orders-note')?.textContent).toContain('平台只保留近期的记录');
  });

  it('sorts by amount and filters by text within the loaded rows', async () => {
    await mountOrders({ 'orders.list': () => ok(page([order(0), order(1), order(2, { amount: null, accountingStatus: 'created' })])) });
    byId('orders-sort-amount')?.click();
    await flushPromises();
    expect(rowCells().map((cells) => cells[3])).toEqual(['¥5.50', '¥4.50', '结算中']);
    byId('orders-sort-amount')?.click();
    await flushPromises();
    expect(rowCells().map((cells) => cells[3])).toEqual(['¥4.50', '¥5.50', '结算中']);

    const search = byId('orders-search')?.querySelector('input') as HTMLInputElement;
    search.value = 'TURBO';
    search.dispatchEvent(new Event('input'));
    await flushPromises();
    expect(rowCells()).toHaveLength(1);
    expect(byId('orders-summary')?.textContent).toContain('显示 1 条');
    search.value = 'nothing like this';
    search.dispatchEvent(new Event('input'));
    await flushPromises();
    expect(byId('orders-empty-filtered')?.textContent).toContain('没有符合筛选条件的记录');
  });

  it('asks for another page with the same page size', async () => {
    const { bridge } = await mountOrders({
      'orders.list': ({ page: number, pageSize }) => ok(page([order(number)], 200, number, pageSize)),
    });
    const second = [...document.body.querySelectorAll<HTMLElement>('.n-pagination-item')].find((item) => item.textContent?.trim() === '2');
    second?.click();
    await flushPromises();
    expect(bridge.callsTo('orders.list')).toEqual([
      { page: 1, pageSize: 80 },
      { page: 2, pageSize: 80 },
    ]);
  });

  it('shows an empty state', async () => {
    await mountOrders({ 'orders.list': () => ok(page([])) });
    expect(byId('orders-empty')?.textContent).toContain('暂无订单记录');
  });

  it('shows an error with 重试 that loads again', async () => {
    let broken = true;
    const { bridge } = await mountOrders({
      'orders.list': () => (broken ? fail('empty_response', '订单暂不可用 / Orders unavailable on this server') : ok(page([order(0)]))),
    });
    expect(byId('orders-error')?.textContent).toContain('订单加载失败');
    broken = false;
    byId('orders-retry')?.click();
    await flushPromises();
    expect(bridge.callsTo('orders.list')).toHaveLength(2);
    expect(byId('orders-error')).toBeNull();
    expect(rowCells()).toHaveLength(1);
  });

  it('exports what is shown as UTF-8 CSV with a BOM', async () => {
    let blob: Blob | null = null;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((value) => {
      blob = value as Blob;
      return 'blob:orders';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    await mountOrders({ 'orders.list': () => ok(page([order(0, { name: '文生视频, "高清"' }), order(1)])) });
    const search = byId('orders-search')?.querySelector('input') as HTMLInputElement;
    search.value = 'viduq3-pro';
    search.dispatchEvent(new Event('input'));
    await flushPromises();
    byId('orders-export')?.click();
    await flushPromises();

    expect(clicked).toHaveLength(1);
    expect(clicked[0]).toMatch(/^orders-\d{8}-\d{4}\.csv$/);
    const bytes = new Uint8Array(await (blob as unknown as Blob).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text).toBe('\uFEFF时间（服务器时间）,模型名称,模型,用量,金额,状态,结算状态\r\n2026-06-12 10:59:00,"文生视频, ""高清""",viduq3-pro,5 秒 · 1080p,4.5,成功,已结算\r\n');
  });

  it('takes pageSize from the route for the benchmark and renders only the rows in view', async () => {
    const many = Array.from({ length: 10_000 }, (_, index) => order(index, { llmid: `row-${index}` }));
    const { bridge, pinia } = await mountOrders({ 'orders.list': ({ pageSize }) => ok(page(many, 10_000, 1, pageSize)) }, '/orders?pageSize=10000');
    expect(bridge.callsTo('orders.list')).toEqual([{ page: 1, pageSize: 10_000 }]);
    const scroll = byId('orders-scroll');
    expect(scroll).not.toBeNull();
    const rendered = document.body.querySelectorAll('[data-testid="orders-row"]').length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    // The 10 000 rows are not deep-proxied.
    const rows = useOrdersStore(pinia).rows as unknown as Record<string, unknown>;
    expect(rows.__v_skip).toBe(true);

    scroll!.scrollTop = 5000 * 48;
    scroll!.dispatchEvent(new Event('scroll'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await flushPromises();
    const amounts = rowCells().map((cells) => cells[3]);
    expect(amounts).toContain('¥5,004.50');
    expect(document.body.querySelectorAll('[data-testid="orders-row"]').length).toBeLessThan(60);
  });

  it.each([
    ['/orders?pageSize=5', 80],
    ['/orders?pageSize=20000', 80],
    ['/orders?pageSize=abc', 80],
    ['/orders?pageSize=10', 10],
    ['/orders?pageSize=200', 200],
  ])('%s → page size %i', async (path, size) => {
    const { bridge } = await mountOrders({ 'orders.list': ({ pageSize }) => ok(page([], 0, 1, pageSize)) }, path);
    expect(bridge.callsTo('orders.list')).toEqual([{ page: 1, pageSize: size }]);
  });

  it('the spend chart sums the saved history by server day; a click on a day filters the table to it', async () => {
    const [yesterday, today] = datesEnding(serverDateOf(Date.now()), 2) as [string, string];
    const at = (date: string, time: string, overrides: Partial<OrderRow>) => order(0, { useDate: date, useTime: `${date} ${time}`, ...overrides });
    const history: OrdersHistory = {
      rows: [
        at(today, '10:00:00', { amount: 4.5, name: 'Vidu Q3 文生视频' }),
        at(today, '09:00:00', { amount: 2, name: 'Vidu Q3 Turbo', model: 'viduq3-turbo' }),
        at(today, '08:00:00', { amount: null, status: 'FAILED', accountingStatus: 'created' }),
        at(yesterday, '23:00:00', { amount: 10, name: 'Vidu Q3 Turbo', model: 'viduq3-turbo' }),
      ],
      fetchedAt: null,
      reachedEnd: true,
    };
    const pageRow = order(5, { useDate: '2020-01-01', useTime: '2020-01-01 10:00:00' });
    const { bridge } = await mountOrders({
      'orders.list': () => ok(page([pageRow])),
      'orders.history': ({ mode }) => ok(mode === 'cached' ? history : { ...history, fetchedAt: Date.now() }),
    });
    // What is saved first, then a refresh (never read before: no fetchedAt).
    expect(bridge.callsTo('orders.history')).toEqual([{ mode: 'cached' }, { mode: 'refresh' }]);
    expect(byId('spend-total')?.textContent).toBe('¥16.50');
    expect(byId('spend-succeeded')?.textContent).toBe('成功 3 次');
    expect(byId('spend-failed')?.textContent).toBe('失败 1 次（不计费）');
    const bars = () => [...document.body.querySelectorAll<HTMLElement>('[data-testid="spend-bar"]')];
    expect(bars()).toHaveLength(30);
    const bar = (date: string) => bars().find((b) => b.dataset.day === date)!;
    expect(bar(today).dataset.total).toBe('6.5');
    expect(bar(today).querySelectorAll('.segment')).toHaveLength(2);

    // Hovering a bar shows its figures.
    bar(today).dispatchEvent(new MouseEvent('mouseenter'));
    await flushPromises();
    const tip = byId('spend-tip')?.textContent ?? '';
    expect(tip).toContain('Vidu Q3 文生视频¥4.50');
    expect(tip).toContain('Vidu Q3 Turbo¥2.00');
    expect(tip).toContain('当日合计 ¥6.50');
    expect(tip).toContain('成功 2 · 失败 1');

    // The table shows the page until a day is picked, then that day's saved rows only.
    expect(rowCells().map((cells) => cells[0])).toEqual(['2020-01-01 10:00:00']);
    bar(yesterday).click();
    await flushPromises();
    expect(rowCells().map((cells) => [cells[0], cells[3]])).toEqual([[`${yesterday} 23:00:00`, '¥10.00']]);
    expect(byId('orders-summary')?.textContent).toContain(yesterday);
    expect(bar(yesterday).getAttribute('aria-pressed')).toBe('true');
    bar(today).click();
    await flushPromises();
    expect(rowCells().map((cells) => cells[3])).toEqual(['¥4.50', '¥2.00', '不计费']);

    // Clicking the picked day again, or 显示全部, shows the page again.
    byId('spend-clear-day')?.click();
    await flushPromises();
    expect(byId('spend-picked')).toBeNull();
    expect(rowCells().map((cells) => cells[0])).toEqual(['2020-01-01 10:00:00']);
    bar(today).click();
    await flushPromises();
    bar(today).click();
    await flushPromises();
    expect(rowCells()).toHaveLength(1);

    // Seven days, and a read in progress says how far it has come.
    byId('spend-range-7')?.click();
    await flushPromises();
    expect(bars()).toHaveLength(7);
    bridge.emit({ event: 'orders.history.progress', payload: { loaded: 200, total: 230, running: true } });
    await vi.waitFor(() => expect(byId('spend-progress')?.textContent).toBe('正在读取订单：已读取 200 / 230 条'));
  });

  it('speaks English too: the chart figures and the billing words', async () => {
    const [today] = datesEnding(serverDateOf(Date.now()), 1) as [string];
    const rows = [
      order(0, { useDate: today, useTime: `${today} 10:00:00`, amount: 3 }),
      order(1, { useDate: today, useTime: `${today} 09:00:00`, amount: null, status: 'FAILED', accountingStatus: 'created' }),
      order(2, { useDate: today, useTime: `${today} 08:00:00`, amount: null, accountingStatus: 'failed' }),
    ];
    const bridge = installFakeBridge({
      'auth.state': () => ok({ user: fakeUser() }),
      'orders.list': () => ok(page(rows)),
      'orders.history': () => ok({ rows, fetchedAt: Date.now(), reachedEnd: true }),
    });
    await mountWithProviders(OrdersView, { path: '/orders', locale: 'en' });
    await flushPromises();
    expect(byId('spend-panel')?.textContent).toContain('Last 30 days');
    expect(byId('spend-total')?.textContent).toBe('¥3.00');
    expect(byId('spend-succeeded')?.textContent).toBe('2 succeeded');
    expect(byId('spend-failed')?.textContent).toBe('1 failed (not billed)');
    expect(byId('spend-figures')?.textContent).toContain('1 not billed yet');
    expect(rowCells().map((cells) => [cells[3], cells[5]])).toEqual([
      ['¥3.00', 'Billed'],
      ['Not billed', 'Not billed'],
      ['Billing failed (may still be billed later)', 'Billing failed (may still be billed later)'],
    ]);

    // Read a moment ago: opening did not read again; the screen's refresh reads what is new.
    expect(bridge.callsTo('orders.history')).toEqual([{ mode: 'cached' }]);
    byId('orders-refresh')?.click();
    await flushPromises();
    expect(bridge.callsTo('orders.history')).toEqual([{ mode: 'cached' }, { mode: 'refresh' }]);
    expect(bridge.callsTo('orders.list')).toHaveLength(2);
  });
});
