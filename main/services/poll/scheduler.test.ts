/** PollScheduler on the fake clock: cadence, backoff, one in flight, pause/resume, idle, drain. */
import { describe, expect, it } from 'vitest';
import { FakeClock, flushPromises } from '../../testing/fake-clock';
import { backoffDelay, PollScheduler, type SchedulerOptions } from './scheduler';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function setup(overrides: Partial<SchedulerOptions> = {}) {
  const clock = new FakeClock();
  const runs: number[] = [];
  let cadence: number | null = 10_000;
  const scheduler = new PollScheduler({
    clock,
    run: async () => {
      runs.push(clock.now());
    },
    cadence: () => cadence,
    random: () => 0.9999999,
    ...overrides,
  });
  return { clock, runs, scheduler, setCadence: (v: number | null) => (cadence = v) };
}

describe('backoffDelay', () => {
  it('doubles per failure, is capped, and jitters down by at most half', () => {
    const opts = { baseMs: 1_000, maxMs: 8_000 };
    expect(backoffDelay(1, opts, () => 0.9999999)).toBe(1_000);
    expect(backoffDelay(3, opts, () => 0.9999999)).toBe(4_000);
    expect(backoffDelay(10, opts, () => 0.9999999)).toBe(8_000);
    expect(backoffDelay(10, opts, () => 0)).toBe(4_000);
    expect(backoffDelay(0, opts, () => 0.9999999)).toBe(1_000); // no failure yet counts as the first
    expect(backoffDelay(2, opts, () => 0.5)).toBe(1_500); // 2 000 jittered by a quarter
  });
});

