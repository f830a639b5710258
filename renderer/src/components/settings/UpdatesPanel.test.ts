import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import type { UpdatesSnapshot } from '@contract';
import UpdatesPanel from './UpdatesPanel.vue';
import { fail, installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';

enableAutoUnmount(afterEach);

const release = { version: '1.1.0', notes: '<p>修复登录问题</p><script>alert(1)</script>' };
const ready: UpdatesSnapshot = { currentVersion: '1.0.0', state: { status: 'ready', update: release } };

describe('UpdatesPanel', () => {
  it('says why updates are off and offers no check where there is no update source', async () => {
    installFakeBridge();
    const { wrapper } = await mountWithProviders(UpdatesPanel, { path: '/settings' });
    expect(wrapper.get('[data-testid="updates-status"]').text()).toBe('此版本未配置更新来源，请到官网下载新版本');
    expect(wrapper.get('[data-testid="updates-check"]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid="updates-restart"]').exists()).toBe(false);
  });

  it('checks on request and follows updates.changed to "ready", showing the notes as text', async () => {
    const bridge = installFakeBridge({
      'updates.state': () => ok({ currentVersion: '1.0.0', state: { status: 'idle' } }),
      'updates.check': () => ok({ currentVersion: '1.0.0', state: { status: 'checking' } }),
    });
    const { wrapper } = await mountWithProviders(UpdatesPanel, { path: '/settings' });
    expect(wrapper.get('[data-testid="updates-version"]').text()).toBe('1.0.0');
    await wrapper.get('[data-testid="updates-check"]').trigger('click');
    await flushPromises();
    expect(bridge.callsTo('updates.check')).toHaveLength(1);
    expect(wrapper.get('[data-testid="updates-status"]').text()).toBe('正在检查更新…');

    bridge.emit('updates.changed', { currentVersion: '1.0.0', state: { status: 'downloading', update: release, percent: 40 } });
    await flushPromises();
    expect(wrapper.get('[data-testid="updates-status"]').text()).toBe('正在下载 1.1.0（40%）');
    bridge.emit('updates.changed', ready);
    await flushPromises();
    expect(wrapper.get('[data-testid="updates-status"]').text()).toContain('1.1.0 已下载');
    expect(wrapper.get('[data-testid="updates-notes"]').text()).toBe('修复登录问题');
    expect(wrapper.get('[data-testid="updates-notes"]').html()).not.toContain('<script');
  });

  it('explains the refusal when main is busy submitting a video, and restarts when it is not', async () => {
    let busy = true;
    const bridge = installFakeBridge({
      'updates.state': () => ok(ready),
      'updates.restart': () => ok(busy ? { ok: false, reason: 'busy' as const } : { ok: true as const }),
    });
    const { wrapper } = await mountWithProviders(UpdatesPanel, { path: '/settings' });
    await wrapper.get('[data-testid="updates-restart"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="updates-refusal"]').text()).toContain('正在提交视频任务');
    busy = false;
    await wrapper.get('[data-testid="updates-restart"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="updates-refusal"]').exists()).toBe(false);
    expect(bridge.callsTo('updates.restart')).toHaveLength(2);
  });

  it('shows a failed check as a translated error', async () => {
    installFakeBridge({
      'updates.state': () => ok({ currentVersion: '1.0.0', state: { status: 'idle' } }),
      'updates.check': () => fail('transport', 'offline'),
    });
    const { wrapper } = await mountWithProviders(UpdatesPanel, { path: '/settings' });
    await wrapper.get('[data-testid="updates-check"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).not.toBe('');
  });
});
