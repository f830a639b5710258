/**
 * The download queue as the renderer mirrors it (issue 8): every download by id, the ids of each
 * task's downloads (for the task rows) and all ids newest first (for the downloads panel). Read
 * once with `downloads.list`; after that `download.changed` (full snapshots, ≤ 10 a second per
 * download, through events.ts) keeps it current. An event is one Map write; a row that reads
 * `forTask(localId)` re-renders only when its own task's downloads change (Vue tracks Map keys).
 */
import { defineStore } from 'pinia';
import { ref, shallowReactive, shallowRef, triggerRef } from 'vue';
import type { DownloadView } from '@contract';
import { api } from '@/api';
import { isActive } from '@/lib/downloads/words';
import { createLatestRead } from './latestRead';

export const useDownloadsStore = defineStore('downloads', () => {
  const byId = shallowReactive(new Map<string, DownloadView>());
  /** localId → the ids of that task's downloads (first result first). */
  const byTask = shallowReactive(new Map<string, readonly string[]>());
  /** Every id, newest first (by `addedAt`). Mutated in place; `triggerRef` tells the screens. */
  const order = shallowRef<string[]>([]);
  /** Downloads queued, running or waiting to retry; kept up to date per event, never recounted. */
  const activeCount = ref(0);
  const read = createLatestRead();
  /** Ids an event wrote while a list read was under way: the event is newer than that answer. */
  let touchedDuringRead: Set<string> | null = null;

  /** One new download from an event: a scan from the top (new ones are the newest, found at once). */
  function placeInOrder(view: DownloadView): void {
    const ids = order.value;
    let index = ids.findIndex((id) => (byId.get(id)?.addedAt ?? 0) < view.addedAt);
    if (index < 0) index = ids.length;
    ids.splice(index, 0, view.id);
  }

  /** Stores one snapshot; a new id joins its task's list and, when `place`, the order. */
  function write(view: DownloadView, place: boolean): void {
    const previous = byId.get(view.id);
    const isNew = !previous;
    activeCount.value += Number(isActive(view)) - Number(Boolean(previous && isActive(previous)));
    byId.set(view.id, view);
    if (!isNew) return;
    const siblings = byTask.get(view.localId) ?? [];
    byTask.set(view.localId, [...siblings, view.id].sort());
    if (!place) return;
    placeInOrder(view);
    triggerRef(order);
  }

  /** A `download.changed` event, or the answer to an action: one download, placed once. */
  function apply(view: DownloadView): void {
    touchedDuringRead?.add(view.id);
    write(view, true);
  }

  function load(): Promise<void> {
    const touched = new Set<string>();
    touchedDuringRead = touched;
    return read.run(
      () => api.call('downloads.list'),
      (views) => {
        // 10 000 downloads: written, then sorted once (placing each would be quadratic).
        for (const view of views) if (!touched.has(view.id)) write(view, false);
        order.value = [...byId.values()].sort((a, b) => b.addedAt - a.addedAt || (a.id < b.id ? -1 : 1)).map((view) => view.id);
        if (touchedDuringRead === touched) touchedDuringRead = null;
      },
    );
  }

  function ensureLoaded(): Promise<void> {
    if (read.loaded.value || read.loading.value) return Promise.resolve();
    return load();
  }

  /** A task's downloads, first result first (an empty list when there are none). */
  function forTask(localId: string): DownloadView[] {
    const ids = byTask.get(localId);
    if (!ids) return [];
    const views: DownloadView[] = [];
    for (const id of ids) {
      const view = byId.get(id);
      if (view) views.push(view);
    }
    return views;
  }

  async function start(localId: string): Promise<void> {
    for (const view of await api.call('downloads.start', { localId })) apply(view);
  }

  type Action = 'downloads.pause' | 'downloads.resume' | 'downloads.cancel' | 'downloads.retry';
  async function act(route: Action, id: string): Promise<void> {
    apply(await api.call(route, { id }));
  }

  return {
    byId,
    byTask,
    order,
    activeCount,
    loading: read.loading,
    error: read.error,
    loaded: read.loaded,
    apply,
    load,
    ensureLoaded,
    forTask,
    start,
    pause: (id: string) => act('downloads.pause', id),
    resume: (id: string) => act('downloads.resume', id),
    cancel: (id: string) => act('downloads.cancel', id),
    retry: (id: string) => act('downloads.retry', id),
  };
});
