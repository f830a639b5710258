/** Progress reports: throttled to one per interval (≤ 10/s), speed over a recent window, ETA from it. */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock';
import { ProgressMeter, type DownloadProgress } from './progress';

describe('ProgressMeter', async () => {
  it('reports at most once per 100 ms, and always when forced', async () => {
    const clock = new FakeClock();
    const seen: DownloadProgress[] = [];
    const meter = new ProgressMeter(clock, (p) => seen.push(p), 100);
    for (let i = 1; i <= 50; i += 1) meter.update(i * 1000, 100_000);
    expect(seen).toHaveLength(1);
    await clock.advance(99);
    meter.update(60_000, 100_000);
    expect(seen).toHaveLength(1);
    await clock.advance(1);
    meter.update(61_000, 100_000);
    meter.update(62_000, 100_000, true);
    expect(seen).toHaveLength(3);
  });

  it('computes speed over the window and the ETA from it; unknown total gives no ETA', async () => {
    const clock = new FakeClock();
    const seen: DownloadProgress[] = [];
    const meter = new ProgressMeter(clock, (p) => seen.push(p), 100);
    meter.update(0, 10_000_000);
    for (let t = 1; t <= 10; t += 1) {
      await clock.advance(100);
      meter.update(t * 100_000, 10_000_000);
    }
    expect(seen.at(-1)?.speed).toBeCloseTo(1_000_000, -3);
    expect(seen.at(-1)?.etaSeconds).toBe(9);
    meter.update(1_000_000, null, true);
    expect(seen.at(-1)?.etaSeconds).toBeNull();
  });
});
