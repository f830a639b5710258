/**
 * Checks a local image before it is sent (platform-api.md §10.4), so that the user hears about
 * a refused image at once instead of after a submit, and a video vendor never silently drops it.
 */
import { problem, type Problem } from './problems';

export const IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];
/** What the picker offers (main's file dialog filter and the `accept` of file fields). */
export const IMAGE_ACCEPT = IMAGE_TYPES.join(',');
export const MIN_IMAGE_SIDE = 128;
/** Longest side over shortest side, both ways: 1:4 up to 4:1. */
export const MAX_ASPECT = 4;
/** The raw file, kept well below the 10 MiB request limit once sent as multipart. */
export const MAX_IMAGE_BYTES = 7 * 1024 * 1024;

export interface ImageMeta {
  type: string;
  bytes: number;
  width: number;
  height: number;
}

/**
 * `7.4 MiB`, `830 KiB`: the size the way the limit is written. Rounded up, so that a file one
 * byte over 7 MiB reads `7.1 MiB` next to the `7.0 MiB` limit, never as equal to it.
 */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(Math.ceil((bytes / 1024 / 1024) * 10) / 10).toFixed(1)} MiB`;
  return `${Math.max(1, Math.ceil(bytes / 1024))} KiB`;
}

/** The first rule the image breaks, or null when it may be sent. */
export function checkImage(meta: ImageMeta): Problem | null {
  const type = meta.type.toLowerCase() === 'image/jpg' ? 'image/jpeg' : meta.type.toLowerCase();
  if (!IMAGE_TYPES.includes(type)) return problem('imageType', { type: meta.type || '?' });
  if (meta.bytes > MAX_IMAGE_BYTES) return problem('imageTooLarge', { size: formatBytes(meta.bytes), max: formatBytes(MAX_IMAGE_BYTES) });
  const { width, height } = meta;
  if (!(width > 0 && height > 0)) return problem('imageUnreadable');
  if (Math.min(width, height) < MIN_IMAGE_SIDE) return problem('imageTooSmall', { width, height, min: MIN_IMAGE_SIDE });
  // Integer comparison: 128×512 is exactly 1:4 and allowed, 128×513 is not.
  if (width > MAX_ASPECT * height || height > MAX_ASPECT * width) return problem('imageAspect', { width, height });
  return null;
}

/**
 * Whether a picked file must pass checkImage: every file of an `image` field, and any image
 * chosen through a generic `file` field (a GIF picked there is refused like anywhere else).
 */
export function needsImageCheck(uitype: string, type: string): boolean {
  return uitype === 'image' || (uitype === 'file' && type.toLowerCase().startsWith('image/'));
}
