/**
 * The local library as the renderer mirrors it (issue 8): the items `library.list` answered for
 * the filter on screen, newest first, plus every item seen so far by id (the model filter's
 * choices, "再来一次"). `library.changed` (full snapshots) updates an item in place, and places a
 * new one when it matches the filter on screen, without reading the list again. Built for 5 000
 * items: an event is one Map write and at most one splice.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowReactive, shallowRef, triggerRef } from 'vue';
import type { LibraryFilter, LibraryItem } from '@contract';
import { api } from '@/api';
import { cleanFilter, matchesFilter } from '@/lib/library/filter';
import { createLatestRead } from './latestRead';

const newerFirst = (a: LibraryItem, b: LibraryItem): number => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1);

export const useLibraryStore = defineStore('library', () => {
  const byId = shallowReactive(new Map<string, LibraryItem>());
  /** The ids shown for `filter`, newest first. Mutated in place; `triggerRef` tells the screens. */
  const order = shallowRef<string[]>([]);
  const filter = ref<LibraryFilter>({});
  const read = createLatestRead();
  /** Events during a list read: newer than its answer. */
  let touchedDuringRead: Map<string, LibraryItem> | null = null;

  function insertionIndex(ids: readonly string[], item: LibraryItem): number {
    let low = 0;
    let high = ids.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const other = byId.get(ids[middle]);
      if (other && newerFirst(other, item) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** A `library.changed` event: in place when shown, placed when it now matches. */
  function apply(item: LibraryItem): void {
    touchedDuringRead?.set(item.id, item);
    const shown = byId.has(item.id) && order.value.includes(item.id);
    byId.set(item.id, item);
    const belongs = matchesFilter(item, filter.value);
    if (shown === belongs) return; // same place: the card reads the new snapshot from byId
    const ids = order.value;
    if (shown) ids.splice(ids.indexOf(item.id), 1);
    else ids.splice(insertionIndex(ids, item), 0, item.id);
    triggerRef(order);
  }

  /** Reads the items for a filter (the search box, the filters); only the latest read lands. */
  function list(next: LibraryFilter = filter.value): Promise<void> {
    const wanted = cleanFilter(next);
    filter.value = wanted;
    const touched = new Map<string, LibraryItem>();
    touchedDuringRead = touched;
    return read.run(
      () => api.call('library.list', wanted),
      (items) => {
        for (const item of items) if (!touched.has(item.id)) byId.set(item.id, item);
        const ids = new Set(items.map((item) => item.id));
        for (const [id, item] of touched) {
          if (matchesFilter(item, wanted)) ids.add(id);
          else ids.delete(id);
        }
        order.value = [...ids].map((id) => byId.get(id)!).sort(newerFirst).map((item) => item.id);
        if (touchedDuringRead === touched) touchedDuringRead = null;
      },
    );
  }

  function ensureLoaded(): Promise<void> {
    if (read.loaded.value || read.loading.value) return Promise.resolve();
    return list();
  }

  /** Moves the video to the trash; gone from the screen once main confirms. */
  async function trash(id: string): Promise<void> {
    await api.call('library.trash', { id });
    byId.delete(id);
    const index = order.value.indexOf(id);
    if (index >= 0) {
      order.value.splice(index, 1);
      triggerRef(order);
    }
  }

  /** The models seen in the library (the model filter's choices), by name. */
  const models = computed(() => {
    const names = new Map<string, string>();
    for (const item of byId.values()) if (!names.has(item.modelId)) names.set(item.modelId, item.modelName);
    return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  });

  return {
    byId,
    order,
    filter,
    models,
    loading: read.loading,
    error: read.error,
    loaded: read.loaded,
    apply,
    list,
    ensureLoaded,
    trash,
  };
});
