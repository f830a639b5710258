/**
 * The one atomic file writer: a sibling temp file, fsync, rename over the target, then fsync of
 * the folder so the rename itself survives a power cut. Readers see the old file or the new one,
 * never half of either. Every writer of durable state (settings, secrets, ledgers, sidecars)
 * goes through here.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface AtomicWriteOptions {
  /** Mode of a new file; secrets and settings are private to the user by default. */
  mode?: number;
}

const DEFAULT_MODE = 0o600;
const FOLDER_MODE = 0o700;

function tempNameFor(file: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

/**
 * Makes a finished rename durable. Windows cannot open a folder for fsync (and NTFS journals the
 * rename anyway), so a refusal there is not an error.
 */
function syncFolderSync(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    /* not supported on this OS or file system */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The same for callers that create a file in place (an append-only journal) and need its name to survive. */
export async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* not supported on this OS or file system */
  }
}

export async function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const folder = dirname(file);
  await mkdir(folder, { recursive: true, mode: FOLDER_MODE });
  const temp = tempNameFor(file);
  try {
    const handle = await open(temp, 'w', options.mode ?? DEFAULT_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** The same, for callers that must finish before returning (a store's synchronous `set`). */
export function writeFileAtomicSync(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const folder = dirname(file);
  mkdirSync(folder, { recursive: true, mode: FOLDER_MODE });
  const temp = tempNameFor(file);
  try {
    const fd = openSync(temp, 'w', options.mode ?? DEFAULT_MODE);
    try {
      // writeFileSync on a descriptor writes the whole buffer (writeSync may write only part).
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolderSync(folder);
}
