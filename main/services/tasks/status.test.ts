/** Status words: terminal set, never downgrade, failure kinds. */
import { describe, expect, it } from 'vitest';
import { billingStateOf, failureKindOf, isNotExist, isTerminal, mergeStatus, normalizeStatus } from './status';

describe('task status', () => {
  it('knows exactly three terminal words, case-sensitive', () => {
    expect(['SUCCEEDED', 'FAILED', 'UNKNOWN'].every(isTerminal)).toBe(true);
    expect(['processing', 'queueing', 'RUNNING', 'succeeded', 'pending'].some(isTerminal)).toBe(false);
  });

  it('never downgrades a terminal status to progress or to a lower terminal', () => {
    expect(mergeStatus('SUCCEEDED', 'FAILED')).toBe('SUCCEEDED');
    expect(mergeStatus('SUCCEEDED', 'processing')).toBe('SUCCEEDED');
    expect(mergeStatus('FAILED', 'UNKNOWN')).toBe('FAILED');
    expect(mergeStatus('FAILED', 'created')).toBe('FAILED');
  });

  it('takes progress words as they come and lets an undetermined outcome resolve', () => {
    expect(mergeStatus('processing', 'queueing')).toBe('queueing');
    expect(mergeStatus('pending', 'FAILED')).toBe('FAILED');
    expect(mergeStatus('UNKNOWN', 'SUCCEEDED')).toBe('SUCCEEDED');
    expect(mergeStatus('FAILED', 'SUCCEEDED')).toBe('SUCCEEDED');
    expect(mergeStatus('UNKNOWN', 'FAILED')).toBe('FAILED');
    expect(mergeStatus('SUCCEEDED', 'UNKNOWN')).toBe('SUCCEEDED');
    expect(mergeStatus('UNKNOWN', 'processing')).toBe('UNKNOWN');
  });

  it('reads vendor lower-case words as terminal only with evidence', () => {
    expect(normalizeStatus('success', { hasVideo: true })).toBe('SUCCEEDED');
    expect(normalizeStatus('success')).toBe('success');
    expect(normalizeStatus('failed', { hasError: true })).toBe('FAILED');
    expect(normalizeStatus('Success', { hasVideo: true })).toBe('SUCCEEDED');
    expect(normalizeStatus('FAILED', { hasError: true })).toBe('FAILED');
    expect(normalizeStatus('failed')).toBe('failed');
    expect(normalizeStatus('failed', { hasVideo: true })).toBe('failed');
    expect(normalizeStatus('success', { hasError: true })).toBe('success');
    expect(normalizeStatus('processing', { hasVideo: true, hasError: true })).toBe('processing');
  });

  it('tells "not exist", a lost track and a vendor failure apart', () => {
    expect(isNotExist('FAILED', 'taskid=86120 not exist')).toBe(true);
    expect(isNotExist('FAILED', 'moderation')).toBe(false);
    expect(failureKindOf('None, Timeout while polling')).toBe('lost_track');
    expect(failureKindOf('Traceback (most recent call last)')).toBe('lost_track');
    expect(failureKindOf('内容审核未通过')).toBe('generation_failed');
    expect(billingStateOf('accounted')).toBe('accounted');
    expect(billingStateOf('weird')).toBeUndefined();
    expect(billingStateOf(undefined)).toBeUndefined();
    expect(isNotExist('SUCCEEDED', 'taskid=86120 not exist')).toBe(false);
  });
});
