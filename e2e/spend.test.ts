/**
 * Where the money went (issue 11), clicked in Chromium against the built renderer, the browser
 * host and the simulator's demo history (the first demo phone's organisation: ~200 past orders
 * over 14 days and today's): the orders screen's 30-day chart adds up to the table's amounts of
 * those days, a failed run reads 不计费, a click on a bar filters the table to that day, and the
 * overview answers at a glance. Screenshots, light and dark, go to test-results/.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { navigate, signIn } from './flows';
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

async function signedInPage(): Promise<Page> {
  await h.freshHost();
  const opened = await h.newPage();
  context = opened.context;
  // Tall enough that one day's rows all fit the virtual table (it renders only what is in view).
  await opened.page.setViewportSize({ width: 1280, height: 2000 });
  await signIn(opened.page, '13900000001');
  return opened.page;
}

/** "¥1,226.50" → 122650 (cents, so sums are exact); null for words (不计费, 结算中, —). */
function cents(text: string | null): number | null {
  const match = /(-?)¥([\d,]+)\.(\d\d)/.exec(text ?? '');
  return match ? Number(`${match[1]}${match[2]!.replace(/,/g, '')}${match[3]}`) : null;
}

async function tableRows(page: Page): Promise<string[][]> {
  return page.getByTestId('orders-row').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('[role="cell"]')].map((cell) => cell.textContent?.trim() ?? '')));
}

async function waitForHistory(page: Page): Promise<void> {
  await page.getByTestId('spend-chart').waitFor();
  // The first read of the pages has finished: no progress line, and the total is a figure.
  await expect.poll(async () => (await page.getByTestId('spend-progress').count()) === 0 && cents(await page.getByTestId('spend-total').textContent()) !== null, { timeout: 20_000 }).toBe(true);
}

describe('spend', () => {
  it('the 30-day chart adds up to the table, a failed run reads 不计费, a click on a bar filters the table to that day', async () => {
    const page = await signedInPage();
    await navigate(page, '订单');
    await waitForHistory(page);

    const total = cents(await page.getByTestId('spend-total').textContent())!;
    expect(total).toBeGreaterThan(0);
    const bars = page.getByTestId('spend-bar');
    expect(await bars.count()).toBe(30);
    const days = await bars.evaluateAll((els) => els.map((el) => ({ day: el.getAttribute('data-day')!, total: Number(el.getAttribute('data-total')) })));
    const spentDays = days.filter((d) => d.total !== 0);
    expect(spentDays.length).toBeGreaterThan(5); // the demo history spreads over 14 days

    await h.screenshot(page, 'spend-orders-light');

    // Each day with spend: pick it, and the table shows that day's rows only; their amounts add up
    // to the bar, and all days together to the chart's total.
    let tableSum = 0;
    let failedRows = 0;
    for (const { day, total: barTotal } of spentDays) {
      await page.locator(`[data-testid="spend-bar"][data-day="${day}"]`).click();
      await page.getByTestId('spend-picked').waitFor();
      const rows = await tableRows(page);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThan(40); // all of them in view (the table is ~1670 px tall)
      expect(rows.every((cells) => cells[0]!.startsWith(day))).toBe(true);
      let daySum = 0;
      for (const cells of rows) {
        const [, , , amount, status] = cells;
        if (status === '失败' || status === '未知') {
          expect(amount).toBe('不计费');
          failedRows += 1;
        }
        expect(amount).not.toBe('结算中'); // the demo's past rows are all settled
        daySum += cents(amount!) ?? 0;
      }
      expect(daySum).toBe(Math.round(barTotal * 100));
      tableSum += daySum;
    }
    expect(tableSum).toBe(total);
    expect(failedRows).toBeGreaterThan(0);

    // Hovering a bar shows its figures.
    const last = spentDays.at(-1)!;
    await page.locator(`[data-testid="spend-bar"][data-day="${last.day}"]`).hover();
    const tip = await page.getByTestId('spend-tip').textContent();
    expect(tip).toContain(last.day);
    expect(tip).toContain('当日合计');
    await h.screenshot(page, 'spend-orders-day-light');

    // 显示全部: back to the platform's page of 80 rows.
    await page.getByTestId('spend-clear-day').click();
    await expect.poll(async () => (await page.getByTestId('orders-summary').textContent()) ?? '').toContain('本页已加载 80 条');

    // Reopening is instant from the saved rows: the chart is there before any read finishes.
    await navigate(page, '概览');
    await page.getByTestId('overview-glance').waitFor();
    await navigate(page, '订单');
    await page.getByTestId('spend-chart').waitFor();
    expect(cents(await page.getByTestId('spend-total').textContent())).toBe(total);
  });

  it('the overview answers at a glance; the screens look right in the dark theme too', async () => {
    const page = await signedInPage();
    await page.getByTestId('overview-glance').waitFor();
    await expect.poll(async () => (await page.getByTestId('glance-success-figure').textContent())?.trim(), { timeout: 20_000 }).toMatch(/^\d+(\.\d)?%$/);
    expect(cents(await page.getByTestId('glance-month-figure').textContent())).not.toBeNull();
    expect(await page.getByTestId('glance-models').locator('li').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('glance-running').getAttribute('href')).toBe('#/tasks');
    await h.screenshot(page, 'spend-overview-light');

    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate('getComputedStyle(document.body).backgroundColor')).not.toBe('rgb(255, 255, 255)');
    // Naive fades the theme colours: let the transition finish before the picture.
    await page.waitForTimeout(800);
    await h.screenshot(page, 'spend-overview-dark');
    await navigate(page, '订单');
    await waitForHistory(page);
    const firstSpent = page.locator('[data-testid="spend-bar"]:not([data-total="0"])').last();
    await firstSpent.hover();
    await page.getByTestId('spend-tip').waitFor();
    await h.screenshot(page, 'spend-orders-dark');
  });
});
