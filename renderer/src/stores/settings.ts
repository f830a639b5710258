/**
 * The user's settings and what main says about itself (`app.info`). Language is applied to
 * vue-i18n as soon as settings arrive or change; the theme is read by AppProviders.
 */
import { computed, ref, watch } from 'vue';
import { defineStore } from 'pinia';
import type { AppInfo, Language, Settings, ThemeSetting } from '@contract';
import { api } from '@/api';
import { DEFAULT_LOCALE, setLocale } from '@/i18n';

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings | null>(null);
  const info = ref<AppInfo | null>(null);
  /** Why loading failed, e.g. the page was opened without its host. */
  const loadError = ref<unknown>(null);

  const language = computed<Language>(() => settings.value?.language ?? DEFAULT_LOCALE);
  const theme = computed<ThemeSetting>(() => settings.value?.theme ?? 'system');
  /** First start without any server address: the setup screen comes first. */
  const needsSetup = computed(() => info.value?.serverSource === 'none');

  let loading: Promise<void> | null = null;

  watch(language, (next) => setLocale(next), { immediate: true });

  async function refreshInfo(): Promise<void> {
    info.value = await api.call('app.info');
  }

  async function load(): Promise<void> {
    try {
      const [nextSettings, nextInfo] = await Promise.all([api.call('settings.get'), api.call('app.info')]);
      settings.value = nextSettings;
      info.value = nextInfo;
      loadError.value = null;
    } catch (error) {
      loadError.value = error;
    }
  }

  function ensureLoaded(): Promise<void> {
    return (loading ??= load());
  }

  /** Saves a change through main (which validates it) and re-reads app.info. */
  async function update(patch: Partial<Settings>): Promise<Settings> {
    const saved = await api.call('settings.update', patch);
    settings.value = saved;
    await refreshInfo();
    return saved;
  }

  /**
   * `settings.changed` carries the settings whole. app.info is a different answer (the server
   * address main resolved from them), so it is read again: the event does not carry it.
   */
  function applySettings(next: Settings): void {
    settings.value = next;
    void refreshInfo().catch(() => undefined);
  }

  return { settings, info, loadError, language, theme, needsSetup, ensureLoaded, refreshInfo, update, applySettings };
});
