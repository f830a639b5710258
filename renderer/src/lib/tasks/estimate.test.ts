import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import { estimateKey, estimateRemaining, estimateWords, runDuration } from './estimate';

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

describe('estimateWords', () => {
  it('says "under a minute" rather than "0–1 min"', () => {
    expect(estimateWords({ minMs: 0, maxMs: 10_000 })).toEqual({ key: 'estimateUnderMinute' });
    expect(estimateWords({ minMs: 4_000, maxMs: 55_000 })).toEqual({ key: 'estimateUnderMinute' });
  });

  it('tells a range within the first minute in 10-second steps', () => {
    expect(estimateWords({ minMs: 18_000, maxMs: 42_000 })).toEqual({ key: 'estimateSeconds', min: 20, max: 50 });
  });

  it('rounds longer ranges to whole minutes, the upper end up, and says "under" when the lower end is 0', () => {
    expect(estimateWords({ minMs: 2.4 * MIN, maxMs: 3.2 * MIN })).toEqual({ key: 'estimate', min: 2, max: 4 });
    expect(estimateWords({ minMs: 1.98 * MIN, maxMs: 3.98 * MIN })).toEqual({ key: 'estimate', min: 2, max: 4 });
    expect(estimateWords({ minMs: 20_000, maxMs: 1.5 * MIN })).toEqual({ key: 'estimateUnder', max: 2 });
    expect(estimateWords({ minMs: 1.9 * MIN, maxMs: 2 * MIN })).toEqual({ key: 'estimateAbout', max: 2 });
  });

  it('has words for every key in both languages', () => {
    for (const key of ['estimate', 'estimateAbout', 'estimateUnder', 'estimateUnderMinute', 'estimateSeconds']) {
      for (const locale of ['zh-CN', 'en'] as const) expect(i18n.global.te(`tasks.${key}`, locale), `${locale} ${key}`).toBe(true);
    }
    expect(i18n.global.t('tasks.estimateUnderMinute', {}, { locale: 'zh-CN' })).toBe('预计不到 1 分钟');
  });
});
