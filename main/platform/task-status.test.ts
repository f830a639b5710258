/** The pure task rules: terminal words, failure kinds, billing, not-exist answers, URL expiry. */
import { describe, expect, it } from 'vitest';
import {
  ASSUMED_URL_LIFETIME_MS, billingState, failureKind, isNotExist, isTerminalStatus, looksLikeLostTrack, resultUrlExpiresAt, statusOf,
} from './task-status';

describe('terminal words (§10.3)', () => {
  it('exactly SUCCEEDED, FAILED, UNKNOWN; anything else is progress', () => {
    for (const w of ['SUCCEEDED', 'FAILED', 'UNKNOWN']) expect(isTerminalStatus(w)).toBe(true);
    for (const w of ['created', 'processing', 'PENDING', 'succeeded', 'success', '', null, undefined]) expect(isTerminalStatus(w)).toBe(false);
  });
  it('vendor lower-case words count only with a video / an error (§4.3)', () => {
    expect(statusOf({ status: 'success', video: 'v' })).toBe('SUCCEEDED');
    expect(statusOf({ status: 'success' })).toBe('success');
    expect(isTerminalStatus(statusOf({ status: 'failed', error: 'x' }))).toBe(true);
    expect(isTerminalStatus(statusOf({ status: 'failed' }))).toBe(false);
    expect(statusOf({})).toBeNull();
  });
});

describe('failure kinds and billing (§10.3)', () => {
  it('refused before a taskid; generation failed with a vendor reason; lost track for platform texts and UNKNOWN', () => {
    expect(failureKind({ status: null, error: 'ERROR:vendor refused', hadTaskid: false })).toBe('refused');
    expect(failureKind({ status: 'FAILED', error: 'llmid:X没找到模型', hadTaskid: false })).toBe('refused');
    expect(failureKind({ status: 'FAILED', error: 'ERROR:vendor task failed: 内容审核未通过', hadTaskid: true })).toBe('generation_failed');
    for (const error of ['None, something', 'read Timeout', 'ClientConnectorError', 'JSONDecodeError: x', 'Traceback (most recent call last)']) {
      expect(failureKind({ status: 'FAILED', error, hadTaskid: true })).toBe('lost_track');
    }
    expect(failureKind({ status: 'UNKNOWN', hadTaskid: true })).toBe('lost_track');
    expect(looksLikeLostTrack('Nonesuch')).toBe(false);
  });
  it('billing failed only on a succeeded task; success and progress are not failures', () => {
    expect(failureKind({ status: 'SUCCEEDED', hadTaskid: true, billing: 'failed' })).toBe('billing_failed');
    expect(failureKind({ status: 'SUCCEEDED', hadTaskid: true, billing: 'accounted' })).toBeNull();
    expect(failureKind({ status: 'processing', hadTaskid: true })).toBeNull();
    expect([billingState('created'), billingState('accounted'), billingState('failed'), billingState('paid'), billingState(null)]).toEqual(['created', 'accounted', 'failed', null, null]);
  });
});

describe('"not exist" (§3.14, §10.2)', () => {
  it('recognised by its FAILED word and text, not by any failure', () => {
    expect(isNotExist({ status: 'FAILED', error: 'taskid=1 not exist' })).toBe(true);
    expect(isNotExist({ status: 'FAILED', error: '内容审核未通过' })).toBe(false);
  });
});

describe('result URL expiry (§10.8)', () => {
  it('Expires= epoch seconds when present (any case), else one hour after it was seen', () => {
    expect(resultUrlExpiresAt('https://cdn.example/v.mp4?Expires=1767225600&Signature=x', 5)).toBe(1767225600_000);
    expect(resultUrlExpiresAt('https://cdn.example/v.mp4?expires=1767225600', 5)).toBe(1767225600_000);
    expect(resultUrlExpiresAt('https://cdn.example/v.mp4?Expires=soon', 5)).toBe(5 + ASSUMED_URL_LIFETIME_MS);
    expect(resultUrlExpiresAt('https://cdn.example/v.mp4', 7)).toBe(7 + 3600_000);
    expect(resultUrlExpiresAt('not a url', 7)).toBe(7 + 3600_000);
  });
});
