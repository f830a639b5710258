/**
 * `video.pickImages`: the files the user chose, each checked like the platform will (§10.4:
 * JPG/PNG/WebP by its bytes, ≥ 128 px short side, ratio 1:4–4:1, ≤ 7 MiB) and copied into
 * `<dataDir>/inputs/<sha256>.<ext>`. The copy is what the task sends and keeps (platform uploads
 * expire after an hour) and the only kind of path the submit schema accepts. Same bytes, same
 * copy. The preview is the image itself as a data: URL when it is at most 256 KiB; a larger
 * image gets no preview ('') — main has no image decoder to shrink it.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PickedImage, RefusedImage } from '../../../preload/contract/models/tasks';
import type { FilePicker, Logger } from '../../core/ports';
import { imageInfo, MAX_ASPECT, MAX_IMAGE_BYTES, MIN_SHORT_SIDE, type ImageType } from '../../platform/image-check';

export const PREVIEW_MAX_BYTES = 256 * 1024;
export const IMAGE_FILTERS = [{ name: 'Images (JPG, PNG, WebP)', extensions: ['jpg', 'jpeg', 'png', 'webp'] }];
const EXTENSION: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export const CONTENT_TYPE_OF_EXTENSION: Readonly<Record<string, ImageType>> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export interface PickResult {
  picked: PickedImage[];
  refused: RefusedImage[];
}

/** One file: checked, copied (once per content), described. */
export async function importImage(path: string, inputsDir: string): Promise<PickedImage | RefusedImage> {
  const name = basename(path);
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { name, problem: 'unreadable' };
    // By its size on disk, before reading it: a file that grows afterwards is refused by the submission's own check.
    if (info.size > MAX_IMAGE_BYTES) return { name, problem: 'too_large', bytes: info.size };
    bytes = await readFile(path);
  } catch {
    return { name, problem: 'unreadable' };
  }
  const info = imageInfo(bytes);
  if (!info) return { name, problem: 'type', bytes: bytes.byteLength };
  const { width, height } = info;
  const short = Math.min(width, height);
  if (short < MIN_SHORT_SIDE) return { name, problem: 'too_small', width, height, bytes: bytes.byteLength };
  if (Math.max(width, height) > short * MAX_ASPECT) return { name, problem: 'aspect', width, height, bytes: bytes.byteLength };

  const copy = join(inputsDir, `${createHash('sha256').update(bytes).digest('hex')}.${EXTENSION[info.type]}`);
  if (!existsSync(copy)) {
    await mkdir(inputsDir, { recursive: true, mode: 0o700 });
    // Written aside and renamed: a crash never leaves a half image under the final name.
    const partial = `${copy}.${process.pid}.part`;
    await writeFile(partial, bytes, { mode: 0o600 });
    await rename(partial, copy);
  }
  const previewUrl = bytes.byteLength <= PREVIEW_MAX_BYTES ? `data:${info.type};base64,${bytes.toString('base64')}` : '';
  return { path: copy, name, type: info.type, bytes: bytes.byteLength, width, height, previewUrl };
}

export async function pickImages(deps: { picker: FilePicker | null; inputsDir: string; logger: Logger }, multiple: boolean): Promise<PickResult> {
  const result: PickResult = { picked: [], refused: [] };
  if (!deps.picker) return result;
  const paths = await deps.picker.pickFiles({ title: '选择图片 / Choose images', filters: IMAGE_FILTERS, multiple });
  for (const path of multiple ? paths : paths.slice(0, 1)) {
    const outcome = await importImage(path, deps.inputsDir);
    if ('problem' in outcome) result.refused.push(outcome);
    else result.picked.push(outcome);
  }
  if (result.refused.length > 0) deps.logger.info('picked images refused', { problems: result.refused.map((r) => r.problem) });
  return result;
}
