/**
 * Account-center journeys (issue #3): recharge (and a refused payment URL), orders paging,
 * API keys (apply, reveal, copy the curl example), the pricing test. Clicked in Chromium against
 * the built renderer, the browser host and the simulator.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PPID } from '../simulator/index';
import { currentRoute, navigate, signIn, waitForRoute } from './flows';
import { startHarness, type Harness } from './harness';

let h: Harness;
let context: BrowserContext | undefined;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** A clean host (signed out) and a signed-in page on it. */
async function signedInPage(phone = '13900000001', serverUrl?: string): Promise<Page> {
  await h.freshHost(serverUrl ? { serverUrl } : {});
  const opened = await h.newPage();
  context = opened.context;
  await signIn(opened.page, phone);
  return opened.page;
}

/** "¥1,226.50" → 1226.5; null while the figure is still "—". */
function yuan(text: string | null): number | null {
  const match = /(-?)¥([\d,]+(?:\.\d+)?)/.exec(text ?? '');
  return match ? Number(`${match[1]}${match[2]!.replace(/,/g, '')}`) : null;
}

async function headerBalance(page: Page): Promise<number | null> {
  return yuan(await page.getByTestId('header-balance-figure').textContent());
}

describe('recharge', () => {
  it('¥100: opens the payment page in the system browser, and the header balance rises by itself once paid', async () => {
    const page = await signedInPage();
    await expect.poll(() => headerBalance(page), { timeout: 15_000 }).not.toBeNull();
    const before = (await headerBalance(page))!;

    await page.getByTestId('balance-card-recharge').click();
    await page.getByTestId('recharge-dialog').waitFor();
    await page.getByTestId('recharge-preset-100').click();
    await page.getByTestId('recharge-pay').click();
    await page.getByTestId('recharge-waiting').waitFor();

    await expect.poll(() => h.opened(), { timeout: 10_000 }).toHaveLength(1);
    const [paymentUrl] = await h.opened();
    expect(paymentUrl).toMatch(new RegExp(`^${h.sim.url.replace(/[.]/g, '\\.')}/__sim/pay/[A-Za-z0-9_-]+$`));
    expect(h.sim.control.pendingPayments()).toHaveLength(1);
    expect(h.sim.control.pendingPayments()[0]).toMatchObject({ amount: 100 });

    // The user pays in "their browser": the simulator's cashier page, 确认支付.
    const cashier = await context!.newPage();
    await cashier.goto(paymentUrl!);
    await cashier.getByRole('button', { name: '确认支付' }).click();
    await cashier.waitForLoadState();
    await cashier.close();

    // No click in the app: main's watch sees the balance rise and the header follows.
    await expect.poll(() => headerBalance(page), { timeout: 30_000, interval: 500 }).toBeCloseTo(before + 100, 2);
    await page.getByTestId('recharge-confirmed').waitFor();
    expect(await page.getByTestId('recharge-confirmed').textContent()).toContain('¥100');
  });

  it('refuses to open a payment URL that is not on the allowlist', async () => {
    // The host talks to the simulator as "localhost"; the simulator's cashier link says
    // "127.0.0.1": plain http to another origin than the platform's, so main must refuse it.
    const page = await signedInPage('13900000001', h.sim.url.replace('127.0.0.1', 'localhost'));
    await page.getByTestId('balance-card-recharge').click();
    await page.getByTestId('recharge-preset-100').click();
    await page.getByTestId('recharge-pay').click();
    const error = page.getByTestId('recharge-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('应用拒绝打开支付页面');
    expect(await h.opened()).toEqual([]);
    expect(await page.getByTestId('recharge-waiting').count()).toBe(0);
  });
});

describe('orders', () => {
  it('pages through to page 3', async () => {
    h.sim.control.seedOrders({ phone: '13900000001', count: 300 });
    const page = await signedInPage();
    await navigate(page, '订单');
    await waitForRoute(page, '/orders');
    await page.getByTestId('orders-row').first().waitFor();
    const firstPage = await page.getByTestId('orders-row').first().innerText();

    await page.locator('.n-pagination-item', { hasText: /^3$/ }).click();
    await expect
      .poll(() => h.sim.control.requests().some((r) => r.path === '/platformbiz/query_orders.dspy' && r.query.page === '3'), { timeout: 10_000 })
      .toBe(true);
    await expect.poll(() => page.locator('.n-pagination-item--active').innerText()).toBe('3');
    await page.getByTestId('orders-row').first().waitFor();
    await expect.poll(() => page.getByTestId('orders-row').first().innerText()).not.toBe(firstPage);
    expect(await page.getByTestId('orders-summary').innerText()).toMatch(/共 \d+ 条/);

    // By keyboard: the quick jumper takes a page number and Enter.
    await page.locator('.n-pagination-quick-jumper input').fill('2');
    await page.locator('.n-pagination-quick-jumper input').press('Enter');
    await expect.poll(() => page.locator('.n-pagination-item--active').innerText()).toBe('2');
    await h.screenshot(page, 'orders');
  });
});

describe('API keys', () => {
  it('applies for a key, reveals it, and copies a curl example that carries it', async () => {
    const page = await signedInPage();
    await navigate(page, 'API Key');
    await page.getByTestId('keys-table').waitFor();
    const rowsBefore = await page.getByTestId('keys-row').count();

    await page.getByTestId('keys-apply').click();
    await page.getByTestId('key-apply-name').locator('input').fill('端到端测试应用');
    await page.getByTestId('key-apply-submit').click();
    const row = page.getByTestId('keys-row').filter({ hasText: '端到端测试应用' });
    await row.waitFor();
    expect(await page.getByTestId('keys-row').count()).toBe(rowsBefore + 1);

    await row.getByRole('button', { name: '查看密钥' }).click();
    await page.getByTestId('key-reveal-confirm-ok').click();
    const apiKey = page.getByTestId('key-reveal-apikey');
    await apiKey.waitFor();
    await page.getByTestId('key-reveal-toggle-apikey').click();
    const shown = (await apiKey.innerText()).trim();
    expect(shown.length).toBeGreaterThan(8);
    expect(shown).not.toMatch(/[•*]{3}/);

    await page.getByTestId('key-reveal-copy-curl').click();
    await page.getByTestId('key-reveal-copy-note').waitFor();
    // A string expression: the node tsconfig has no DOM types.
    const clipboard = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(clipboard).toContain('Authorization: Bearer');
    expect(clipboard).toContain(shown);
    expect(clipboard).toContain(`${h.sim.url}/llmage/vidu_inference.dspy`);
  });
});

describe('pricing test', () => {
  it('shows the result for good input', async () => {
    const page = await signedInPage();
    await navigate(page, '定价测试');
    await page.getByTestId('pricing-form').waitFor();
    await page.getByTestId('pricing-ppid').locator('input').fill(PPID.q3ProT2v);
    await page.getByTestId('pricing-json').locator('textarea').fill('{"duration": 5, "SR": 1080}');
    await page.getByTestId('pricing-run').click();
    await page.getByTestId('pricing-result').waitFor();
    expect(yuan(await page.getByTestId('pricing-amount').innerText())).toBe(5);
  });

  it('bad JSON: a validation message, and nothing is sent', async () => {
    const page = await signedInPage();
    await navigate(page, '定价测试');
    await page.getByTestId('pricing-ppid').locator('input').fill(PPID.q3ProT2v);
    await page.getByTestId('pricing-json').locator('textarea').fill('{"duration": 5,');
    const sentBefore = h.sim.control.requests().filter((r) => r.path === '/pricing/test_pricing_program.dspy').length;
    await page.getByTestId('pricing-run').click();
    await page.getByTestId('pricing-json-error').waitFor();
    expect((await page.getByTestId('pricing-json-error').innerText()).length).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    expect(h.sim.control.requests().filter((r) => r.path === '/pricing/test_pricing_program.dspy').length).toBe(sentBefore);
    expect(await page.getByTestId('pricing-result').count()).toBe(0);
    expect(currentRoute(page)).toBe('/pricing');
  });
});
