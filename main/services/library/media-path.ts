/**
 * Which file a media URL may name: the one check shared by the desktop's `yj-media://library/…`
 * protocol and the browser host's `/__yj/media/…` route. A media URL names a file by its path
 * relative to the library folder, each segment percent-encoded once (mediaRelPathOf below).
 *
 * Two steps, both must pass:
 * 1. `parseMediaRelPath` (pure, no disk): the encoded text is refused unless it is plainly a
 *    relative path of ordinary names — no `..`/`.`, no encoded dots or slashes that decode into
 *    them, no second layer of encoding (`%252e`), no backslashes, NUL or control characters, no
 *    absolute or UNC-like start (`/`, `//server/share`, `\\server`), no drive letters or colons
 *    (`C:`, NTFS streams), no names Windows silently rewrites (trailing dot or space, CON, NUL…).
 *    The rules are the same on every OS: a URL that would be dangerous on Windows is refused on
 *    Linux too, so tests here prove what ships there.
 * 2. `resolveMediaFile` (disk): the path is resolved under the library folder, symlinks are
 *    followed with realpath, and the real file must still be inside the real folder and be a
 *    regular file with an extension we serve. The file is opened here, and the handle is what
 *    gets streamed, so a swap after the check cannot redirect the read.
 *
 * A name with a literal `%xx` in it is refused (it looks like double encoding); the app's own
 * file names never contain one.
 */
import { constants } from 'node:fs';
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

const MAX_ENCODED_LENGTH = 4096;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;
const CONTROL = /[\u0000-\u001f\u007f]/;

export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

/** The URL path for a relative path (forward slashes): each segment encoded once. */
export function encodeMediaRelPath(relPath: string): string {
  return relPath.split('/').map(encodeURIComponent).join('/');
}

function acceptableSegment(name: string): boolean {
  if (name === '' || name === '.' || name === '..') return false;
  if (name.includes('/') || name.includes('\\') || name.includes(':') || CONTROL.test(name)) return false;
  // A decoded name that still holds an escape was encoded twice (`%252e%252e` → `%2e%2e`).
  if (/%[0-9a-f]{2}/i.test(name)) return false;
  // Windows drops trailing dots and spaces (`.. ` opens `..`) and maps device names anywhere.
  if (/[. ]$/.test(name) || WINDOWS_DEVICE.test(name)) return false;
  return true;
}

/** The relative path (forward slashes, decoded) an encoded media path names, or null when refused. */
export function parseMediaRelPath(encoded: string): string | null {
  if (encoded === '' || encoded.length > MAX_ENCODED_LENGTH) return null;
  // Raw backslashes, NUL and absolute / UNC-like starts are refused before any decoding.
  if (encoded.includes('\\') || encoded.includes('\0') || encoded.startsWith('/')) return null;
  if (/^[a-zA-Z]:/.test(encoded)) return null;
  const names: string[] = [];
  for (const segment of encoded.split('/')) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (!acceptableSegment(name)) return null;
    names.push(name);
  }
  return names.join('/');
}

export interface MediaFile {
  /** The real path (symlinks resolved), inside the real library folder. */
  path: string;
  handle: FileHandle;
  size: number;
  mtimeMs: number;
  contentType: string;
}

/** True when `child` is `root` itself or below it (both absolute, already resolved). */
function inside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * Opens the regular file `relPath` (from parseMediaRelPath) names under `root`; null when it is
 * missing, outside the folder after symlinks, not a regular file or not a media type. The caller
 * owns the handle (stream it, or close it).
 */
export async function resolveMediaFile(root: string, relPath: string): Promise<MediaFile | null> {
  const contentType = MEDIA_TYPES[extname(relPath).toLowerCase()];
  if (!contentType || !root) return null;
  const base = resolve(root);
  const target = resolve(base, ...relPath.split('/'));
  if (!inside(base, target)) return null;
  let realBase: string;
  let realTarget: string;
  try {
    realBase = await realpath(base);
    realTarget = await realpath(target);
  } catch {
    return null;
  }
  if (!inside(realBase, realTarget)) return null;
  let handle: FileHandle;
  try {
    // A FIFO or device would block or misbehave on open: only regular files get that far, and
    // O_NONBLOCK (where the OS has it) keeps a file swapped for a FIFO meanwhile from hanging us.
    if (!(await stat(realTarget)).isFile()) return null;
    handle = await open(realTarget, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      return null;
    }
    return { path: realTarget, handle, size: info.size, mtimeMs: info.mtimeMs, contentType };
  } catch {
    await handle.close().catch(() => undefined);
    return null;
  }
}
