/**
 * Library fixtures on real disk: a video file, its sidecar (the one schema of
 * services/library/sidecar.ts) and optional input copies, written the way the downloads side
 * writes them. Used by the library tests and `npm run bench:library`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { inputsDirFor, SIDECAR_KIND, SIDECAR_VERSION, sidecarPathFor, type Sidecar } from '../services/library/sidecar';

export function sidecarFor(videoName: string, overrides: Partial<Sidecar> = {}): Sidecar {
  return {
    kind: SIDECAR_KIND,
    version: SIDECAR_VERSION,
    video: videoName,
    localId: `local-${videoName}`,
    taskid: '803110',
    transno: 'tn-1',
    modelId: 'm-viduq1',
    modelName: 'Vidu Q1',
    llmid: 'viduq1',
    catalog: 't2v',
    prompt: '屋顶上的猫 a cat on a roof',
    params: { duration: 4, resolution: '720p' },
    inputImages: [],
    quotedPrice: 1.2,
    amount: 1.2,
    billing: 'accounted',
    createdAt: '2026-12-02T10:00:00.000Z',
    submittedAt: '2026-12-02T10:00:01.000Z',
    finishedAt: '2026-12-02T10:02:00.000Z',
    downloadedAt: '2026-12-02T10:02:10.000Z',
    sourceUrl: 'https://vendor.example/v.mp4',
    bytes: 0,
    sha256: null,
    ...overrides,
  };
}

export interface WrittenVideo {
  video: string;
  sidecar: string;
  inputs: string[];
}

/**
 * Writes `<folder>/<name>` (the bytes given, or a small fake MP4 header), its sidecar, and each
 * input image as `<stem>.inputs/<n>.<ext>`. `video: null` writes only the sidecar (a video gone).
 */
export function writeLibraryVideo(
  folder: string,
  name: string,
  options: { bytes?: Buffer | null; sidecar?: Partial<Sidecar>; inputs?: { ext: string; bytes: Buffer }[] } = {},
): WrittenVideo {
  mkdirSync(folder, { recursive: true });
  const video = join(folder, name);
  const bytes = options.bytes === undefined ? Buffer.from('\0\0\0\x18ftypmp42fake-video') : options.bytes;
  if (bytes) writeFileSync(video, bytes);
  const inputs = (options.inputs ?? []).map((input, i) => {
    const path = join(inputsDirFor(video), `${i + 1}.${input.ext}`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, input.bytes);
    return path;
  });
  const sidecar = sidecarFor(basename(video), {
    bytes: bytes?.length ?? 0,
    inputImages: inputs.map((path) => relative(folder, path).split('\\').join('/')),
    ...options.sidecar,
  });
  writeFileSync(sidecarPathFor(video), JSON.stringify(sidecar, null, 2));
  return { video, sidecar: sidecarPathFor(video), inputs };
}

/** A minimal PNG header with the given size (enough for the studio's image check). */
export function pngOf(width: number, height: number): Buffer {
  const buffer = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(buffer, 0);
  buffer.writeUInt32BE(13, 8);
  buffer.write('IHDR', 12, 'ascii');
  buffer.writeUInt32BE(width, 16);
  buffer.writeUInt32BE(height, 20);
  return buffer;
}
