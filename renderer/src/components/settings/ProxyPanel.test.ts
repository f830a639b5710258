import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import ProxyPanel from './ProxyPanel.vue';
import { fail, installFakeBridge, ok } from '@/api/testing/fake-bridge';
import { mountWithProviders } from '@/testing/mount';
import { useSettingsStore } from '@/stores/settings';

enableAutoUnmount(afterEach);

async function mountPanel(locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<VueWrapper> {
  const { wrapper } = await mountWithProviders(ProxyPanel, { path: '/settings', locale });
  await useSettingsStore().ensureLoaded();
  await flushPromises();
  return wrapper;
}

async function chooseCustom(wrapper: VueWrapper, url: string): Promise<void> {
  await wrapper.get('[data-testid="proxy-custom"] input').setValue(true);
  await wrapper.get('#proxy-url').setValue(url);
}

describe('ProxyPanel', () => {
  it('saves the proxy and the password separately; the password field empties and shows 已保存', async () => {
    const bridge = installFakeBridge({ 'network.setProxyPassword': ({ password }) => ok({ saved: password !== '', storage: 'encrypted' }) });
    const wrapper = await mountPanel();
    expect(wrapper.find('[data-testid="proxy-password-saved"]').exists()).toBe(false);
    await chooseCustom(wrapper, ' http://alice@proxy.corp:3128 ');
    await wrapper.get('#proxy-bypass').setValue('localhost, .corp.example');
    await wrapper.get('#proxy-password').setValue('s3cret');
    await wrapper.get('[data-testid="proxy-form"]').trigger('submit');
    await flushPromises();

    expect(bridge.callsTo('settings.update')).toEqual([{ proxy: { mode: 'custom', url: 'http://alice@proxy.corp:3128', bypass: 'localhost, .corp.example' } }]);
    expect(bridge.callsTo('network.setProxyPassword')).toEqual([{ password: 's3cret' }]);
    expect((wrapper.get('#proxy-password').element as HTMLInputElement).value).toBe('');
    expect(wrapper.get('[data-testid="proxy-password-saved"]').text()).toBe('已保存');
    // The password never went into the settings.
    expect(JSON.stringify(bridge.settings)).not.toContain('s3cret');
  });

  it('asks for an address before saving or testing a custom proxy', async () => {
    const bridge = installFakeBridge();
    const wrapper = await mountPanel();
    await chooseCustom(wrapper, '');
    await wrapper.get('[data-testid="proxy-test"]').trigger('click');
    await flushPromises();
    expect(wrapper.text()).toContain('请填写代理地址');
    expect(bridge.callsTo('network.test')).toEqual([]);
  });

  it('测试连接 tries the settings on screen and says the proxy refused the password', async () => {
    const bridge = installFakeBridge({
      'network.test': () => ok({ ok: false, kind: 'proxy_auth', via: 'PROXY proxy.corp:3128', message: 'x' }),
    });
    const wrapper = await mountPanel();
    await chooseCustom(wrapper, 'http://alice@proxy.corp:3128');
    await wrapper.get('[data-testid="proxy-test"]').trigger('click');
    await flushPromises();
    expect(bridge.callsTo('network.test')).toEqual([{ proxy: { mode: 'custom', url: 'http://alice@proxy.corp:3128', bypass: '' } }]);
    expect(bridge.callsTo('settings.update')).toEqual([]);
    expect(wrapper.get('[data-testid="proxy-test-result"]').text()).toBe('代理服务器拒绝了用户名或密码（407）。 线路：PROXY proxy.corp:3128');
  });

  it('reports latency and route in English', async () => {
    installFakeBridge({ 'network.test': () => ok({ ok: true, latencyMs: 42, via: 'DIRECT' }) });
    const wrapper = await mountPanel('en');
    await wrapper.get('[data-testid="proxy-test"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="proxy-test-result"]').text()).toBe('Connected in 42 ms (direct)');
  });

  it('removes a saved password, and shows main’s refusal of a bad address', async () => {
    const bridge = installFakeBridge({
      'network.passwordState': () => ok({ saved: true, storage: 'encrypted' }),
      'network.setProxyPassword': () => ok({ saved: false, storage: 'encrypted' }),
      'settings.update': () => fail('invalid_input', 'bad proxy'),
    });
    const wrapper = await mountPanel();
    await chooseCustom(wrapper, 'ftp://x');
    await wrapper.get('[data-testid="proxy-password-clear"]').trigger('click');
    await flushPromises();
    expect(bridge.callsTo('network.setProxyPassword')).toEqual([{ password: '' }]);
    expect(wrapper.find('[data-testid="proxy-password-saved"]').exists()).toBe(false);
    await wrapper.get('[data-testid="proxy-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="proxy-error"]').exists()).toBe(true);
  });
});
