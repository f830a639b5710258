/**
 * The plain-http confirmation in SetupView and SettingsView, against a fake main that behaves
 * like a packaged build: settings.update refuses an unconfirmed non-loopback http address with
 * insecure_server, settings.confirmPlainHttp remembers its scheme + host + port.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import SetupView from '@/views/SetupView.vue';
import SettingsView from '@/views/SettingsView.vue';
import { fail, installFakeBridge, mountWithProviders, ok, type FakeBridge } from '@/api/testing/fake-bridge';
import { plainHttpOrigin } from '@/composables/usePlainHttpConfirm';

enableAutoUnmount(afterEach);

/** A packaged main: the rule enforced, nothing confirmed yet. */
function packagedMain(): FakeBridge & { confirmed: string[] } {
  const bridge = installFakeBridge() as FakeBridge & { confirmed: string[] };
  bridge.confirmed = [];
  const inUse = () => {
    const origin = plainHttpOrigin(bridge.settings.customServerUrl);
    return origin && !origin.startsWith('http://127.') && !bridge.confirmed.includes(origin) ? origin : null;
  };
  const state = () => ok({ enforced: true, confirmed: [...bridge.confirmed], unconfirmedInUse: inUse() });
  bridge.settings = { ...bridge.settings, serverProfile: 'custom', customServerUrl: '', simulatorUrl: '' };
  bridge.handle({
    'settings.plainHttp': state,
    'settings.confirmPlainHttp': ({ url }) => {
      const origin = plainHttpOrigin(url)!;
      if (!bridge.confirmed.includes(origin)) bridge.confirmed.push(origin);
      return state();
    },
    'settings.revokePlainHttp': ({ origin }) => {
      bridge.confirmed = bridge.confirmed.filter((item) => item !== origin);
      return state();
    },
    'settings.update': (patch) => {
      const url = patch.customServerUrl;
      const origin = url ? plainHttpOrigin(url) : null;
      if (origin && !origin.startsWith('http://127.') && !bridge.confirmed.includes(origin)) return fail('insecure_server', `Plain http to ${origin} has not been confirmed`);
      bridge.settings = { ...bridge.settings, ...patch };
      return ok(bridge.settings);
    },
  });
  return bridge;
}

const dialog = () => document.querySelector<HTMLElement>('[data-testid="plain-http-dialog"]');
const click = async (testid: string) => {
  document.querySelector<HTMLButtonElement>(`[data-testid="${testid}"]`)!.click();
  await flushPromises();
};

async function submit(wrapper: VueWrapper): Promise<void> {
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

describe('SetupView: plain http to another machine', () => {
  it('asks, naming the address and the risk; confirming remembers the address and saves', async () => {
    const bridge = packagedMain();
    const { wrapper, router } = await mountWithProviders(SetupView, { path: '/setup' });
    await wrapper.get('#setup-url').setValue('http://192.0.2.10:8080/yj');
    await submit(wrapper);

    expect(dialog()).not.toBeNull();
    expect(dialog()!.querySelector('[data-testid="plain-http-origin"]')!.textContent).toBe('http://192.0.2.10:8080');
    const risk = dialog()!.querySelector('[data-testid="plain-http-risk"]')!.textContent!;
    expect(risk).toContain('会话 Cookie');
    expect(risk).toContain('短信验证码');
    expect(risk).toContain('读取或篡改');
    expect(bridge.callsTo('settings.confirmPlainHttp')).toEqual([]);

    await click('plain-http-confirm');
    expect(bridge.callsTo('settings.confirmPlainHttp')).toEqual([{ url: 'http://192.0.2.10:8080/yj' }]);
    expect(bridge.confirmed).toEqual(['http://192.0.2.10:8080']);
    expect(bridge.settings.customServerUrl).toBe('http://192.0.2.10:8080/yj');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'), { timeout: 5000 });
  });

  it('cancelling saves nothing and says nothing was sent', async () => {
    const bridge = packagedMain();
    const { wrapper } = await mountWithProviders(SetupView, { path: '/setup' });
    await wrapper.get('#setup-url').setValue('http://192.0.2.10:8080');
    await submit(wrapper);
    await click('plain-http-cancel');
    expect(bridge.callsTo('settings.confirmPlainHttp')).toEqual([]);
    expect(bridge.settings.customServerUrl).toBe('');
    expect(wrapper.get('[data-testid="setup-error"]').text()).toContain('没有向它发送任何内容');
  });

  it('https and loopback addresses are never asked about', async () => {
    const bridge = packagedMain();
    const { wrapper } = await mountWithProviders(SetupView, { path: '/setup' });
    await wrapper.get('#setup-url').setValue('http://127.0.0.1:4010');
    await submit(wrapper);
    expect(dialog()).toBeNull();
    expect(bridge.settings.customServerUrl).toBe('http://127.0.0.1:4010');
  });
});

describe('SettingsView: plain http to another machine', () => {
  it('a confirmed address is listed and saved; a different port asks again; revoking removes it', async () => {
    const bridge = packagedMain();
    const { wrapper } = await mountWithProviders(SettingsView, { path: '/settings', locale: 'en' });
    await flushPromises();
    expect(wrapper.get('[data-testid="plain-http-panel"]').text()).toContain('No http address has been confirmed');

    await wrapper.get('#settings-custom-url').setValue('http://192.0.2.10:8080');
    await submit(wrapper);
    expect(dialog()!.querySelector('[data-testid="plain-http-risk"]')!.textContent).toContain('the session cookie and the SMS code travel unencrypted');
    await click('plain-http-confirm');
    expect(bridge.settings.customServerUrl).toBe('http://192.0.2.10:8080');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="plain-http-item"]').map((item) => item.find('code').text())).toEqual(['http://192.0.2.10:8080']));

    await wrapper.get('#settings-custom-url').setValue('http://192.0.2.10:8081');
    await submit(wrapper);
    expect(dialog()!.querySelector('[data-testid="plain-http-origin"]')!.textContent).toBe('http://192.0.2.10:8081');
    await click('plain-http-cancel');
    expect(bridge.settings.customServerUrl).toBe('http://192.0.2.10:8080');

    await wrapper.get('[data-testid="plain-http-revoke"]').trigger('click');
    await flushPromises();
    expect(bridge.callsTo('settings.revokePlainHttp')).toEqual([{ origin: 'http://192.0.2.10:8080' }]);
    expect(wrapper.findAll('[data-testid="plain-http-item"]')).toHaveLength(0);
  });

  it('an address in use that was never confirmed (saved by an older version) is named, and can be confirmed from the panel', async () => {
    const bridge = packagedMain();
    bridge.settings = { ...bridge.settings, customServerUrl: 'http://192.0.2.20:8000' };
    bridge.info = { ...bridge.info, serverSource: 'settings', serverUrl: 'http://192.0.2.20:8000' };
    const { wrapper } = await mountWithProviders(SettingsView, { path: '/settings' });
    await flushPromises();
    expect(wrapper.get('[data-testid="plain-http-in-use"]').text()).toContain('http://192.0.2.20:8000');
    await wrapper.get('[data-testid="plain-http-confirm-in-use"]').trigger('click');
    await flushPromises();
    expect(dialog()!.querySelector('[data-testid="plain-http-risk"]')!.textContent).toContain('短信验证码');
    await click('plain-http-confirm');
    expect(bridge.callsTo('settings.confirmPlainHttp')).toEqual([{ url: 'http://192.0.2.20:8000' }]);
    expect(wrapper.find('[data-testid="plain-http-in-use"]').exists()).toBe(false);
  });
});
