/**
 * The update state main reports (`updates.state`, then every `updates.changed`). Loaded only
 * by the settings screen and by events.ts on demand, so it stays out of the sign-in chunk.
 */
import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { RestartAnswer, UpdatesSnapshot } from '@contract';
import { api } from '@/api';

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

  function applySnapshot(next: UpdatesSnapshot): void {
    snapshot.value = next;
  }

  return { snapshot, load, check, restart, applySnapshot };
});
