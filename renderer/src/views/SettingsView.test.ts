import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import SettingsView from './SettingsView.vue';
import { i18n } from '@/i18n';
import { fakeUser, installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';

enableAutoUnmount(afterEach);
afterEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

async function save(wrapper: VueWrapper): Promise<void> {
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

describe('SettingsView', () => {
  it('disables the official profile with an explanation when no official address is built in', async () => {
    installFakeBridge();
    const { wrapper } = await mountWithProviders(SettingsView, { path: '/settings' });
    expect(wrapper.get('[data-testid="profile-official"] input').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid="official-missing"]').text()).toBe('此版本未内置官方服务器地址，暂不可用');
    expect(wrapper.text()).toContain('更换服务器会退出当前登录');
  });

  it('offers the official profile when the build has one', async () => {
    const bridge = installFakeBridge();
    bridge.info = { ...bridge.info, officialServerUrl: 'https://yj.example.com' };
    const { wrapper } = await mountWithProviders(SettingsView, { path: '/settings' });
    expect(wrapper.get('[data-testid="profile-official"] input').attributes('disabled')).toBeUndefined();
    expect(wrapper.get('[data-testid="profile-official"]').text()).toContain('https://yj.example.com');
  });

  it('saves every field and applies the language at once', async () => {
    const bridge = installFakeBridge();
    const { wrapper } = await mountWithProviders(SettingsView, { path: '/settings' });
    await wrapper.get('[data-testid="language-en"] input').setValue(true);
    await wrapper.get('[data-testid="theme-dark"] input').setValue(true);
    const threshold = wrapper.get('#settings-threshold');
    await threshold.setValue('50');
    await threshold.trigger('blur');
    const notifications = wrapper.get('[data-testid="settings-notifications"]');
    // A switch has no <label> to point at it: it is named itself, for screen readers.
    expect(notifications.attributes('role')).toBe('switch');
    expect(notifications.attributes('aria-label')).toBeTruthy();
    await notifications.trigger('click');
    await save(wrapper);

    // Only what changed is sent.
    expect(bridge.callsTo('settings.update')).toEqual([
      { language: 'en', theme: 'dark', lowBalanceThreshold: 50, notifications: false },
    ]);
    expect(i18n.global.locale.value).toBe('en');
    expect(wrapper.get('h1').text()).toBe('Settings');
  });

  it('validates the custom address and the threshold before saving', async () => {
    const bridge = installFakeBridge();
    const { wrapper } = await mountWithProviders(SettingsView, { path: '/settings' });
    await wrapper.get('[data-testid="profile-custom"] input').setValue(true);
    await wrapper.get('#settings-custom-url').setValue('not a url');
    const threshold = wrapper.get('#settings-threshold');
    await threshold.setValue('');
    await threshold.trigger('blur');
    await save(wrapper);
    expect(wrapper.get('[data-testid="settings-url-error"]').text()).toBe('地址格式不正确，例如 https://example.com');
    expect(wrapper.get('[data-testid="settings-threshold-error"]').text()).toBe('请输入不小于 0 的数字');
    expect(bridge.callsTo('settings.update')).toEqual([]);
  });

  it('an untouched empty address (fresh install, address from the environment) does not block saving', async () => {
    const bridge = installFakeBridge();
    bridge.settings = { ...bridge.settings, serverProfile: 'custom', customServerUrl: '' };
    bridge.info = { ...bridge.info, serverSource: 'env' };
    const { wrapper } = await mountWithProviders(SettingsView, { path: '/settings' });
    expect(wrapper.find('[data-testid="env-override"]').exists()).toBe(true);
    await wrapper.get('[data-testid="language-en"] input').setValue(true);
    await save(wrapper);
    expect(wrapper.find('[data-testid="settings-url-error"]').exists()).toBe(false);
    expect(bridge.callsTo('settings.update')).toEqual([{ language: 'en' }]);
  });

  it('changing the server: saved, signed out, sent to the login screen', async () => {
    const bridge = installFakeBridge({ 'auth.state': () => ok({ user: fakeUser() }) });
    const { wrapper, router } = await mountWithProviders(SettingsView, { path: '/settings' });
    // Main signs the session out when the address changes.
    bridge.handle({
      'auth.state': () => ok({ user: null }),
      'settings.update': (patch) => {
        bridge.settings = { ...bridge.settings, ...patch };
        return ok(bridge.settings);
      },
    });
    await wrapper.get('[data-testid="profile-custom"] input').setValue(true);
    await wrapper.get('#settings-custom-url').setValue('https://yj.example.com/');
    await save(wrapper);
    expect(bridge.callsTo('settings.update')[0]).toMatchObject({ serverProfile: 'custom', customServerUrl: 'https://yj.example.com' });
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'), { timeout: 5000 });
  });

  it('shows what the app knows about itself', async () => {
    const bridge = installFakeBridge();
    bridge.info = { ...bridge.info, version: '1.2.3', runtime: 'electron', sessionPersistence: 'encrypted' };
    const { wrapper } = await mountWithProviders(SettingsView, { path: '/settings' });
    expect(wrapper.get('[data-testid="info-version"]').text()).toBe('1.2.3');
    expect(wrapper.get('[data-testid="info-runtime"]').text()).toBe('桌面应用（Electron）');
    expect(wrapper.get('[data-testid="info-persistence"]').text()).toContain('加密');
    expect(wrapper.get('[data-testid="info-server"]').text()).toBe('http://127.0.0.1:4010');
  });

  it('calls a --server address a start-up argument, and YUANJING_SERVER an environment variable', async () => {
    const bridge = installFakeBridge();
    bridge.info = { ...bridge.info, serverSource: 'env', serverFromCommandLine: true };
    const fromFlag = await mountWithProviders(SettingsView, { path: '/settings' });
    expect(fromFlag.wrapper.get('[data-testid="info-source"]').text()).toBe('启动参数（--server）');
    fromFlag.wrapper.unmount();
    bridge.info = { ...bridge.info, serverFromCommandLine: undefined };
    const fromEnv = await mountWithProviders(SettingsView, { path: '/settings' });
    expect(fromEnv.wrapper.get('[data-testid="info-source"]').text()).toBe('环境变量');
  });

  it('explains a memory-only session', async () => {
    installFakeBridge();
    const { wrapper } = await mountWithProviders(SettingsView, { path: '/settings' });
    expect(wrapper.get('[data-testid="info-persistence"]').text()).toContain('只保存在内存中');
  });
});
