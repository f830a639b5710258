/** Downloads of finished videos (issue 8; platform-api.md §10.8: result links expire). */

export type DownloadState = 'queued' | 'running' | 'waiting' | 'paused' | 'done' | 'failed' | 'cancelled';

/** The codes of `DownloadView.error` (main/services/downloads/errors.ts); the renderer translates them. */
export type DownloadErrorCode =
  | 'network'
  | 'timeout'
  | 'server'
  | 'expired_link'
  | 'disk_full'
  | 'length_mismatch'
  | 'rename_failed'
  | 'io'
  | 'paused'
  | 'cancelled';

export interface DownloadView {
  /** `<localId>` for a task's first result, `<localId>#<n>` for the n-th (n ≥ 2). */
  id: string;
  /** The task this video belongs to. */
  localId: string;
  taskid: string | null;
  /** The final file name (the .part beside it while running). */
  name: string;
  dir: string;
  state: DownloadState;
  bytesDone: number;
  bytesTotal: number | null;
  /** Bytes per second, smoothed; 0 when not running. */
  speed: number;
  etaSeconds: number | null;
  /** Epoch ms when the result link stops working (1 h after it was seen when no expiry is visible). */
  expiresAt: number;
  addedAt: number;
  /** `code` is one of the download error codes (disk_full, expired_link, network, …); `message` in words. */
  error: { code: string; message: string } | null;
  /** The finished file (absolute path), once done. */
  file: string | null;
  /** The link failed for good (403/404/410 after one fresh status query): "open in browser" is offered. */
  canOpenInBrowser: boolean;
}
