import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import SetupView from './SetupView.vue';
import { fail, installFakeBridge, mountWithProviders, ok, type FakeBridge } from '@/api/testing/fake-bridge';

enableAutoUnmount(afterEach);

/** A first start: no address anywhere; saving one makes app.info report it. */
function firstStart(): FakeBridge {
  const bridge = installFakeBridge();
  bridge.settings = { ...bridge.settings, serverProfile: 'custom', customServerUrl: '', simulatorUrl: '' };
  bridge.info = { ...bridge.info, serverSource: 'none', serverUrl: null };
  bridge.handle({
    'settings.update': (patch) => {
      bridge.settings = { ...bridge.settings, ...patch };
      const url = bridge.settings.serverProfile === 'custom' ? bridge.settings.customServerUrl : bridge.settings.simulatorUrl;
      bridge.info = { ...bridge.info, serverSource: 'settings', serverUrl: url };
      return ok(bridge.settings);
    },
  });
  return bridge;
}

describe('SetupView', () => {
  it('explains that no official address is built in', async () => {
    firstStart();
    const { wrapper } = await mountWithProviders(SetupView, { path: '/setup' });
    expect(wrapper.text()).toContain('此版本未内置元境官方服务器地址');
  });

  it.each([
    ['', '请输入服务器地址'],
    ['yj.example.com', '地址格式不正确，例如 https://example.com'],
    ['ftp://yj.example.com', '地址必须以 http:// 或 https:// 开头'],
    ['https://user:secret@yj.example.com', '地址格式不正确，例如 https://example.com'],
  ])('refuses %j with a clear message', async (value, message) => {
    const bridge = firstStart();
    const { wrapper } = await mountWithProviders(SetupView, { path: '/setup' });
    await wrapper.get('#setup-url').setValue(value);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="setup-url-error"]').text()).toBe(message);
    expect(bridge.callsTo('settings.update')).toEqual([]);
  });

  it('saves a custom address and goes to the login screen', async () => {
    const bridge = firstStart();
    const { wrapper, router } = await mountWithProviders(SetupView, { path: '/setup' });
    await wrapper.get('#setup-url').setValue('  https://yj.example.com/api/  ');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(bridge.callsTo('settings.update')).toEqual([{ serverProfile: 'custom', customServerUrl: 'https://yj.example.com/api' }]);
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'), { timeout: 5000 });
  });

  it('warns about a plain-http address that is not this machine', async () => {
    firstStart();
    const { wrapper } = await mountWithProviders(SetupView, { path: '/setup' });
    await wrapper.get('#setup-url').setValue('http://10.0.0.5:8080');
    expect(wrapper.find('[data-testid="setup-insecure"]').exists()).toBe(true);
    await wrapper.get('#setup-url').setValue('https://10.0.0.5');
    expect(wrapper.find('[data-testid="setup-insecure"]').exists()).toBe(false);
  });

  it('offers the local simulator with an editable default address', async () => {
    const bridge = firstStart();
    const { wrapper, router } = await mountWithProviders(SetupView, { path: '/setup' });
    await wrapper.get('[data-testid="mode-simulator"] input').setValue(true);
    const address = wrapper.get('#setup-simulator-url');
    expect((address.element as HTMLInputElement).value).toBe('http://127.0.0.1:4010');
    await address.setValue('http://127.0.0.1:5055');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(bridge.callsTo('settings.update')).toEqual([{ serverProfile: 'simulator', simulatorUrl: 'http://127.0.0.1:5055' }]);
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'), { timeout: 5000 });
  });

  it('shows why saving failed', async () => {
    const bridge = firstStart();
    bridge.handle({ 'settings.update': () => fail('invalid_input', 'customServerUrl: Invalid URL') });
    const { wrapper, router } = await mountWithProviders(SetupView, { path: '/setup' });
    await wrapper.get('#setup-url').setValue('https://yj.example.com');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="setup-error"]').text()).toBe('输入内容无效（customServerUrl: Invalid URL）');
    expect(router.currentRoute.value.name).toBe('setup');
  });
});
