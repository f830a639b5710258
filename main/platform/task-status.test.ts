/** The pure task rules: terminal words, failure kinds, billing, not-exist answers, URL expiry. */
import { describe, expect, it } from 'vitest';
import {
  ASSUMED_URL_LIFETIME_MS, billingState, failureKind, isNotExist, isTerminalStatus, looksLikeLostTrack, resultUrlExpiresAt, statusOf, urlExpiresParam,
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
    expect(statusOf(null)).toBeNull();
    expect(statusOf({ status: '' })).toBeNull();
    expect(statusOf({ status: 'success', error: 'x' })).toBe('success');
    expect(statusOf({ status: 'failed', video: 'v' })).toBe('failed');
    expect(statusOf({ status: 'processing', video: 'v', error: 'x' })).toBe('processing');
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
    expect(looksLikeLostTrack(null)).toBe(false);
  });
  it('a vendor reason that merely mentions "None," later is a generation failure, not a lost track', () => {
    expect(failureKind({ status: 'FAILED', error: '审核: None, of the frames passed', hadTaskid: true })).toBe('generation_failed');
  });
  it('a submission with neither taskid nor error nor a failed word is not a failure yet', () => {
    expect(failureKind({ status: null, hadTaskid: false })).toBeNull();
    expect(failureKind({ status: 'processing', error: '', hadTaskid: false })).toBeNull();
    expect(failureKind({ status: 'processing', error: 'ERROR:bad prompt', hadTaskid: false })).toBe('refused');
    expect(failureKind({ status: 'processing', error: 'ERROR:later', hadTaskid: true })).toBeNull();
    expect(failureKind({ status: 'FAILED', hadTaskid: true })).toBe('generation_failed');
    expect(failureKind({ status: 'SUCCEEDED', hadTaskid: true })).toBeNull();
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
    expect(isNotExist({ status: 'FAILED', error: 'Task Not Exist' })).toBe(true);
    expect(isNotExist({ status: 'UNKNOWN', error: 'taskid=1 not exist' })).toBe(false);
    expect(isNotExist({ status: 'FAILED' })).toBe(false);
    expect(isNotExist(null)).toBe(false);
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
  it('reads Expires among other parameters, trimmed; only 9 to 11 digits count as epoch seconds', () => {
    expect(urlExpiresParam('https://cdn.example/v.mp4?a=1&X-Expires=2&Expires=%201767225600%20&b=2')).toBe(1767225600_000);
    expect(urlExpiresParam('https://cdn.example/v.mp4?Expires=123456789')).toBe(123456789_000);
    expect(urlExpiresParam('https://cdn.example/v.mp4?Expires=12345678901')).toBe(12345678901_000);
    expect(urlExpiresParam('https://cdn.example/v.mp4?Expires=12345678')).toBeNull();
    expect(urlExpiresParam('https://cdn.example/v.mp4?Expires=123456789012')).toBeNull();
    expect(urlExpiresParam('https://cdn.example/v.mp4?Expires=1767225600s')).toBeNull();
    expect(urlExpiresParam('https://cdn.example/v.mp4?Expires=x1767225600')).toBeNull();
    expect(urlExpiresParam('https://cdn.example/v.mp4?Expiresat=1767225600')).toBeNull();
    expect(ASSUMED_URL_LIFETIME_MS).toBe(3_600_000);
  });
});
