/** §3.9 orders: the page asked for, the total shown, and the answers that mean "not available here". */
import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { scriptedHttp } from '../testing/scripted-http';
import { useSignedInSimulator } from '../testing/signed-in-sim';
import { fetchOrders, ORDERS_PATH } from './orders';

const env = useSignedInSimulator();

describe('fetchOrders against the simulator', () => {
  it('asks for the page with both spellings of its size and shows the server total', async () => {
    const page = await fetchOrders(env.http(), 2, 5);
    const request = env.sim().control.requests().at(-1);
    expect(request?.path).toBe(ORDERS_PATH);
    expect(request?.query).toEqual({ page: '2', pagerows: '5', rows: '5' });
    expect(page).toMatchObject({ page: 2, pageSize: 5 });
    expect(page.rows).toHaveLength(5);
    expect(page.total).toBeGreaterThan(10);
    expect(page.rows[0]).toMatchObject({ llmid: expect.any(String), useTime: expect.any(String) });
  });

  it('an empty body: orders are unavailable on this server (bilingual), not a crash', async () => {
    env.sim().control.setSwitches({ ordersEmptyBody: true });
    const failure = await fetchOrders(env.http(), 1, 20).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'empty_response', message: expect.stringMatching(/订单暂不可用.*Orders unavailable/) });
  });
});

describe('fetchOrders answer shapes', () => {
  const row = (n: number) => ({ llmid: `L${n}`, name: 'N', amount: n });

  it('a bare list: the total counts earlier pages plus this one', async () => {
    const page = await fetchOrders(scriptedHttp(() => [row(1), row(2), 'junk', null]), 3, 10);
    expect(page.rows.map((r) => r.llmid)).toEqual(['L1', 'L2']);
    expect(page.total).toBe(22);
  });

  it.each([
    ['missing', undefined],
    ['negative', -1],
    ['text', '40'],
    ['not finite', Number.POSITIVE_INFINITY],
  ])('a %s total is replaced by what is known to exist', async (_label, total) => {
    const page = await fetchOrders(scriptedHttp(() => ({ total, rows: [row(1)] })), 2, 10);
    expect(page.total).toBe(11);
  });

  it('a declared total of 0 is kept (an empty history is a real answer, even asked for page 3)', async () => {
    expect((await fetchOrders(scriptedHttp(() => ({ total: 0, rows: [] })), 3, 10)).total).toBe(0);
  });

  it('no data at all is "unavailable"; rows that are not a list are malformed', async () => {
    await expect(fetchOrders(scriptedHttp(() => null), 1, 10)).rejects.toMatchObject({ code: 'empty_response', message: expect.stringContaining('Orders unavailable') });
    await expect(fetchOrders(scriptedHttp(() => undefined), 1, 10)).rejects.toMatchObject({ code: 'empty_response' });
    await expect(fetchOrders(scriptedHttp(() => ({ rows: 'x' })), 1, 10)).rejects.toMatchObject({ code: 'malformed', message: '订单数据无法识别 / Unrecognised orders data' });
    await expect(fetchOrders(scriptedHttp(() => 'rows'), 1, 10)).rejects.toMatchObject({ code: 'malformed' });
  });

  it('an empty reply keeps its HTTP status; other failures pass through unchanged', async () => {
    const empty = new AppError('empty_response', '服务器返回空响应 / empty response', { httpStatus: 200 });
    const failure = await fetchOrders(scriptedHttp(() => { throw empty; }), 1, 10).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'empty_response', httpStatus: 200, message: expect.stringContaining('订单暂不可用'), cause: empty });
    const busy = new AppError('busy', 'busy', { httpStatus: 429 });
    await expect(fetchOrders(scriptedHttp(() => { throw busy; }), 1, 10)).rejects.toBe(busy);
    const bug = new Error('boom');
    await expect(fetchOrders(scriptedHttp(() => { throw bug; }), 1, 10)).rejects.toBe(bug);
  });
});
