/**
 * Status words and their merge. The platform's word set is open (§4.3): only SUCCEEDED, FAILED
 * and UNKNOWN are terminal and everything else is progress. A terminal task is never downgraded
 * (§10.2: archived successes answer "FAILED … not exist").
 */
import { billingState, isNotExist as isNotExistState, isTerminalStatus, looksLikeLostTrack } from '../../platform/task-status';
import type { FailureKind } from './types';

/** SUCCEEDED, FAILED, UNKNOWN (the platform client's rule, for plain status words). */
export function isTerminal(status: string): boolean {
  return isTerminalStatus(status);
}

/**
 * The platform word for a state object. The vendor's own lower-case `success`/`failed` are
 * treated as terminal only with the evidence that makes them so (a video, an error), §4.3.
 */
export function normalizeStatus(word: string, evidence: { hasVideo?: boolean; hasError?: boolean } = {}): string {
  const lower = word.toLowerCase();
  if (lower === 'success' && evidence.hasVideo) return 'SUCCEEDED';
  if (lower === 'failed' && evidence.hasError) return 'FAILED';
  return word;
}

/**
 * Rank of terminal words: a terminal state may only move up. UNKNOWN (outcome undetermined) may
 * become FAILED or SUCCEEDED, and FAILED may become SUCCEEDED (the platform lost track while
 * the vendor made the video, §10.3 kind 3); SUCCEEDED is final.
 */
const TERMINAL_RANK: Record<string, number> = { UNKNOWN: 1, FAILED: 2, SUCCEEDED: 3 };

/** The status to keep when `incoming` is reported for a task that is `current` locally. */
export function mergeStatus(current: string, incoming: string): string {
  if (!isTerminal(current)) return incoming;
  if (!isTerminal(incoming)) return current;
  return TERMINAL_RANK[incoming] > TERMINAL_RANK[current] ? incoming : current;
}

/** §3.14's answer for an id it does not know (never recorded yet, archived, or another account's). */
export function isNotExist(status: string, error: string | undefined): boolean {
  return isNotExistState({ status, error });
}

/** Which kind a FAILED task is: the platform's own poller breaking (the video may exist) or the vendor refusing/failing (§10.3). */
export function failureKindOf(error: string | undefined): Extract<FailureKind, 'generation_failed' | 'lost_track'> {
  return looksLikeLostTrack(error) ? 'lost_track' : 'generation_failed';
}

/** Billing state from an `accounting_status`; unknown words are ignored. */
export function billingStateOf(word: string | undefined): 'created' | 'accounted' | 'failed' | undefined {
  return billingState(word) ?? undefined;
}
