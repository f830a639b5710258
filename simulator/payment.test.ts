import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, sleep, startTestSim } from './testkit.ts';
import type { Simulator } from './types.ts';

let sim: Simulator;
let c: Client;
beforeEach(async () => {
  sim = await startTestSim({ paymentNotifyDelayMs: 400 });
  c = new Client(sim.url);
  await c.login('13900000001');
});
afterEach(async () => {
  await sim.close();
});

const balance = async (): Promise<number> =>
  ((await c.get('/accounting/mybalance.dspy')).json as { data: { balance: number }[] }).data[0]?.balance ?? NaN;

describe('recharge and payment (§7)', () => {
  it('the cashier page shows the order; 「确认支付」 POST shows 支付成功 and credits the balance after the notify delay', async () => {
    const r = await c.post('/unipay/user_recharge.dspy', { provider: 'alipay', amount: 88.8, currency: 'CNY' });
    const url = (r.json as { data: { redirct: string } }).data.redirct;
    const [pending] = sim.control.pendingPayments();
    expect(pending).toMatchObject({ amount: 88.8, userId: 'rg3pBekGD_NmayfxjIvMV', status: 'pending' });
    expect(url).toBe(`${sim.url}/__sim/pay/${pending?.orderId ?? ''}`);
    const page = await fetch(`${sim.url}/__sim/pay/${pending?.orderId ?? ''}`);
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('确认支付');
    expect(html).toContain('¥ 88.80');
    expect(html).toContain(pending?.orderId ?? '???');
    expect(html).toMatch(/<form method="post" action="\/__sim\/pay\/[A-Za-z0-9_-]{21}">/);
    const paid = await fetch(`${sim.url}/__sim/pay/${pending?.orderId ?? ''}`, { method: 'POST' });
    expect(await paid.text()).toContain('支付成功');
    expect(sim.control.pendingPayments()).toHaveLength(0);
    expect(await balance()).toBe(126.5); // the notify has not arrived yet
    await sleep(600);
    expect(await balance()).toBe(215.3);
    const again = await fetch(`${sim.url}/__sim/pay/${pending?.orderId ?? ''}`, { method: 'POST' });
    expect(await again.text()).toContain('该订单已支付');
    await sleep(200);
    expect(await balance()).toBe(215.3);
    expect((await fetch(`${sim.url}/__sim/pay/NoSuchOrder`)).status).toBe(404);
  });

  it('completePayment() pays the newest pending order (or a given one) at once', async () => {
    sim.control.setSwitches({ paymentUrlMode: 'alipay' });
    await c.post('/unipay/user_recharge.dspy', { provider: 'alipay', amount: 10, currency: 'CNY' });
    await sleep(5);
    await c.post('/unipay/user_recharge.dspy', { provider: 'alipay', amount: 30, currency: 'CNY' });
    const newest = sim.control.completePayment();
    expect(newest.amount).toBe(30);
    expect(await balance()).toBe(156.5);
    const [left] = sim.control.pendingPayments();
    expect(left?.amount).toBe(10);
    sim.control.completePayment(left?.orderId);
    expect(await balance()).toBe(166.5);
    expect(() => sim.control.completePayment()).toThrow(/no pending payment/);
  });
});
