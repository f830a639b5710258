/**
 * The task ledger as the renderer mirrors it (platform-api.md §5, §10.1–§10.3): every task by
 * its localId, and the visible ones in list order (newest first). Loaded once with `tasks.list`;
 * after that only `task.changed` (full snapshots, through events.ts) changes it, and nothing is
 * read again because an event arrived.
 *
 * Built for 10 000 tasks: an event is one Map write, and at most one binary search plus one
 * splice in the id order; the running count and the estimate's history are kept up to date
 * the same way, never recounted over the whole list. Events are applied once per animation
 * frame (`receive`): each SSE/IPC message is its own task, so applying them one by one made
 * the screen re-render the 10 000-row list per event — 500 status changes a second, or a first
 * sign-in adopting 10 000 tasks, froze it. A big batch of new tasks is merged into the order in
 * one pass instead of one splice each.
 */
import { defineStore } from 'pinia';
import { ref, shallowReactive, shallowRef, triggerRef } from 'vue';
import type { TaskView } from '@contract';
import { api } from '@/api';
import { estimateKey, runDuration } from '@/lib/tasks/estimate';
import { insertionIndex, mergeSortedIds, sortedIds } from '@/lib/tasks/order';
import { createLatestRead } from './latestRead';

const isRunning = (task: TaskView | undefined): boolean => Boolean(task && !task.terminal && !task.hidden);

/** A frame at most this late still flushes: rAF stops while the window is hidden, events must not wait for it. */
const FLUSH_FALLBACK_MS = 100;
/** More new rows than this in one batch: one merge pass over the order instead of a splice each. */
const MERGE_ABOVE = 32;

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

  /** The answer to a write (hide, retry): one task, applied now, placed without re-sorting. */
  function apply(task: TaskView): void {
    applyMany([task]);
  }

  /**
   * Snapshots in one go: the list is told once. Rows that leave or move are taken out, then the
   * new ones go in — by binary search and splice when few, by one merge when many.
   */
  function applyMany(batch: readonly TaskView[]): void {
    const ids = order.value;
    const leaving = new Set<string>();
    const entering: TaskView[] = [];
    for (const task of batch) {
      const previous = byId.get(task.localId);
      const wasShown = Boolean(previous && !previous.hidden);
      if (!write(task)) continue;
      // createdAt never changes in the ledger; a row whose does is moved rather than shown out of order.
      const moved = wasShown && !task.hidden && previous!.createdAt !== task.createdAt;
      if (wasShown && (task.hidden || moved)) leaving.add(task.localId);
      if ((!wasShown || moved) && !task.hidden) entering.push(task);
    }
    if (leaving.size === 0 && entering.length === 0) return; // same places: rows read the new snapshots from byId
    const entered = new Set(entering.map((task) => task.localId));
    const fresh = [...new Map(entering.map((task) => [task.localId, task])).values()].filter((task) => byId.get(task.localId) === task);
    if (leaving.size + entered.size > MERGE_ABOVE) {
      const kept = ids.filter((id) => !leaving.has(id) && !entered.has(id));
      order.value = mergeSortedIds(kept, sortedIds(fresh), lookup);
      return;
    }
    for (const id of [...leaving, ...entered]) {
      const at = ids.indexOf(id);
      if (at >= 0) ids.splice(at, 1);
    }
    for (const task of fresh) ids.splice(insertionIndex(ids, task, lookup), 0, task.localId);
    triggerRef(order);
  }

  /** `task.changed` events wait here for the next frame; the newest snapshot of a task wins. */
  const queued = new Map<string, TaskView>();
  let frame: number | null = null;
  let fallback: ReturnType<typeof setTimeout> | null = null;

  function flushQueued(): void {
    if (frame !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    if (fallback !== null) clearTimeout(fallback);
    frame = fallback = null;
    if (queued.size === 0) return;
    const batch = [...queued.values()];
    queued.clear();
    applyMany(batch);
  }

  /** A `task.changed` event: applied with the others of this frame. */
  function receive(task: TaskView): void {
    const waiting = queued.get(task.localId);
    if (!waiting || waiting.updatedAt <= task.updatedAt) queued.set(task.localId, task);
    if (fallback !== null) return;
    fallback = setTimeout(flushQueued, FLUSH_FALLBACK_MS);
    if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(flushQueued);
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
    queued.clear();
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
    applyMany,
    receive,
    flushQueued,
    load,
    ensureLoaded,
    hide,
    reset,
    historyFor,
  };
});
