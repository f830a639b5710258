import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import AboutPanel from './AboutPanel.vue';
import { installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';

enableAutoUnmount(afterEach);

describe('AboutPanel', () => {
  it('shows the machine, the runtime versions and that the browser host writes no log file', async () => {
    installFakeBridge();
    const { wrapper } = await mountWithProviders(AboutPanel, { path: '/settings' });
    expect(wrapper.get('[data-testid="about-os"]').text()).toBe('Linux 6.1.0 (x64)');
    expect(wrapper.get('[data-testid="about-runtime-versions"]').text()).toBe('node 20.20.0');
    expect(wrapper.get('[data-testid="about-log-folder"]').text()).toBe('此运行方式不写日志文件');
    expect(wrapper.find('[data-testid="info-version"]').exists()).toBe(true);
  });

  it('exports diagnostics and says where the zip was written; a cancelled dialog says nothing', async () => {
    let cancelled = false;
    const bridge = installFakeBridge({
      'diagnostics.export': () =>
        ok(cancelled ? { cancelled: true as const } : { cancelled: false as const, path: '/home/u/Documents/yj.zip', bytes: 1200, files: ['facts.json'] }),
    });
    const { wrapper } = await mountWithProviders(AboutPanel, { path: '/settings' });
    await wrapper.get('[data-testid="about-export"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="about-notice"]').text()).toBe('诊断信息已导出到：/home/u/Documents/yj.zip');
    cancelled = true;
    await wrapper.get('[data-testid="about-export"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="about-notice"]').exists()).toBe(false);
    expect(bridge.callsTo('diagnostics.export')).toHaveLength(2);
  });

  it('shows the log folder path when main could not open it', async () => {
    installFakeBridge({ 'diagnostics.openLogFolder': () => ok({ path: '/data/logs', opened: false }) });
    const { wrapper } = await mountWithProviders(AboutPanel, { path: '/settings' });
    await wrapper.get('[data-testid="about-logs"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="about-notice"]').text()).toBe('日志文件夹：/data/logs');
  });
});