describe('PollScheduler', () => {
  it('runs at once on start, then at the cadence the callback chooses after each run', async () => {
    const { clock, runs, scheduler, setCadence } = setup();
    const t0 = clock.now();
    scheduler.start();
    await clock.advance(0);
    expect(runs).toEqual([t0]);
    await clock.advance(25_000);
    expect(runs).toEqual([t0, t0 + 10_000, t0 + 20_000]);
    setCadence(3_000);
    await clock.advance(10_000);
    // The 30 s run was scheduled with the old cadence; the new one applies from there.
    expect(runs.slice(3)).toEqual([t0 + 30_000, t0 + 33_000]);
  });

  it('idles when the cadence callback says nothing is active, and start() wakes it', async () => {
    const { clock, runs, scheduler, setCadence } = setup();
    setCadence(null);
    scheduler.start();
    await clock.advance(60_000);
    expect(runs).toHaveLength(1);
    expect(scheduler.state).toBe('idle');
    expect(clock.pendingTimers()).toBe(0);
    setCadence(5_000);
    scheduler.start();
    await clock.advance(5_000);
    expect(runs).toHaveLength(3);
  });

  it('backs off exponentially after failures, capped, and returns to the cadence after a success', async () => {
    let fail = true;
    const { clock, runs, scheduler } = setup({
      backoff: { baseMs: 1_000, maxMs: 4_000 },
      run: async () => {
        runs.push(clock.now());
        if (fail) throw new Error('503');
      },
    });
    const t0 = clock.now();
    scheduler.start();
    await clock.advance(1_000 + 2_000 + 4_000 + 4_000);
    expect(runs.map((t) => t - t0)).toEqual([0, 1_000, 3_000, 7_000, 11_000]);
    expect(scheduler.failureCount).toBe(5);
    fail = false;
    await clock.advance(4_000);
    expect(scheduler.failureCount).toBe(0);
    await clock.advance(10_000);
    expect(runs.map((t) => t - t0).slice(5)).toEqual([15_000, 25_000]);
  });

  it('never has two runs in flight: runNow during a run joins it', async () => {
    const clock = new FakeClock();
    let active = 0;
    let maxActive = 0;
    let gate = deferred();
    let count = 0;
    const scheduler = new PollScheduler({
      clock,
      cadence: () => 1_000,
      run: async () => {
        active += 1;
        count += 1;
        maxActive = Math.max(maxActive, active);
        await gate.promise;
        active -= 1;
      },
    });
    scheduler.start();
    await clock.advance(0);
    expect(scheduler.state).toBe('running');
    const joined = [scheduler.runNow(), scheduler.runNow()];
    await clock.advance(5_000); // the timer is not re-armed while the run hangs
    expect(count).toBe(1);
    gate.resolve();
    await Promise.all(joined);
    gate = deferred();
    gate.resolve();
    await clock.advance(1_000);
    expect(count).toBe(2);
    expect(maxActive).toBe(1);
  });

  it('pause holds the loop, resume runs at once', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start();
    await clock.advance(0);
    scheduler.pause();
    await scheduler.runNow(); // ignored while paused
    await clock.advance(60_000);
    expect(runs).toHaveLength(1);
    scheduler.resume();
    await flushPromises();
    expect(runs).toHaveLength(2);
    expect(runs[1]).toBe(clock.now());
    await clock.advance(10_000);
    expect(runs).toHaveLength(3);
  });

  it('drain waits for the run in flight and schedules nothing after it', async () => {
    const clock = new FakeClock();
    const gate = deferred();
    let finished = false;
    const scheduler = new PollScheduler({
      clock,
      cadence: () => 1_000,
      run: async () => {
        await gate.promise;
        finished = true;
      },
    });
    scheduler.start();
    await clock.advance(0);
    const drained = scheduler.drain();
    let drainedYet = false;
    void drained.then(() => (drainedYet = true));
    await flushPromises();
    expect(drainedYet).toBe(false);
    gate.resolve();
    await drained;
    expect(finished).toBe(true);
    expect(scheduler.state).toBe('stopped');
    expect(clock.pendingTimers()).toBe(0);
  });
  it('start() and resume() while scheduled are no-ops: one timer, one run per period', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start();
    await clock.advance(0);
    expect(scheduler.state).toBe('scheduled');
    scheduler.start();
    scheduler.start();
    scheduler.resume(); // not paused: must not add a run (each run costs platform requests)
    expect(clock.pendingTimers()).toBe(1);
    await clock.advance(20_000);
    expect(runs).toHaveLength(3);
  });

  it('start() while paused waits for resume, which runs at once', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.pause();
    scheduler.start();
    await clock.advance(60_000);
    expect(runs).toHaveLength(0);
    expect(clock.pendingTimers()).toBe(0);
    scheduler.resume();
    await flushPromises();
    expect(runs).toEqual([clock.now()]);
  });

  it('resume() runs nothing when not paused, when never started, or when idle', async () => {
    const { clock, runs, scheduler, setCadence } = setup();
    scheduler.resume();
    scheduler.pause();
    scheduler.resume(); // never started
    await clock.advance(60_000);
    expect(runs).toHaveLength(0);
    setCadence(null);
    scheduler.start();
    await clock.advance(0);
    expect(scheduler.state).toBe('idle');
    scheduler.pause();
    scheduler.resume();
    scheduler.resume();
    await clock.advance(60_000);
    expect(runs).toHaveLength(1);
  });

  it('runNow() while paused counts as a start: resume then runs', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.pause();
    await scheduler.runNow();
    expect(runs).toHaveLength(0);
    scheduler.resume();
    await flushPromises();
    expect(runs).toHaveLength(1);
    await clock.advance(10_000);
    expect(runs).toHaveLength(2);
  });

  it('runNow() wakes an idle loop and replaces a pending timer instead of adding one', async () => {
    const { clock, runs, scheduler, setCadence } = setup();
    scheduler.start();
    await clock.advance(0);
    await clock.advance(4_000);
    await scheduler.runNow();
    expect(runs).toHaveLength(2);
    expect(clock.pendingTimers()).toBe(1);
    await clock.advance(9_999);
    expect(runs).toHaveLength(2); // the period counts from the run now, not from the old timer
    await clock.advance(1);
    expect(runs).toHaveLength(3);
    setCadence(null);
    await clock.advance(10_000); // the run already due, then idle
    expect(runs).toHaveLength(4);
    expect(scheduler.state).toBe('idle');
    setCadence(10_000);
    await scheduler.runNow();
    await clock.advance(10_000);
    expect(runs).toHaveLength(6);
  });

  it('a run in flight when paused schedules nothing after it', async () => {
    const clock = new FakeClock();
    const gate = deferred();
    let count = 0;
    const scheduler = new PollScheduler({
      clock,
      cadence: () => 1_000,
      run: async () => {
        count += 1;
        await gate.promise;
      },
    });
    scheduler.start();
    await clock.advance(0);
    scheduler.pause();
    gate.resolve();
    await flushPromises();
    await clock.advance(10_000);
    expect(count).toBe(1);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('hands every failure to onError and stop() ends the loop until start()', async () => {
    const errors: unknown[] = [];
    const { clock, runs, scheduler } = setup({
      run: async () => {
        runs.push(clock.now());
        throw new Error(`fail ${runs.length}`);
      },
      backoff: { baseMs: 1_000, maxMs: 1_000 },
      random: () => 0.9999999,
      onError: (error) => errors.push(error),
    });
    scheduler.start();
    await clock.advance(1_000);
    expect(errors.map((e) => (e as Error).message)).toEqual(['fail 1', 'fail 2']);
    scheduler.stop();
    expect(scheduler.state).toBe('stopped');
    await clock.advance(10_000);
    expect(runs).toHaveLength(2);
    scheduler.start();
    await clock.advance(0);
    expect(runs).toHaveLength(3);
  });
});
