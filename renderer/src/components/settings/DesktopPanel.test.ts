import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import SettingsView from '@/views/SettingsView.vue';
import { installFakeBridge, mountWithProviders } from '@/api/testing/fake-bridge';

enableAutoUnmount(afterEach);

describe('DesktopPanel (in the settings form)', () => {
  it('is not shown in the browser host, where tray and login items do not apply', async () => {
    installFakeBridge();
    const { wrapper } = await mountWithProviders(SettingsView, { path: '/settings' });
    expect(wrapper.find('[data-testid="desktop-panel"]').exists()).toBe(false);
  });

  it('in the desktop app, saves the tray and start-at-login switches with the form', async () => {
    const bridge = installFakeBridge();
    bridge.info = { ...bridge.info, runtime: 'electron' };
    const { wrapper } = await mountWithProviders(SettingsView, { path: '/settings' });
    const tray = wrapper.get('[data-testid="desktop-tray"]');
    expect(tray.attributes('aria-checked')).toBe('true');
    await tray.trigger('click');
    await wrapper.get('[data-testid="desktop-login"]').trigger('click');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(bridge.callsTo('settings.update')).toEqual([{ keepRunningInTray: false, openAtLogin: true }]);
  });
});
