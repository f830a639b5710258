/**
 * How long finished downloads stay in queue.json. A finished video belongs to the library (its
 * sidecar is the record), so the queue keeps only what `downloads.list` shows as recent: every
 * unfinished item, plus done/cancelled items added in the last 24 hours or the newest 100 of them,
 * whichever is more. Without this the file grows with every video and is rewritten whole on every
 * state change (5,000 finished videos ≈ 2 MB per change).
 * Why both: 24 h covers a busy day however many videos it had (a download and its task's link
 * both live well under a day); 100 keeps a recent list for someone who downloads rarely.
 */
import type { StoredItem } from './queue-store';

export const KEEP_FINISHED_MS = 24 * 60 * 60_000;
export const KEEP_FINISHED_COUNT = 100;

export function isFinished(item: Pick<StoredItem, 'state'>): boolean {
  return item.state === 'done' || item.state === 'cancelled';
}

/** The ids of finished items that no longer belong in the queue (everything unfinished stays). */
export function prunable(items: Iterable<Pick<StoredItem, 'id' | 'state' | 'addedAt'>>, now: number): string[] {
  const finished = [...items].filter(isFinished).sort((a, b) => b.addedAt - a.addedAt);
  return finished
    .slice(KEEP_FINISHED_COUNT)
    .filter((item) => now - item.addedAt > KEEP_FINISHED_MS)
    .map((item) => item.id);
}
