import { describe, expect, it } from 'vitest';
import { createLatestRead } from './latestRead';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('createLatestRead', () => {
  it('an older read that answers last does not overwrite the newer one', async () => {
    const reads = createLatestRead();
    let shown = '';
    const first = deferred<string>();
    const second = deferred<string>();
    const a = reads.run(() => first.promise, (value) => (shown = value));
    const b = reads.run(() => second.promise, (value) => (shown = value));
    second.resolve('page 2');
    await b;
    first.resolve('page 1');
    await a;
    expect(shown).toBe('page 2');
    expect(reads.loading.value).toBe(false);
    expect(reads.loaded.value).toBe(true);
  });

  it('keeps only the latest error, and a success clears it', async () => {
    const reads = createLatestRead();
    await reads.run(() => Promise.reject(new Error('offline')), () => undefined);
    expect(reads.error.value).toBeInstanceOf(Error);
    expect(reads.loaded.value).toBe(false);
    await reads.run(async () => 1, () => undefined);
    expect(reads.error.value).toBeNull();
  });

  it('accept wins over a read under way and ends its loading state', async () => {
    const reads = createLatestRead();
    let shown = '';
    const pending = deferred<string>();
    const run = reads.run(() => pending.promise, (value) => (shown = value));
    reads.accept(() => (shown = 'from the write'));
    expect(reads.loading.value).toBe(false);
    pending.resolve('stale read');
    await run;
    expect(shown).toBe('from the write');
  });

  it('reset forgets, and a read under way (the previous user) does not land', async () => {
    const reads = createLatestRead();
    let shown = 'old user';
    const pending = deferred<string>();
    const run = reads.run(() => pending.promise, (value) => (shown = value));
    reads.reset();
    shown = '';
    pending.resolve('old user again');
    await run;
    expect(shown).toBe('');
    expect(reads.loaded.value).toBe(false);
    expect(reads.loading.value).toBe(false);
  });
});
