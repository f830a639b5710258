import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import type { AccountChoice } from '@contract';
import LoginView from '@/views/LoginView.vue';
import { fakeUser, installFakeBridge, mountWithProviders, ok, fail } from '@/api/testing/fake-bridge';

enableAutoUnmount(afterEach);

const ACCOUNTS: AccountChoice[] = [
  { id: 'acc-1', username: '13900000003', nickName: '小林' },
  { id: 'acc-2', username: 'lin_studio' },
  { id: 'acc-3', username: 'team_ops', nickName: '运维' },
];

function installChooseBridge() {
  return installFakeBridge({
    'auth.sendCode': () => ok({ notice: '测试模式: 验证码 123456', resendAfterSeconds: 60 }),
    'auth.login': () => ok({ kind: 'choose', accounts: ACCOUNTS }),
    'auth.choose': ({ accountId }) =>
      ok({ kind: 'signedIn', user: fakeUser({ id: accountId, username: 'lin_studio', displayName: 'lin_studio' }) }),
  });
}

async function reachChooser(wrapper: VueWrapper): Promise<void> {
  await wrapper.get('#login-phone').setValue('13900000003');
  await wrapper.get('[data-testid="send-code"]').trigger('click');
  await flushPromises();
  await wrapper.get('#login-code').setValue('123456');
  await wrapper.get('form').trigger('submit');
  // The dialog is a lazy chunk of the sign-in screen: wait for it to arrive and render.
  await vi.waitFor(() => expect(items().length).toBeGreaterThan(0));
  await flushPromises();
}

const items = () => [...document.querySelectorAll<HTMLElement>('[data-testid="account-choice"]')];
const checkedValue = () => document.querySelector<HTMLInputElement>('[data-testid="account-choice"] input:checked')?.value;
const button = (testid: string) => document.querySelector<HTMLButtonElement>(`[data-testid="${testid}"]`);

async function press(key: string): Promise<void> {
  document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  await flushPromises();
}

describe('AccountChooserDialog in the login flow', () => {
  it('lists each account by nick name, else username, with the username as secondary text', async () => {
    installChooseBridge();
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login' });
    await reachChooser(wrapper);

    expect(items().map((item) => item.querySelector('.chooser-name')?.textContent)).toEqual(['小林', 'lin_studio', '运维']);
    expect(items().map((item) => item.querySelector('.chooser-username')?.textContent ?? null)).toEqual([
      '13900000003',
      null,
      'team_ops',
    ]);
    // Nothing but the names: no ids or other account data on screen.
    expect(document.querySelector('[data-testid="account-chooser"]')?.textContent).not.toContain('acc-');
    expect(checkedValue()).toBe('acc-1');
  });

  it('moves the choice with the arrow keys and enters the picked account with Enter', async () => {
    const bridge = installChooseBridge();
    const { wrapper, router } = await mountWithProviders(LoginView, { path: '/login?redirect=/keys' });
    await reachChooser(wrapper);
    expect((document.activeElement as HTMLInputElement | null)?.value).toBe('acc-1');

    await press('ArrowDown');
    expect(checkedValue()).toBe('acc-2');
    await press('ArrowDown');
    expect(checkedValue()).toBe('acc-3');
    await press('ArrowDown');
    expect(checkedValue()).toBe('acc-1');
    await press('ArrowUp');
    expect(checkedValue()).toBe('acc-3');
    await press('ArrowUp');
    expect(checkedValue()).toBe('acc-2');
    await press('Enter');

    expect(bridge.callsTo('auth.choose')).toEqual([{ accountId: 'acc-2' }]);
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/keys'), { timeout: 5000 });
  });

  it('「进入」 calls auth.choose with the clicked account', async () => {
    const bridge = installChooseBridge();
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login' });
    await reachChooser(wrapper);
    items()[2].querySelector('input')!.click();
    await flushPromises();
    button('chooser-enter')!.click();
    await flushPromises();
    expect(bridge.callsTo('auth.choose')).toEqual([{ accountId: 'acc-3' }]);
  });

  it('「取消」 calls auth.cancelChoose and closes the dialog', async () => {
    const bridge = installChooseBridge();
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login' });
    await reachChooser(wrapper);
    button('chooser-cancel')!.click();
    await flushPromises();
    expect(bridge.callsTo('auth.cancelChoose')).toHaveLength(1);
    expect(bridge.callsTo('auth.choose')).toEqual([]);
    await vi.waitFor(() => expect(items()).toHaveLength(0));
  });

  it('a transport failure stays inside the dialog, and the same choice can be sent again', async () => {
    const bridge = installChooseBridge();
    bridge.handle({ 'auth.choose': () => fail('transport', 'connect ECONNRESET') });
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login' });
    await reachChooser(wrapper);
    button('chooser-enter')!.click();
    await flushPromises();
    expect(document.querySelector('[data-testid="chooser-error"]')?.textContent).toContain('无法连接到服务器');
    expect(items()).toHaveLength(3);
  });

  it('a refused code ends the choice: the dialog closes and the form asks for a new code', async () => {
    const bridge = installChooseBridge();
    bridge.handle({ 'auth.choose': () => fail('wrong_code', '手机短信验证码出错') });
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login' });
    await reachChooser(wrapper);
    button('chooser-enter')!.click();
    await flushPromises();
    await vi.waitFor(() => expect(items()).toHaveLength(0));
    expect(wrapper.get('[data-testid="login-error"]').text()).toContain('手机短信验证码出错');
    expect((wrapper.get('#login-code').element as HTMLInputElement).value).toBe('');
  });
});
