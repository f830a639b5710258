/**
 * One page of orders (platform-api.md §3.9) as last loaded. The rows sit in a `shallowRef` of a
 * `markRaw` array: up to 10 000 of them must not be deep-proxied by Vue. Cleared when another
 * user signs in or on sign-out.
 */
import { markRaw, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { OrderRow } from '@contract';
import { ORDERS_DEFAULT_PAGE_SIZE, ORDERS_MAX_PAGE_SIZE, ORDERS_MIN_PAGE_SIZE } from '@contract/limits';
import { api } from '@/api';
import { createLatestRead } from './latestRead';
import { useSessionStore } from './session';

// Larger pages than the menu's only through the route query (the scroll benchmark).

/** `?pageSize=` when it is a whole number in 10–10 000, else the default 80. */
export function pageSizeFromQuery(value: unknown): number {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim())) return ORDERS_DEFAULT_PAGE_SIZE;
  const size = Number(raw);
  return size >= ORDERS_MIN_PAGE_SIZE && size <= ORDERS_MAX_PAGE_SIZE ? size : ORDERS_DEFAULT_PAGE_SIZE;
}

export const useOrdersStore = defineStore('orders', () => {
  const rows = shallowRef<readonly OrderRow[]>(markRaw([]));
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(ORDERS_DEFAULT_PAGE_SIZE);
  const reads = createLatestRead();
  const { loading, error, loaded } = reads;

  function load(nextPage = page.value, nextPageSize = pageSize.value): Promise<void> {
    page.value = nextPage;
    pageSize.value = nextPageSize;
    return reads.run(
      () => api.call('orders.list', { page: nextPage, pageSize: nextPageSize }),
      (result) => {
        rows.value = markRaw(result.rows);
        total.value = result.total;
      },
    );
  }

  /** After a recharge or a billed task: re-read the current page, if the user has seen one. */
  async function reloadIfLoaded(): Promise<void> {
    if (loaded.value || error.value) await load();
  }

  function reset(): void {
    reads.reset();
    rows.value = markRaw([]);
    total.value = 0;
    page.value = 1;
    pageSize.value = ORDERS_DEFAULT_PAGE_SIZE;
  }

  useSessionStore().onUserSwitch(() => reset());

  return { rows, total, page, pageSize, loading, error, loaded, load, reloadIfLoaded, reset };
});
