/** Small pure facts about download items: their ids and the taskbar fraction of the active ones. */
import type { DownloadItem } from './queue';

const ACTIVE = new Set(['queued', 'running', 'waiting']);

/** `<localId>` → the task's first result, `<localId>#n` → its n-th. */
export function downloadId(localId: string, index: number): string {
  return index === 0 ? localId : `${localId}#${index + 1}`;
}

export function splitDownloadId(id: string): { localId: string; index: number } {
  const [localId = id, n] = id.split('#');
  return { localId, index: n === undefined ? 0 : Math.max(0, Number(n) - 1) };
}

/** The taskbar fraction of the active downloads: done bytes over known totals; null when none is active. */
export function aggregateFraction(items: readonly DownloadItem[]): number | null {
  const active = items.filter((i) => ACTIVE.has(i.state));
  if (active.length === 0) return null;
  let done = 0;
  let total = 0;
  for (const item of active) {
    if (item.bytesTotal === null) continue;
    done += Math.min(item.bytesDone, item.bytesTotal);
    total += item.bytesTotal;
  }
  return total > 0 ? done / total : 0;
}
