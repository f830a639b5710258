/**
 * A download in words and numbers (issue 8): sizes, speed, time left, the percentage, the state,
 * the error, and one summary for a task with several videos. Pure, so the task rows and the
 * downloads panel say the same thing and tests can check it without a screen.
 */
import type { DownloadState, DownloadView } from '@contract';
import type { Translate } from '@/lib/format';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1 536 → "1.5 KB"; binary units, one decimal below 100. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** 0–100, or null while the size is unknown. */
export function percentOf(view: Pick<DownloadView, 'bytesDone' | 'bytesTotal' | 'state'>): number | null {
  if (view.state === 'done') return 100;
  if (!view.bytesTotal) return null;
  return Math.min(100, Math.floor((view.bytesDone / view.bytesTotal) * 100));
}

/** The states that still move on their own (or will, once a slot frees). */
export const ACTIVE_STATES: readonly DownloadState[] = ['queued', 'running', 'waiting'];
export const isActive = (view: DownloadView): boolean => ACTIVE_STATES.includes(view.state);

export const stateText = (state: DownloadState, t: Translate): string => t(`downloads.state.${state}`);

/** The error in the user's words where the code is known (`te`: vue-i18n's "has key"), else main's message. */
export function errorText(view: DownloadView, t: Translate, te: (key: string) => boolean): string {
  if (!view.error) return '';
  const key = `downloads.errors.${view.error.code}`;
  return te(key) ? t(key) : view.error.message;
}

/** One line for a task with several videos: the state that matters most, and bytes over all. */
export interface TaskDownloadSummary {
  state: DownloadState;
  percent: number | null;
  speed: number;
  count: number;
  failed: number;
}

const PRIORITY: readonly DownloadState[] = ['running', 'waiting', 'queued', 'failed', 'paused', 'cancelled', 'done'];

export function summarise(views: readonly DownloadView[]): TaskDownloadSummary | null {
  if (views.length === 0) return null;
  let state: DownloadState = 'done';
  let done = 0;
  let total = 0;
  let known = true;
  let speed = 0;
  let failed = 0;
  for (const view of views) {
    if (PRIORITY.indexOf(view.state) < PRIORITY.indexOf(state)) state = view.state;
    if (view.state === 'failed') failed += 1;
    speed += view.speed;
    if (view.state === 'done') {
      const size = view.bytesTotal ?? view.bytesDone;
      done += size;
      total += size;
    } else if (view.bytesTotal) {
      done += view.bytesDone;
      total += view.bytesTotal;
    } else known = false;
  }
  const percent = state === 'done' ? 100 : known && total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : null;
  return { state, percent, speed, count: views.length, failed };
}
