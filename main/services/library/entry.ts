/**
 * One library entry: the LibraryItem the renderer sees, built once from a sidecar, plus what
 * main needs to act on it (absolute paths) and a prepared search text. Items are immutable:
 * a change (missing ↔ found) replaces the entry.
 */
import { createHash } from 'node:crypto';
import { dirname, join, relative, sep } from 'node:path';
import type { LibraryItem } from '../../../preload/contract/models/library';
import { inputsDirFor, type Sidecar } from './sidecar';

export interface LibraryEntry {
  item: LibraryItem;
  videoPath: string;
  sidecarPath: string;
  /** The copies of the input images (absolute). */
  inputPaths: string[];
  /** `<stem>.inputs/` beside the video (may not exist). */
  inputsDir: string;
  /** NFKC, lower-case: prompt and model name. */
  haystack: string;
}

/** Search text and queries go through the same folding: full-width → ASCII, compatibility forms, case. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Forward slashes, NFC: the same file gets the same id whether the OS lists names NFC or NFD (HFS+). */
export function normaliseRelPath(relPath: string): string {
  return relPath.split(sep).join('/').normalize('NFC');
}

/** A short stable id from the path relative to the library folder. */
export function libraryIdOf(relPath: string): string {
  return createHash('sha256').update(normaliseRelPath(relPath)).digest('base64url').slice(0, 22);
}

function epoch(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** The entry for a parsed sidecar at `sidecarPath`, inside the library folder `root`. */
export function entryOf(root: string, sidecarPath: string, sidecar: Sidecar, missing: boolean, mediaUrl: (relPath: string) => string): LibraryEntry {
  const folder = dirname(sidecarPath);
  const videoPath = join(folder, ...sidecar.video.split(/[\\/]/));
  const relPath = normaliseRelPath(relative(root, videoPath));
  const inputPaths = sidecar.inputImages.map((name) => join(folder, ...name.split(/[\\/]/)));
  const item: LibraryItem = {
    id: libraryIdOf(relPath),
    relPath,
    mediaUrl: mediaUrl(relPath),
    inputImageUrls: inputPaths.map((path) => mediaUrl(normaliseRelPath(relative(root, path)))),
    localId: sidecar.localId,
    taskid: sidecar.taskid,
    transno: sidecar.transno,
    modelId: sidecar.modelId,
    modelName: sidecar.modelName,
    llmid: sidecar.llmid,
    catalog: sidecar.catalog,
    prompt: sidecar.prompt,
    params: sidecar.params,
    quotedPrice: sidecar.quotedPrice,
    amount: sidecar.amount,
    createdAt: epoch(sidecar.createdAt) ?? 0,
    finishedAt: epoch(sidecar.finishedAt),
    downloadedAt: epoch(sidecar.downloadedAt) ?? 0,
    bytes: sidecar.bytes,
    missing,
  };
  return {
    item,
    videoPath,
    sidecarPath,
    inputPaths,
    inputsDir: inputsDirFor(videoPath),
    haystack: foldForSearch(`${sidecar.prompt}\n${sidecar.modelName}`),
  };
}

/** The same entry with the video found or missing. */
export function withMissing(entry: LibraryEntry, missing: boolean): LibraryEntry {
  return entry.item.missing === missing ? entry : { ...entry, item: { ...entry.item, missing } };
}
