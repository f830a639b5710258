/**
 * Sign-in journeys (issue #2), clicked in Chromium against the built renderer, the browser host
 * and the simulator. Every test starts from a fresh data folder (signed out).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { currentRoute, navigate, requestCode, signIn, submitLogin, waitForRoute } from './flows';
import { startHarness, type Harness } from './harness';

let h: Harness;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.freshHost();
  ({ context, page } = await h.newPage());
});
afterEach(async () => {
  await context?.close();
});

describe('sign-in', () => {
  it('one account: signs in and shows the user in the header', async () => {
    expect(await signIn(page, '13900000001')).toBe('小林');
    expect(currentRoute(page)).toBe('/');
    expect(page.url()).not.toContain('token='); // the bridge moved the host's key out of the address bar
    await page.getByTestId('sign-out').waitFor();
    const shot = await h.screenshot(page, 'signed-in');
    expect(shot).toMatch(/signed-in\.png$/);
  });

  it('three accounts: offers all three and signs in as the chosen one', async () => {
    await waitForRoute(page, '/login');
    await submitLogin(page, '13900000003');
    const chooser = page.getByTestId('account-chooser');
    await chooser.waitFor();
    const choices = page.getByTestId('account-choice');
    await expect.poll(() => choices.count()).toBe(3);
    expect((await choices.allTextContents()).join('|')).toMatch(/陈导.*chen_studio.*陈老师/);
    await choices.filter({ hasText: '陈老师' }).click();
    await page.getByTestId('chooser-enter').click();
    const who = page.getByTestId('signed-in-user');
    await who.waitFor();
    expect((await who.textContent())?.trim()).toBe('陈老师');
    expect(await chooser.isVisible()).toBe(false);
  });

  it('a wrong code shows the platform message and stays on the login screen', async () => {
    await waitForRoute(page, '/login');
    await submitLogin(page, '13900000001', '000000');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('手机短信验证码出错');
    expect(currentRoute(page)).toBe('/login');
    expect(await page.getByTestId('signed-in-user').count()).toBe(0);
  });

  it('an expired session returns to the login screen with the phone filled in, then back to where the user was', async () => {
    await signIn(page, '13900000001');
    h.sim.control.expireSessions();
    await navigate(page, '订单');
    await waitForRoute(page, '/login');
    await page.getByTestId('expired-notice').waitFor();
    expect(await page.getByTestId('expired-notice').textContent()).toContain('登录已过期');
    expect(await page.locator('#login-phone').inputValue()).toBe('13900000001');

    await requestCode(page, '13900000001');
    await page.locator('#login-code').fill('123456');
    await page.getByTestId('login-submit').click();
    await waitForRoute(page, '/orders');
    await page.getByTestId('signed-in-user').waitFor();
  });

  it('signs out: back to the login screen, and a reload stays signed out', async () => {
    await signIn(page, '13900000001');
    await page.getByTestId('sign-out').click();
    await waitForRoute(page, '/login');
    expect(await page.getByTestId('signed-in-user').count()).toBe(0);
    await page.reload();
    await waitForRoute(page, '/login');
    await page.locator('#login-phone').waitFor();
    expect(await page.getByTestId('signed-in-user').count()).toBe(0);
  });

  it('survives a restart of the host on the same data folder', async () => {
    await signIn(page, '13900000001');
    await h.restartHost();
    // A restarted host has a new token: reopening the app means opening the URL it printed.
    await page.goto(h.host.pageUrl('/'));
    const who = page.getByTestId('signed-in-user');
    await who.waitFor();
    expect((await who.textContent())?.trim()).toBe('小林');
    expect(currentRoute(page)).toBe('/');
    // A restored session opens straight into the header: it must show words, not message keys
    // (its message areas load after the sign-in screen's).
    const header = await page.locator('header').first().innerText();
    expect(header).toContain('余额');
    expect(header).not.toMatch(/\b(nav|account|tasks|studio)\.[a-zA-Z]/);
  });
});
