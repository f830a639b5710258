import { describe, expect, it } from 'vitest';
import { singleFlight } from './single-flight';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('singleFlight', () => {
  it('a concurrent second call joins the first: one run, the same answer', async () => {
    const gate = deferred<string>();
    let runs = 0;
    const once = singleFlight(async (label: string) => {
      runs += 1;
      await gate.promise;
      return `done:${label}`;
    });
    const first = once('a');
    const second = once('b');
    gate.resolve('x');
    await expect(Promise.all([first, second])).resolves.toEqual(['done:a', 'done:a']);
    expect(runs).toBe(1);
  });

  it('shares a failure with the joiners, and the next call after it settles runs anew', async () => {
    let runs = 0;
    const gate = deferred<void>();
    const once = singleFlight(async () => {
      runs += 1;
      if (runs === 1) {
        await gate.promise;
        throw new Error('boom');
      }
      return runs;
    });
    const first = once();
    const second = once();
    gate.resolve();
    await expect(first).rejects.toThrow('boom');
    await expect(second).rejects.toThrow('boom');
    await expect(once()).resolves.toBe(2);
  });

  it('a synchronous throw becomes a rejection and does not block later calls', async () => {
    let calls = 0;
    const once = singleFlight((): Promise<number> => {
      calls += 1;
      if (calls === 1) throw new Error('sync');
      return Promise.resolve(calls);
    });
    await expect(once()).rejects.toThrow('sync');
    await expect(once()).resolves.toBe(2);
  });
});
