/**
 * Pure rules about a task's state (platform-api.md §4.3, §10.2, §10.3, §10.8): which words end
 * a task, which kind of failure it was, what billing says, and when a result URL expires. The
 * task ledger (services/tasks/status.ts) builds its merge on these.
 */
import type { BillingState, FailureKind, TaskState, TerminalStatus } from '../../preload/contract/models/video';

/** Typed loosely so that any value may be asked about (null and non-strings are simply absent). */
const TERMINAL: ReadonlySet<unknown> = new Set<TerminalStatus>(['SUCCEEDED', 'FAILED', 'UNKNOWN']);

/** Exactly the three words, compared exactly (§10.3). */
export function isTerminalStatus(status: string | null | undefined): status is TerminalStatus {
  return TERMINAL.has(status);
}

/**
 * The status word of a state object. The vendor's lower-case `success`/`failed` count as
 * terminal only together with a video URL / an error (§4.3, a defensive reading).
 */
export function statusOf(state: TaskState | null | undefined): string | null {
  if (!state || typeof state.status !== 'string' || state.status === '') return null;
  const { status } = state;
  if (status === 'success' && typeof state.video === 'string') return 'SUCCEEDED';
  if (status === 'failed' && typeof state.error === 'string') return 'FAILED';
  return status;
}

/** "The platform lost track" texts: its own poller or template failed, not the vendor (§10.3). */
const LOST_TRACK = /^None,|Timeout|ClientConnector|JSONDecodeError|Traceback/;

export function looksLikeLostTrack(error: string | null | undefined): boolean {
  // null and undefined read as "null"/"undefined", which the pattern never matches.
  return LOST_TRACK.test(String(error));
}

export function billingState(value: unknown): BillingState | null {
  return value === 'created' || value === 'accounted' || value === 'failed' ? value : null;
}

export interface FailureFacts {
  status: string | null;
  error?: string | null;
  /** False when the failure came before any taskid (an ERROR: line / FAILED object at submission). */
  hadTaskid: boolean;
  billing?: BillingState | null;
}

/** Which of the four failures this is, or null when it is not a failure (§10.3). */
export function failureKind(facts: FailureFacts): FailureKind | null {
  if (facts.status === 'SUCCEEDED') return facts.billing === 'failed' ? 'billing_failed' : null;
  const failed = facts.status === 'FAILED' || facts.status === 'UNKNOWN' || (!facts.hadTaskid && Boolean(facts.error));
  if (!failed) return null;
  if (!facts.hadTaskid) return 'refused';
  // UNKNOWN: the server stopped tracking; the outcome is undetermined, like a lost track.
  if (facts.status === 'UNKNOWN' || looksLikeLostTrack(facts.error)) return 'lost_track';
  return 'generation_failed';
}

/** §3.14's answer for a task it does not have (unknown, not recorded yet, archived, another account's). */
export function isNotExist(state: TaskState | null | undefined): boolean {
  return state?.status === 'FAILED' && /not exist/i.test(String(state.error));
}

export const ASSUMED_URL_LIFETIME_MS = 3600_000;

/** The `Expires=<epoch seconds>` of a signed URL (any case), in epoch ms; null when it has none. */
export function urlExpiresParam(url: string): number | null {
  let query: URLSearchParams;
  try {
    query = new URL(url).searchParams;
  } catch {
    return null;
  }
  for (const [key, value] of query) {
    const text = value.trim();
    if (key.toLowerCase() === 'expires' && /^\d{9,11}$/.test(text)) return Number(text) * 1000;
  }
  return null;
}

/**
 * When a result URL stops working (epoch ms): its `Expires=<epoch seconds>` when present,
 * else one hour after it was first seen (§10.8).
 */
export function resultUrlExpiresAt(url: string, seenAt: number): number {
  return urlExpiresParam(url) ?? seenAt + ASSUMED_URL_LIFETIME_MS;
}
