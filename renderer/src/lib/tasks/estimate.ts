/**
 * An honest estimate of a running task's time left (platform-api.md §10.3: there is no progress
 * percentage): learned from how long this user's own succeeded tasks with the same model,
 * duration, resolution and off-peak setting took, from submission to the end. Without such
 * history there is no estimate, rather than a made-up one.
 */
import type { TaskView } from '@contract';

export interface TaskShape {
  modelId: string;
  params: Record<string, unknown>;
}

/** Samples needed before a range is shown; one earlier run is already better than a guess. */
export const MIN_SAMPLES = 1;

/** What makes two tasks comparable: the same model and the settings that change the work. */
export function estimateKey(task: TaskShape): string {
  const { duration, resolution, off_peak: offPeak } = task.params;
  return [task.modelId, String(duration ?? ''), String(resolution ?? ''), offPeak === true || offPeak === 'true' ? 'off-peak' : 'now'].join('|');
}

/** How long a finished task ran (ms), when it succeeded and both ends are known. */
export function runDuration(task: Pick<TaskView, 'status' | 'submittedAt' | 'createdAt' | 'finishedAt'>): number | null {
  if (task.status !== 'SUCCEEDED' || task.finishedAt === undefined) return null;
  const start = task.submittedAt ?? task.createdAt;
  const ms = task.finishedAt - start;
  return ms > 0 ? ms : null;
}

export type Estimate =
  | { kind: 'none' }
  /** Milliseconds left, at least and at most. */
  | { kind: 'range'; minMs: number; maxMs: number }
  /** It has already run longer than any comparable task did. */
  | { kind: 'overdue' };

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/**
 * The time left, given the durations of comparable finished runs and how long this one has run.
 * The range spans the middle of the history (10th to 90th percentile) so one freak run does not
 * stretch it; with few runs it spans them all.
 */
export function estimateRemaining(samples: readonly number[] | undefined, elapsedMs: number): Estimate {
  if (!samples || samples.length < MIN_SAMPLES) return { kind: 'none' };
  const sorted = [...samples].sort((a, b) => a - b);
  const low = sorted.length >= 5 ? quantile(sorted, 0.1) : sorted[0];
  const high = sorted.length >= 5 ? quantile(sorted, 0.9) : sorted[sorted.length - 1];
  if (elapsedMs >= high) return { kind: 'overdue' };
  return { kind: 'range', minMs: Math.max(0, low - elapsedMs), maxMs: high - elapsedMs };
}

/** A range put into words: which message (under tasks.estimate*) and its figures. */
export type EstimateWords =
  | { key: 'estimateUnderMinute' }
  | { key: 'estimateSeconds'; min: number; max: number }
  | { key: 'estimateUnder'; max: number }
  | { key: 'estimateAbout'; max: number }
  | { key: 'estimate'; min: number; max: number };

const SECOND_STEP = 10_000;
const MINUTE = 60_000;

/**
 * How a range reads: "0–1 分钟" looks broken, so a lower end that rounds to nothing becomes
 * "under …"; a range within the first minute is told in 10-second steps; otherwise whole
 * minutes, the lower end rounded and the upper end rounded up.
 */
export function estimateWords(estimate: { minMs: number; maxMs: number }): EstimateWords {
  if (estimate.maxMs <= MINUTE) {
    const min = Math.round(estimate.minMs / SECOND_STEP) * 10;
    const max = Math.max(10, Math.ceil(estimate.maxMs / SECOND_STEP) * 10);
    return min === 0 ? { key: 'estimateUnderMinute' } : { key: 'estimateSeconds', min: Math.min(min, max), max };
  }
  const min = Math.round(estimate.minMs / MINUTE);
  const max = Math.ceil(estimate.maxMs / MINUTE);
  if (min === 0) return { key: 'estimateUnder', max };
  if (min >= max) return { key: 'estimateAbout', max };
  return { key: 'estimate', min, max };
}
