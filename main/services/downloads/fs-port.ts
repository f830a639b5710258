/**
 * The file-system operations a download can see refused by the OS, behind a port so tests can
 * make them fail: free space (a full disk) and the final rename (antivirus holding the file on
 * Windows). Everything else is plain node:fs on real files.
 */
import { rename, statfs } from 'node:fs/promises';

export interface DownloadFs {
  /** Bytes a non-root user may still write in the folder's file system. */
  freeBytes(folder: string): Promise<number>;
  rename(from: string, to: string): Promise<void>;
}

export const nodeDownloadFs: DownloadFs = {
  async freeBytes(folder) {
    const s = await statfs(folder);
    return Number(s.bavail) * Number(s.bsize);
  },
  rename: (from, to) => rename(from, to),
};

/** Codes with which Windows (antivirus, indexer, a player holding the file) refuses a rename for a moment. */
export const TRANSIENT_RENAME_CODES: ReadonlySet<string> = new Set(['EPERM', 'EBUSY', 'EACCES']);
