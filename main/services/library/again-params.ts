/**
 * "再来一次" after a reinstall: a sidecar's params name the input images by the absolute paths
 * they had when the task was sent — inside the OLD data folder, usually gone. `library.again`
 * copies the library's own copies (`<stem>.inputs/1.png` …) into the new data folder; this puts
 * those fresh paths into the params, so every consumer of the params (the studio's refill, a
 * submission) sees files that exist.
 *
 * The params hold the image fields first, in field order, and the task's input list is those
 * paths in the same order (services/video/fields.ts); the downloads side names copy n `<n>.<ext>`
 * (downloads/finish.ts). So the k-th image path in the params is copy k+1.
 */
import { basename, extname, posix, win32 } from 'node:path';

const IMAGE_EXTENSION = /\.(png|jpe?g|webp|gif|bmp)$/i;

/** An absolute path (POSIX, drive letter or UNC: the sidecar may come from another OS) to an image file. */
function isImagePath(value: unknown): value is string {
  return typeof value === 'string' && IMAGE_EXTENSION.test(value) && (posix.isAbsolute(value) || win32.isAbsolute(value));
}

/** The position in the task's image list of a library copy named `<n>.<ext>`; `fallback` when the name is not a number. */
export function copyPosition(copyPath: string, fallback: number): number {
  const stem = basename(copyPath, extname(copyPath));
  return /^[1-9]\d*$/.test(stem) ? Number(stem) - 1 : fallback;
}

/**
 * The params with each image path replaced by the fresh copy at its position; an image whose
 * copy is gone is dropped (an empty field asks the user to pick again; a dead path would fail
 * on sending). Other values, the prompt included, are kept as they are.
 */
export function withFreshImagePaths(params: Record<string, unknown>, fresh: ReadonlyMap<number, string>): Record<string, unknown> {
  const next: Record<string, unknown> = {};
  let position = 0;
  const swap = (): string | null => fresh.get(position++) ?? null;
  for (const [key, value] of Object.entries(params)) {
    if (key === 'prompt') next[key] = value;
    else if (isImagePath(value)) {
      const copy = swap();
      if (copy !== null) next[key] = copy;
    } else if (Array.isArray(value) && value.length > 0 && value.every(isImagePath)) {
      const copies = value.map(() => swap()).filter((copy): copy is string => copy !== null);
      if (copies.length > 0) next[key] = copies;
    } else next[key] = value;
  }
  return next;
}
