/**
 * The file-system operations a download can see refused by the OS, behind a port so tests can
 * make them fail: free space (a full disk), the .part's writes (ENOSPC half-way) and the final
 * rename (antivirus holding the file on Windows). Everything else is plain node:fs on real files.
 */
import { open, rename, statfs, type FileHandle } from 'node:fs/promises';

export interface DownloadFs {
  /** Bytes a non-root user may still write in the folder's file system. */
  freeBytes(folder: string): Promise<number>;
  rename(from: string, to: string): Promise<void>;
  /** Opens the .part for writing ('w' from zero, 'r+' to resume). */
  openPart(file: string, flags: 'w' | 'r+'): Promise<FileHandle>;
}

export const nodeDownloadFs: DownloadFs = {
  async freeBytes(folder) {
    const s = await statfs(folder);
    return Number(s.bavail) * Number(s.bsize);
  },
  rename: (from, to) => rename(from, to),
  openPart: (file, flags) => open(file, flags),
};

/** Codes with which Windows (antivirus, indexer, a player holding the file) refuses a rename for a moment. */
export const TRANSIENT_RENAME_CODES: ReadonlySet<string> = new Set(['EPERM', 'EBUSY', 'EACCES']);
