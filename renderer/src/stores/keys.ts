/**
 * The user's downstream apps (platform-api.md §3.4–3.5): names and ids only. The API key and
 * secret key never come here: they are fetched on an explicit request by the reveal dialog and
 * live only in that dialog's local refs (§9). Cleared when another user signs in or on sign-out.
 */
import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { DownApp } from '@contract';
import { api } from '@/api';
import type { KeyApplication } from '@/components/account/validation';
import { useSessionStore } from './session';

export const useKeysStore = defineStore('keys', () => {
  const apps = ref<DownApp[]>([]);
  const loading = ref(false);
  const error = ref<unknown>(null);
  const loaded = ref(false);
  const applying = ref(false);

  let generation = 0;

  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    try {
      const list = await api.call('keys.list');
      if (mine !== generation) return;
      apps.value = list;
      error.value = null;
      loaded.value = true;
    } catch (failure) {
      if (mine === generation) error.value = failure;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /**
   * Applies once (never retried: it creates an app). Main answers with the refreshed list, and
   * after a failure it has already checked whether the app was created anyway. On failure the
   * list is read again here too, so what the user sees is what exists; the error is rethrown.
   */
  async function apply(application: KeyApplication): Promise<DownApp[]> {
    applying.value = true;
    try {
      const list = await api.call('keys.apply', application);
      generation += 1;
      apps.value = list;
      error.value = null;
      loaded.value = true;
      return list;
    } catch (failure) {
      void load();
      throw failure;
    } finally {
      applying.value = false;
    }
  }

  function reset(): void {
    generation += 1;
    apps.value = [];
    loading.value = false;
    error.value = null;
    loaded.value = false;
    applying.value = false;
  }

  useSessionStore().onUserSwitch(() => reset());

  return { apps, loading, error, loaded, applying, load, apply, reset };
});
