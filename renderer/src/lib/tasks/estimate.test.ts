import { describe, expect, it } from 'vitest';
import { estimateKey, estimateRemaining, rangeInMinutes, runDuration } from './estimate';

const MIN = 60_000;

describe('estimateKey', () => {
  it('separates model, duration, resolution and the off-peak setting', () => {
    const base = { modelId: 'vidu-q1', params: { duration: 5, resolution: '1080p', off_peak: false, prompt: 'a' } };
    expect(estimateKey(base)).toBe(estimateKey({ ...base, params: { ...base.params, prompt: 'another prompt' } }));
    expect(estimateKey(base)).not.toBe(estimateKey({ ...base, modelId: 'vidu-q2' }));
    expect(estimateKey(base)).not.toBe(estimateKey({ ...base, params: { ...base.params, duration: 8 } }));
    expect(estimateKey(base)).not.toBe(estimateKey({ ...base, params: { ...base.params, resolution: '720p' } }));
    expect(estimateKey(base)).not.toBe(estimateKey({ ...base, params: { ...base.params, off_peak: true } }));
  });
});

describe('runDuration', () => {
  it('counts only succeeded runs, from submission to the end', () => {
    expect(runDuration({ status: 'SUCCEEDED', createdAt: 0, submittedAt: 1000, finishedAt: 181_000 })).toBe(180_000);
    expect(runDuration({ status: 'SUCCEEDED', createdAt: 0, finishedAt: 60_000 })).toBe(60_000);
    expect(runDuration({ status: 'FAILED', createdAt: 0, submittedAt: 0, finishedAt: 60_000 })).toBeNull();
    expect(runDuration({ status: 'SUCCEEDED', createdAt: 0, submittedAt: 0 })).toBeNull();
  });
});

describe('estimateRemaining', () => {
  it('has no estimate without history', () => {
    expect(estimateRemaining(undefined, 0)).toEqual({ kind: 'none' });
    expect(estimateRemaining([], 30_000)).toEqual({ kind: 'none' });
  });

  it('spans the earlier runs minus the time already spent', () => {
    expect(estimateRemaining([3 * MIN, 5 * MIN], 1 * MIN)).toEqual({ kind: 'range', minMs: 2 * MIN, maxMs: 4 * MIN });
  });

  it('keeps the lower end at zero once the quickest run is passed', () => {
    expect(estimateRemaining([3 * MIN, 5 * MIN], 4 * MIN)).toEqual({ kind: 'range', minMs: 0, maxMs: 1 * MIN });
  });

  it('says overdue once the task has run longer than every comparable one', () => {
    expect(estimateRemaining([3 * MIN, 5 * MIN], 6 * MIN)).toEqual({ kind: 'overdue' });
  });

  it('does not let one freak run stretch the range once there is enough history', () => {
    const samples = [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 60].map((m) => m * MIN);
    const estimate = estimateRemaining(samples, 0);
    expect(estimate.kind).toBe('range');
    if (estimate.kind === 'range') expect(estimate.maxMs).toBeLessThan(10 * MIN);
  });
});

describe('rangeInMinutes', () => {
  it('rounds to whole minutes, the upper end up', () => {
    expect(rangeInMinutes({ minMs: 2.4 * MIN, maxMs: 3.2 * MIN })).toEqual({ min: 2, max: 4 });
    expect(rangeInMinutes({ minMs: 1.98 * MIN, maxMs: 3.98 * MIN })).toEqual({ min: 2, max: 4 });
    expect(rangeInMinutes({ minMs: 0, maxMs: 10_000 })).toEqual({ min: 0, max: 1 });
  });
});
