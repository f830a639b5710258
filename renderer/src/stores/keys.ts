/**
 * The user's downstream apps (platform-api.md §3.4–3.5): names and ids only. The API key and
 * secret key never come here: they are fetched on an explicit request by the reveal dialog and
 * live only in that dialog's local refs (§9). Cleared when another user signs in or on sign-out.
 */
import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { DownApp } from '@contract';
import { api } from '@/api';
import type { KeyApplication } from '@/lib/keyApplication';
import { createLatestRead } from './latestRead';
import { useSessionStore } from './session';

/** After an apply whose list could not be read, read it again this much later. */
export const LIST_REFRESH_LATER_MS = 5_000;

export const useKeysStore = defineStore('keys', () => {
  const apps = ref<DownApp[]>([]);
  const applying = ref(false);
  const reads = createLatestRead();
  let refreshLater: ReturnType<typeof setTimeout> | null = null;

  function load(): Promise<void> {
    return reads.run(() => api.call('keys.list'), (list) => (apps.value = list));
  }

  /**
   * Applies once (never retried: it creates an app). Main answers with the refreshed list, and
   * after a failure it has already checked whether the app was created anyway. On failure the
   * list is read again here too, so what the user sees is what exists; the error is rethrown.
   * A null list means created but not listed yet: a success, and the list is read again later.
   */
  async function apply(application: KeyApplication): Promise<DownApp[] | null> {
    applying.value = true;
    try {
      const list = await api.call('keys.apply', application);
      if (list === null) {
        if (refreshLater) clearTimeout(refreshLater);
        refreshLater = setTimeout(() => {
          refreshLater = null;
          void load();
        }, LIST_REFRESH_LATER_MS);
        return null;
      }
      reads.accept(() => (apps.value = list));
      return list;
    } catch (failure) {
      void load();
      throw failure;
    } finally {
      applying.value = false;
    }
  }

  function reset(): void {
    if (refreshLater) clearTimeout(refreshLater);
    refreshLater = null;
    reads.reset();
    apps.value = [];
    applying.value = false;
  }

  useSessionStore().onUserSwitch(() => reset());

  const { loading, error, loaded } = reads;
  return { apps, loading, error, loaded, applying, load, apply, reset };
});
