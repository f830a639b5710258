import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../lib/logger';
import { systemClock } from '../../core/ports';
import { CHECK_INTERVAL_MS, FIRST_CHECK_DELAY_MS, RETRY_AFTER_ERROR_MS, UpdatePolicy, type AvailableUpdate, type UpdaterPort, type UpdateState } from './policy';

const RELEASE: AvailableUpdate = { version: '0.2.0', notes: '视频任务可在后台跟踪' };

function fakeUpdater(answers: (AvailableUpdate | null | Error)[]) {
  const calls = { check: 0, download: 0, install: 0 };
  let downloadFails = false;
  const updater: UpdaterPort = {
    check: async () => {
      calls.check += 1;
      const answer = answers.length > 1 ? answers.shift() : answers[0];
      if (answer instanceof Error) throw answer;
      return answer ?? null;
    },
    download: async (onProgress) => {
      calls.download += 1;
      if (downloadFails) throw new Error('signature mismatch');
      onProgress(40.4);
      onProgress(100);
    },
    install: () => void (calls.install += 1),
  };
  return { updater, calls, failDownloads: () => void (downloadFails = true) };
}

function policyWith(updater: UpdaterPort | null, busy = false) {
  const states: UpdateState[] = [];
  let isBusy = busy;
  const policy = new UpdatePolicy({ updater, clock: systemClock, logger: silentLogger, isBusy: () => isBusy, publish: (state) => states.push(state) });
  return { policy, states, setBusy: (value: boolean) => void (isBusy = value) };
}

describe('UpdatePolicy', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is disabled without an updater, and never checks', async () => {
    const { policy, states } = policyWith(null);
    policy.start();
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 2);
    expect(policy.current()).toEqual({ status: 'disabled', reason: 'no-provider' });
    expect(states).toEqual([]);
    expect(policy.restartToUpdate()).toEqual({ ok: false, reason: 'not-ready' });
  });

  it('checks shortly after start, then once a day', async () => {
    const { updater, calls } = fakeUpdater([null]);
    const { policy } = policyWith(updater);
    policy.start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS - 1);
    expect(calls.check).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.check).toBe(1);
    expect(policy.current().status).toBe('idle');
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS - 1);
    expect(calls.check).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.check).toBe(2);
    await policy.dispose();
  });

  it('downloads a found update in the background and then offers it with its notes', async () => {
    const { updater, calls } = fakeUpdater([RELEASE]);
    const { policy, states } = policyWith(updater);
    await policy.checkNow();
    expect(calls.download).toBe(1);
    expect(states.map((state) => state.status)).toEqual(['checking', 'downloading', 'downloading', 'downloading', 'ready']);
    expect(states[2]).toEqual({ status: 'downloading', update: RELEASE, percent: 40 });
    expect(policy.current()).toEqual({ status: 'ready', update: RELEASE });
    // Ready stays ready: no further checks pile up.
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 3);
    expect(calls.check).toBe(1);
    expect(calls.install).toBe(0);
  });

  it('never restarts on its own, and not while a submission is on its way', async () => {
    const { updater, calls } = fakeUpdater([RELEASE]);
    const { policy, setBusy } = policyWith(updater, true);
    expect(policy.restartToUpdate()).toEqual({ ok: false, reason: 'not-ready' });
    await policy.checkNow();
    expect(policy.restartToUpdate()).toEqual({ ok: false, reason: 'busy' });
    expect(calls.install).toBe(0);
    setBusy(false);
    expect(policy.restartToUpdate()).toEqual({ ok: true });
    expect(calls.install).toBe(1);
  });

  it('after a failed check or download, says so and tries again an hour later', async () => {
    const { updater, calls, failDownloads } = fakeUpdater([new Error('offline'), RELEASE]);
    const { policy } = policyWith(updater);
    await policy.checkNow();
    expect(policy.current()).toMatchObject({ status: 'error', code: 'check_failed', retryAt: Date.now() + RETRY_AFTER_ERROR_MS });
    failDownloads();
    await vi.advanceTimersByTimeAsync(RETRY_AFTER_ERROR_MS);
    expect(calls.check).toBe(2);
    expect(policy.current()).toMatchObject({ status: 'error', code: 'download_failed' });
    await policy.dispose();
  });

  it('runs one check at a time: a second "check now" joins the first', async () => {
    let release: (value: AvailableUpdate | null) => void = () => undefined;
    let checks = 0;
    const updater: UpdaterPort = {
      check: () => {
        checks += 1;
        return new Promise((resolve) => (release = resolve));
      },
      download: async () => undefined,
      install: () => undefined,
    };
    const { policy } = policyWith(updater);
    const first = policy.checkNow();
    const second = policy.checkNow();
    release(null);
    await Promise.all([first, second]);
    expect(checks).toBe(1);
  });

  it('stops checking once disposed', async () => {
    const { updater, calls } = fakeUpdater([null]);
    const { policy } = policyWith(updater);
    policy.start();
    await policy.dispose();
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 2);
    expect(calls.check).toBe(0);
  });
});
