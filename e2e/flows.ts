/** Steps the journeys share, written the way a user does them (labels, roles, test ids). */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SMS_CODE } from './harness';

/** The hash route the app shows now, e.g. '/orders'. */
export function currentRoute(page: Page): string {
  const hash = new URL(page.url()).hash.replace(/^#/, '');
  return hash.split('?')[0] || '/';
}

/** Waits for a route; on failure the error names the alerts on screen (the usual "why"). */
export async function waitForRoute(page: Page, route: string, timeout = 15_000): Promise<void> {
  try {
    await expect.poll(() => currentRoute(page), { timeout }).toBe(route);
  } catch (error) {
    const alerts = (await page.locator('[role="alert"], [role="status"]').allInnerTexts().catch(() => [])).filter((text) => text.trim());
    throw new Error(`expected route ${route}, still on ${currentRoute(page)}; alerts on screen: ${JSON.stringify(alerts)}`, { cause: error });
  }
}

/** Types the phone and asks for a code; waits for the platform's notice. */
export async function requestCode(page: Page, phone: string): Promise<void> {
  await page.locator('#login-phone').fill(phone);
  await page.getByTestId('send-code').click();
  await page.getByTestId('code-notice').waitFor();
}

/** Requests a code, types it and submits (the chooser, if any, is left to the caller). */
export async function submitLogin(page: Page, phone: string, code = SMS_CODE): Promise<void> {
  await requestCode(page, phone);
  await page.locator('#login-code').fill(code);
  await page.getByTestId('login-submit').click();
}

/** Signs in with a one-account phone and waits for the signed-in header. */
export async function signIn(page: Page, phone = '13900000001'): Promise<string> {
  await waitForRoute(page, '/login');
  await submitLogin(page, phone);
  const who = page.getByTestId('signed-in-user');
  await who.waitFor();
  return (await who.textContent())?.trim() ?? '';
}

/** Clicks a header navigation link by its visible name. */
export async function navigate(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}
