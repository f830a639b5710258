/**
 * The update state main reports (`updates.state`, then every `updates.changed`, which
 * events.ts hands over through `updatesFeed`). Used by the settings screen only, so it stays
 * out of the sign-in chunk.
 */
import { ref, watch } from 'vue';
import { defineStore } from 'pinia';
import type { RestartAnswer, UpdatesSnapshot } from '@contract';
import { api } from '@/api';
import { updatesFeed } from '@/events';

export const useUpdatesStore = defineStore('updates', () => {
  const snapshot = ref<UpdatesSnapshot | null>(null);

  async function load(): Promise<void> {
    snapshot.value = await api.call('updates.state');
  }

  async function check(): Promise<void> {
    snapshot.value = await api.call('updates.check');
  }

  function restart(): Promise<RestartAnswer> {
    return api.call('updates.restart');
  }

  watch(updatesFeed, (next) => {
    if (next) snapshot.value = next;
  });

  return { snapshot, load, check, restart };
});
