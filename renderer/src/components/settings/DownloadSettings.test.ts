import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import SettingsView from '@/views/SettingsView.vue';
import { installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';
import { byId, click } from '@/testing/dom';
import { typeInto } from '@/testing/typing';

enableAutoUnmount(afterEach);
afterEach(() => {
  document.body.innerHTML = '';
});

const templateInput = () => byId('settings-file-template')?.querySelector('input') ?? null;

describe('download settings (in the settings form)', () => {
  it('saves the auto-download switch and a valid template, and shows an example name as it is typed', async () => {
    const bridge = installFakeBridge();
    const { wrapper } = await mountWithProviders(SettingsView, { path: '/settings' });
    expect(byId('settings-download-dir')?.textContent).toContain('默认');
    expect(byId('settings-file-example')?.textContent).toBe('示例：2026-12-02_viduq1_白鹭掠过湖面_803110.mp4');
    await click('settings-auto-download');
    await typeInto(templateInput(), '{catalog}-{taskid}');
    expect(byId('settings-file-example')?.textContent).toBe('示例：t2v-803110.mp4');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(bridge.callsTo('settings.update')).toEqual([{ autoDownload: false, fileNameTemplate: '{catalog}-{taskid}' }]);
  });

  it('refuses unknown placeholders and illegal characters, in words, and does not save them', async () => {
    const bridge = installFakeBridge();
    const { wrapper } = await mountWithProviders(SettingsView, { path: '/settings', locale: 'en' });
    await typeInto(templateInput(), '{date}_{user}');
    expect(byId('settings-file-template-error')?.textContent).toBe('Unknown placeholder: user');
    expect(byId('settings-file-example')).toBeNull();
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(bridge.callsTo('settings.update')).toEqual([]);
    await typeInto(templateInput(), '{date}:{model}');
    expect(byId('settings-file-template-error')?.textContent).toBe('File names cannot contain: :');
  });

  it('chooses the download folder through main\'s dialog', async () => {
    const bridge = installFakeBridge({ 'downloads.chooseFolder': () => ok({ dir: 'D:\\视频\\元境' }) });
    await mountWithProviders(SettingsView, { path: '/settings' });
    await click('settings-choose-folder');
    expect(bridge.callsTo('downloads.chooseFolder')).toHaveLength(1);
    await vi.waitFor(() => expect(byId('settings-download-dir')?.textContent?.trim()).toBe('D:\\视频\\元境'));
    bridge.handle({ 'downloads.chooseFolder': () => ok(null) }); // cancelled: nothing changes
    await click('settings-choose-folder');
    expect(byId('settings-download-dir')?.textContent?.trim()).toBe('D:\\视频\\元境');
  });
});
