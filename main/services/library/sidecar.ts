/**
 * The JSON sidecar written beside every downloaded video (issue 8): everything needed to find
 * the video again after a reinstall and to make it again. The downloads side writes it (after
 * the video's rename), the library side reads it; this file is the one definition of its shape.
 *
 *   <folder>/2026-12-02_viduq1_a-cat-on-a-roof_803110.mp4
 *   <folder>/2026-12-02_viduq1_a-cat-on-a-roof_803110.mp4.yj.json      ← the sidecar
 *   <folder>/2026-12-02_viduq1_a-cat-on-a-roof_803110.inputs/1.png     ← copies of the input images
 *
 * Paths inside the sidecar are relative to its folder, so moving the whole folder keeps it valid.
 * Times are ISO 8601 strings (readable by people who open the file); amounts are CNY.
 */
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';

export const SIDECAR_SUFFIX = '.yj.json';
export const SIDECAR_KIND = 'yuanjing.video';
export const SIDECAR_VERSION = 1;

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 time');
const relativeName = z
  .string()
  .min(1)
  .refine((s) => !s.startsWith('/') && !s.startsWith('\\') && !/^[a-zA-Z]:/.test(s) && !s.split(/[\\/]/).includes('..'), 'a path inside the folder');

export const sidecarSchema = z.object({
  kind: z.literal(SIDECAR_KIND),
  version: z.literal(SIDECAR_VERSION),
  /** The video's file name, in the sidecar's folder. */
  video: relativeName,
  localId: z.string(),
  taskid: z.string().nullable(),
  transno: z.string(),
  modelId: z.string(),
  modelName: z.string(),
  llmid: z.string(),
  catalog: z.enum(['t2v', 'i2v', 'r2v']),
  prompt: z.string(),
  /** Every form value that was submitted (hidden fields included). */
  params: z.record(z.string(), z.unknown()),
  /** Copies of the input images, relative to the folder (`<stem>.inputs/1.png`). */
  inputImages: z.array(relativeName),
  quotedPrice: z.number().nullable(),
  amount: z.number().nullable(),
  billing: z.enum(['created', 'accounted', 'failed']).nullable(),
  createdAt: isoTime,
  submittedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
  downloadedAt: isoTime,
  sourceUrl: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
});

export type Sidecar = z.infer<typeof sidecarSchema>;

export function sidecarPathFor(videoPath: string): string {
  return videoPath + SIDECAR_SUFFIX;
}

export function isSidecarName(name: string): boolean {
  return name.endsWith(SIDECAR_SUFFIX);
}

/** The folder beside a video that holds the copies of its input images. */
export function inputsDirFor(videoPath: string): string {
  const name = basename(videoPath);
  const dot = name.lastIndexOf('.');
  return join(dirname(videoPath), (dot > 0 ? name.slice(0, dot) : name) + '.inputs');
}

/** Parses a sidecar's text; null when it is not one of ours or is malformed (never throws). */
export function parseSidecar(text: string): Sidecar | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = sidecarSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
