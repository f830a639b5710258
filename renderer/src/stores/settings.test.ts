import { describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { installEvents } from '@/events';
import { i18n } from '@/i18n';
import { useSettingsStore } from './settings';
import { useSessionStore } from './session';
import { installFakeBridge } from '@/api/testing/fake-bridge';

describe('settings store', () => {
  it('applies the language from settings.changed at once', async () => {
    const bridge = installFakeBridge();
    const pinia = createPinia();
    setActivePinia(pinia);
    const uninstall = installEvents(pinia);
    const store = useSettingsStore();
    await store.ensureLoaded();
    expect(i18n.global.locale.value).toBe('zh-CN');
    bridge.emit('settings.changed', { ...bridge.settings, language: 'en', theme: 'dark' });
    await Promise.resolve();
    expect(store.theme).toBe('dark');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(i18n.global.locale.value).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    i18n.global.locale.value = 'zh-CN';
    uninstall();
  });

  it('without a host bridge: reports the problem instead of breaking the start', async () => {
    delete (window as unknown as { yj?: unknown }).yj;
    setActivePinia(createPinia());
    const settings = useSettingsStore();
    const session = useSessionStore();
    await expect(Promise.all([settings.ensureLoaded(), session.ensureLoaded()])).resolves.toBeDefined();
    expect(settings.loadError).toBeInstanceOf(Error);
    expect(session.signedIn).toBe(false);
  });
});
