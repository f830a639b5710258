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

  /** A meter on a fake clock; `at(ms, bytes)` moves to that time and updates. */
  function meterAt(total: number | null = 10_000_000) {
    const clock = new FakeClock(); // a real epoch, so a sum of times is never mistaken for a difference
    const origin = clock.now();
    const seen: DownloadProgress[] = [];
    const meter = new ProgressMeter(clock, (p) => seen.push(p), 100);
    const at = async (ms: number, bytes: number, force = false) => {
      await clock.advance(origin + ms - clock.now());
      meter.update(bytes, total, force);
      return seen.at(-1);
    };
    return { at, seen };
  }

  it('the first report has no speed yet and so no ETA', async () => {
    const { at } = meterAt();
    expect(await at(0, 5_000)).toEqual({ bytesDone: 5_000, bytesTotal: 10_000_000, speed: 0, etaSeconds: null });
  });

  it('a stall shows: no progress for the whole window → speed 0, no ETA', async () => {
    const { at } = meterAt();
    for (let t = 0; t <= 2_000; t += 100) await at(t, t * 1_000);
    for (let t = 2_100; t <= 5_200; t += 100) await at(t, 2_000_000);
    expect(await at(5_300, 2_000_000)).toMatchObject({ speed: 0, etaSeconds: null });
  });

  it('speed is measured from the oldest sample within the last 3 s (a sample exactly 3 s old still counts)', async () => {
    const { at } = meterAt();
    await at(0, 0);
    await at(1_000, 1_000_000);
    await at(3_000, 2_000_000);
    expect((await at(4_000, 3_000_000))?.speed).toBeCloseTo(2_000_000 / 3, 3);
  });

  it('sparse updates keep two samples: the average over the gap, not zero', async () => {
    const { at } = meterAt();
    await at(0, 0);
    expect((await at(5_000, 5_000_000))?.speed).toBeCloseTo(1_000_000, 3);
  });

  it('takes one sample per interval: updates in between do not move the window start', async () => {
    const { at } = meterAt();
    await at(0, 0);
    await at(60, 600_000); // within the interval: neither a report nor a sample
    expect((await at(3_050, 700_000))?.speed).toBeCloseTo(700_000 / 3.05, 3);
  });

  it('a sample taken exactly one interval after the last one counts', async () => {
    const { at } = meterAt();
    await at(0, 0);
    await at(100, 500_000);
    expect((await at(3_150, 800_000))?.speed).toBeCloseTo(300_000 / 3.05, 3);
  });

  it('a forced report is a sample too', async () => {
    const { at } = meterAt();
    await at(0, 0);
    await at(50, 500_000, true);
    expect((await at(3_020, 600_000))?.speed).toBeCloseTo(100_000 / 2.97, 3);
  });

  it('the ETA rounds up, and is 0 (never negative) once more than the total has arrived', async () => {
    const { at } = meterAt(2_500_000);
    await at(0, 0);
    expect(await at(1_000, 1_000_000)).toMatchObject({ speed: 1_000_000, etaSeconds: 2 });
    expect(await at(2_000, 3_000_000)).toMatchObject({ etaSeconds: 0 });
  });

  it('without a listener it only measures (no error)', () => {
    const meter = new ProgressMeter(new FakeClock(0), undefined);
    expect(() => meter.update(1, 2, true)).not.toThrow();
  });
});
