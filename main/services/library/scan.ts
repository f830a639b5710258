/**
 * Reads the library folder: every sidecar (`*.yj.json`) in it and in its subfolders two levels
 * down, each parsed with the one sidecar definition, each video looked up. What is not ours —
 * malformed JSON, another program's file with our suffix, a sidecar too large to be one — is
 * counted and skipped; one bad file never fails the scan. A sidecar whose video is gone gives a
 * `missing` entry: the file was moved or deleted outside the app, and its details stay findable.
 *
 * Fast for thousands of files: one readdir per folder (its listing answers "is the video there"
 * without a stat per file), and sidecars read a few at a time in parallel.
 * Symlinked folders are not followed (no loops, nothing outside), `*.inputs` folders and hidden
 * folders are not entered.
 */
import { readFile as readFileCallback, type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { entryOf, type LibraryEntry } from './entry';
import { isSidecarName, parseSidecar } from './sidecar';

/** Sub-folder levels below the library folder that are searched (year/month layouts fit). */
export const SCAN_DEPTH = 2;
/** A sidecar is a few kB; anything much larger is not one and is not read into memory whole. */
const MAX_SIDECAR_BYTES = 1024 * 1024;
const PARALLEL_READS = 16;
/**
 * fs.promises.readFile reads in chunks through a FileHandle and costs 2–4× the callback version
 * for thousands of small files (measured: 0.8–1.0 s against 0.2–0.4 s for 5,000 sidecars).
 */
const readFile = promisify(readFileCallback);

export interface ScanResult {
  entries: LibraryEntry[];
  /** Files with our suffix that were not valid sidecars. */
  skipped: number;
}

interface Found {
  sidecarPath: string;
  listing: Map<string, Dirent>;
}

async function listFolder(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return []; // a folder that vanished or cannot be read holds nothing we can show
  }
}

async function collect(dir: string, depth: number, found: Found[]): Promise<void> {
  const entries = await listFolder(dir);
  const listing = new Map(entries.map((e) => [e.name, e]));
  const folders: string[] = [];
  for (const entry of entries) {
    if (entry.isFile() && isSidecarName(entry.name)) found.push({ sidecarPath: join(dir, entry.name), listing });
    else if (entry.isDirectory() && depth < SCAN_DEPTH && !entry.name.startsWith('.') && !entry.name.endsWith('.inputs')) folders.push(join(dir, entry.name));
  }
  await Promise.all(folders.map((folder) => collect(folder, depth + 1, found)));
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** True when the video named in the sidecar is a file; the folder's listing answers most cases. */
async function videoExists(sidecarPath: string, video: string, listing: Map<string, Dirent>): Promise<boolean> {
  if (!/[\\/]/.test(video)) {
    const dirent = listing.get(video);
    if (!dirent) return false;
    if (dirent.isFile()) return true;
    if (!dirent.isSymbolicLink()) return false;
  }
  return isFile(join(sidecarPath, '..', ...video.split(/[\\/]/)));
}

async function readSidecar(path: string): Promise<string | null> {
  try {
    const text = await readFile(path, 'utf8');
    return text.length > MAX_SIDECAR_BYTES ? null : text;
  } catch {
    return null;
  }
}

/** One sidecar → its entry, or null when it is not a valid sidecar of ours. */
export async function loadEntry(root: string, sidecarPath: string, mediaUrl: (relPath: string) => string, listing?: Map<string, Dirent>): Promise<LibraryEntry | null> {
  const text = await readSidecar(sidecarPath);
  const sidecar = text === null ? null : parseSidecar(text);
  if (!sidecar) return null;
  const exists = listing ? await videoExists(sidecarPath, sidecar.video, listing) : await isFile(join(sidecarPath, '..', ...sidecar.video.split(/[\\/]/)));
  return entryOf(root, sidecarPath, sidecar, !exists, mediaUrl);
}

export async function scanLibrary(root: string, mediaUrl: (relPath: string) => string): Promise<ScanResult> {
  const found: Found[] = [];
  await collect(root, 0, found);
  const entries: LibraryEntry[] = [];
  let skipped = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < found.length) {
      const { sidecarPath, listing } = found[next++]!;
      const entry = await loadEntry(root, sidecarPath, mediaUrl, listing);
      if (entry) entries.push(entry);
      else skipped += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, found.length) }, worker));
  return { entries, skipped };
}
