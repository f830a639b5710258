import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import type { Router } from 'vue-router';
import App from './App.vue';
import { useSessionStore } from '@/stores/session';
import { fakeUser, installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';

enableAutoUnmount(afterEach);

const LIN = fakeUser({ id: 'u-lin', displayName: '小林' });
const STUDIO = fakeUser({ id: 'u-studio', username: 'lin_studio', displayName: 'lin_studio' });

async function at(router: Router, fullPath: string): Promise<void> {
  await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe(fullPath), { timeout: 5000 });
  await flushPromises();
}

/** The header is a lazy chunk: wait for it, then read who is signed in. */
async function signedInName(wrapper: VueWrapper): Promise<string> {
  await vi.waitFor(() => expect(wrapper.find('[data-testid="signed-in-user"]').exists()).toBe(true), { timeout: 5000 });
  return wrapper.get('[data-testid="signed-in-user"]').text();
}

async function signInAgain(wrapper: VueWrapper): Promise<void> {
  await wrapper.get('[data-testid="send-code"]').trigger('click');
  await flushPromises();
  await wrapper.get('#login-code').setValue('123456');
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

function signedInBridge(loginAs = LIN) {
  return installFakeBridge({
    'auth.state': () => ok({ user: LIN, lastPhone: '13900000001' }),
    'auth.sendCode': () => ok({ resendAfterSeconds: 60 }),
    'auth.login': () => ok({ kind: 'signedIn', user: loginAs }),
  });
}

describe('the shell and the session', () => {
  it('sends a signed-out user to the login screen with a redirect', async () => {
    installFakeBridge();
    const { router, wrapper } = await mountWithProviders(App, { providers: false, path: '/keys' });
    await at(router, '/login?redirect=/keys');
    expect(wrapper.find('[data-testid="signed-in-user"]').exists()).toBe(false);
  });

  it('opens the setup screen first when no server address is configured', async () => {
    const bridge = installFakeBridge();
    bridge.info = { ...bridge.info, serverSource: 'none', serverUrl: null };
    const { router } = await mountWithProviders(App, { providers: false, path: '/login' });
    await at(router, '/setup');
  });

  it('shows who is signed in and the navigation', async () => {
    signedInBridge();
    const { router, wrapper } = await mountWithProviders(App, { providers: false, path: '/orders' });
    await at(router, '/orders');
    expect(await signedInName(wrapper)).toBe('小林');
    const nav = wrapper.get('nav').findAll('a').map((link) => link.text());
    expect(nav).toEqual(['概览', '创作', '任务', '本地视频库', '订单', 'API Key', '定价测试', '设置']);
    expect(wrapper.find('.header-account').exists()).toBe(true);
  });

  it('on session.expired: login with the phone pre-filled and a message, then back where the user was', async () => {
    const bridge = signedInBridge();
    const { router, wrapper, pinia } = await mountWithProviders(App, { providers: false, path: '/orders?page=3' });
    await at(router, '/orders?page=3');
    const switched = vi.fn();
    useSessionStore(pinia).onUserSwitch(switched);

    bridge.emit('session.expired', { lastPhone: '13900000001' });
    await at(router, '/login?redirect=/orders?page=3');
    expect(wrapper.get('[data-testid="expired-notice"]').text()).toBe('登录已过期，请重新登录');
    expect((wrapper.get('#login-phone').element as HTMLInputElement).value).toBe('13900000001');

    await signInAgain(wrapper);
    await at(router, '/orders?page=3');
    expect(bridge.callsTo('auth.login')).toEqual([{ phone: '13900000001', code: '123456' }]);
    expect(wrapper.find('[data-testid="expired-notice"]').exists()).toBe(false);
    // Same user again: nothing user-bound needs to be cleared.
    expect(switched).not.toHaveBeenCalled();
  });

  it('tells user-bound stores when a different account signs in after an expiry', async () => {
    const bridge = signedInBridge(STUDIO);
    const { router, wrapper, pinia } = await mountWithProviders(App, { providers: false, path: '/keys' });
    await at(router, '/keys');
    const switched = vi.fn();
    useSessionStore(pinia).onUserSwitch(switched);

    bridge.emit('session.expired', {});
    await at(router, '/login?redirect=/keys');
    await signInAgain(wrapper);
    await at(router, '/keys');
    expect(switched).toHaveBeenCalledWith(STUDIO, LIN);
    expect(await signedInName(wrapper)).toBe('lin_studio');
  });

  it('a session signed out elsewhere (session.changed) also leads to the login screen', async () => {
    const bridge = signedInBridge();
    const { router } = await mountWithProviders(App, { providers: false, path: '/pricing' });
    await at(router, '/pricing');
    bridge.emit('session.changed', { user: null });
    await at(router, '/login?redirect=/pricing');
  });

  it('sign-out: calls auth.logout, clears user-bound state, lands on a plain login screen', async () => {
    const bridge = signedInBridge();
    const { router, wrapper, pinia } = await mountWithProviders(App, { providers: false, path: '/orders' });
    await at(router, '/orders');
    await signedInName(wrapper);
    const switched = vi.fn();
    useSessionStore(pinia).onUserSwitch(switched);

    await wrapper.get('[data-testid="sign-out"]').trigger('click');
    await at(router, '/login');
    expect(bridge.callsTo('auth.logout')).toHaveLength(1);
    expect(switched).toHaveBeenCalledWith(null, LIN);
    expect(wrapper.find('[data-testid="expired-notice"]').exists()).toBe(false);
  });

  it('a signed-in user who opens /login goes to the overview', async () => {
    signedInBridge();
    const { router } = await mountWithProviders(App, { providers: false, path: '/login' });
    await at(router, '/');
  });
});
