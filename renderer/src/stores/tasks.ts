/**
 * The task ledger as the renderer mirrors it (platform-api.md §5, §10.1–§10.3): every task by
 * its localId, and the visible ones in list order (newest first). Loaded once with `tasks.list`;
 * after that only `task.changed` (full snapshots, through events.ts) changes it, and nothing is
 * read again because an event arrived.
 *
 * Built for 10 000 tasks: an event is one Map write, and at most one binary search plus one
 * splice in the id order; the running count and the estimate's history are kept up to date
 * the same way, never recounted over the whole list.
 */
import { defineStore } from 'pinia';
import { ref, shallowReactive, shallowRef, triggerRef } from 'vue';
import type { TaskView } from '@contract';
import { api } from '@/api';
import { estimateKey, runDuration } from '@/lib/tasks/estimate';
import { insertionIndex, sortedIds } from '@/lib/tasks/order';
import { createLatestRead } from './latestRead';

const isRunning = (task: TaskView | undefined): boolean => Boolean(task && !task.terminal && !task.hidden);

export const useTasksStore = defineStore('tasks', () => {
  const byId = shallowReactive(new Map<string, TaskView>());
  /** Visible tasks' ids, newest first. Mutated in place; `triggerRef` tells the screens. */
  const order = shallowRef<string[]>([]);
  const runningCount = ref(0);
  /** Durations of finished runs by estimateKey; `historyVersion` changes when one is added. */
  const history = new Map<string, number[]>();
  const counted = new Set<string>();
  const historyVersion = ref(0);
  const read = createLatestRead();

  function learn(task: TaskView): boolean {
    if (counted.has(task.localId)) return false;
    const ms = runDuration(task);
    if (ms === null) return false;
    counted.add(task.localId);
    const key = estimateKey(task);
    const list = history.get(key);
    if (list) list.push(ms);
    else history.set(key, [ms]);
    return true;
  }

  const lookup = (id: string): TaskView | undefined => byId.get(id);

  /** Writes one snapshot; false when an equally new or newer one is already here. */
  function write(task: TaskView): boolean {
    const previous = byId.get(task.localId);
    // A list answer may arrive after an event about the same task: the newer snapshot wins.
    if (previous && previous.updatedAt > task.updatedAt) return false;
    runningCount.value += Number(isRunning(task)) - Number(isRunning(previous));
    byId.set(task.localId, task);
    if (learn(task)) historyVersion.value += 1;
    return true;
  }

  /** A `task.changed` event (or the answer to a write): one task, placed without re-sorting. */
  function apply(task: TaskView): void {
    const previous = byId.get(task.localId);
    const wasShown = Boolean(previous && !previous.hidden);
    if (!write(task)) return;
    const ids = order.value;
    if (wasShown && task.hidden) ids.splice(ids.indexOf(task.localId), 1);
    else if (!wasShown && !task.hidden) ids.splice(insertionIndex(ids, task, lookup), 0, task.localId);
    else if (wasShown && previous && previous.createdAt !== task.createdAt) {
      // createdAt never changes in the ledger; moved anyway rather than shown out of order.
      ids.splice(ids.indexOf(task.localId), 1);
      ids.splice(insertionIndex(ids, task, lookup), 0, task.localId);
    } else return; // same place: the row reads the new snapshot from byId
    triggerRef(order);
  }

  /** The one full read: merged with whatever events brought meanwhile. */
  function load(): Promise<void> {
    return read.run(
      () => api.call('tasks.list', {}),
      (tasks) => {
        for (const task of tasks) write(task);
        order.value = sortedIds([...byId.values()].filter((task) => !task.hidden));
      },
    );
  }

  /** Loads unless loaded or loading (the screens and the header's count share one read). */
  function ensureLoaded(): Promise<void> {
    if (read.loaded.value || read.loading.value) return Promise.resolve();
    return load();
  }

  async function hide(localId: string): Promise<void> {
    apply(await api.call('tasks.hide', { localId }));
  }

  /** Another account, or signed out: nothing of the previous ledger stays on screen. */
  function reset(): void {
    read.reset();
    byId.clear();
    order.value = [];
    runningCount.value = 0;
    history.clear();
    counted.clear();
    historyVersion.value += 1;
  }

  /** Durations of comparable finished runs (read `historyVersion` to follow changes). */
  function historyFor(task: TaskView): readonly number[] | undefined {
    return history.get(estimateKey(task));
  }

  return {
    byId,
    order,
    runningCount,
    historyVersion,
    loading: read.loading,
    error: read.error,
    loaded: read.loaded,
    apply,
    load,
    ensureLoaded,
    hide,
    reset,
    historyFor,
  };
});
