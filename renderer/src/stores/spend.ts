/**
 * The saved orders history behind the spend chart and the overview (`orders.history`): the
 * rows saved in main show at once, then a refresh reads only the new pages, with progress from
 * `orders.history.progress`. Rows sit in a `shallowRef` of a `markRaw` array (thousands of
 * them must not be deep-proxied). Cleared when another user signs in or on sign-out.
 */
import { markRaw, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { OrderRow, OrdersHistory, OrdersHistoryProgress } from '@contract';
import { api } from '@/api';
import { createLatestRead } from './latestRead';
import { useSessionStore } from './session';

/** A history read this recently is not read again when a screen opens. */
export const HISTORY_FRESH_MS = 60_000;

export const useSpendStore = defineStore('spend', () => {
  const rows = shallowRef<readonly OrderRow[]>(markRaw([]));
  const fetchedAt = ref<number | null>(null);
  const progress = shallowRef<OrdersHistoryProgress | null>(null);
  const reads = createLatestRead();
  const { loading, error, loaded } = reads;

  function apply(history: OrdersHistory): void {
    rows.value = markRaw(history.rows);
    fetchedAt.value = history.fetchedAt;
  }

  function read(mode: 'cached' | 'refresh' | 'full'): Promise<void> {
    return reads.run(() => api.call('orders.history', { mode }), apply);
  }

  /** What is saved first (instant), then what is new, unless it was read a moment ago. */
  async function open(now = Date.now()): Promise<void> {
    if (!loaded.value) await read('cached');
    if (loading.value) return;
    if (fetchedAt.value === null || now - fetchedAt.value > HISTORY_FRESH_MS) await read('refresh');
  }

  function refresh(): Promise<void> {
    return read('refresh');
  }

  function applyProgress(next: OrdersHistoryProgress): void {
    progress.value = next.running ? next : null;
  }

  function reset(): void {
    reads.reset();
    rows.value = markRaw([]);
    fetchedAt.value = null;
    progress.value = null;
  }

  useSessionStore().onUserSwitch(() => reset());

  return { rows, fetchedAt, progress, loading, error, loaded, open, refresh, applyProgress, reset };
});
