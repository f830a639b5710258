/**
 * `app.notice` events waiting to be shown in the page (the desktop app also shows a system
 * notification itself). The app shell takes them one by one; a notice that comes before the
 * shell is up waits here instead of being lost.
 */
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { AppNotice } from '@contract';

export const useNoticesStore = defineStore('notices', () => {
  const queue = shallowRef<AppNotice[]>([]);

  function push(notice: AppNotice): void {
    if (queue.value.some((queued) => queued.id === notice.id)) return;
    queue.value = [...queue.value, notice];
  }

  /** Everything waiting, in arrival order; the queue is empty afterwards. */
  function take(): AppNotice[] {
    const taken = queue.value;
    queue.value = [];
    return taken;
  }

  return { queue, push, take };
});
