import { describe, expect, it } from 'vitest';
import { defineComponent, ref } from 'vue';
import { mount } from '@vue/test-utils';
import { ApiError } from '@/api';
import { i18n, setLocale } from '@/i18n';
import { type ActionOptions, useAction } from './useAction';

/** Runs the composable inside a component, where useI18n works as on a screen. */
function withAction<A extends unknown[], R>(work: (...args: A) => Promise<R>, options?: ActionOptions) {
  let action!: ReturnType<typeof useAction<A, R>>;
  mount(
    defineComponent({
      setup() {
        action = useAction(work, options);
        return () => null;
      },
    }),
    { global: { plugins: [i18n] } },
  );
  return action;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('useAction', () => {
  it('is busy while the work runs, answers its value, and ignores a second run meanwhile', async () => {
    const gate = deferred<string>();
    let calls = 0;
    const action = withAction(async (name: string) => {
      calls += 1;
      return `${name}:${await gate.promise}`;
    });
    const first = action.run('a');
    expect(action.busy.value).toBe(true);
    expect(await action.run('b')).toBeUndefined();
    gate.resolve('done');
    expect(await first).toBe('a:done');
    expect(action.busy.value).toBe(false);
    expect(calls).toBe(1);
  });

  it('turns a failure into a translated sentence and clears it on the next run', async () => {
    setLocale('zh-CN');
    let fail = true;
    const action = withAction(async () => {
      if (fail) throw new ApiError({ code: 'timeout', message: 'slow' });
      return 1;
    });
    expect(await action.run()).toBeUndefined();
    expect(action.busy.value).toBe(false);
    expect(action.error.value).toBeTruthy();
    expect(action.error.value).not.toContain('errors.');
    fail = false;
    const second = action.run();
    expect(action.error.value).toBeNull();
    expect(await second).toBe(1);
  });

  it('writes to a shared error line, unless onError says the failure is handled', async () => {
    const line = ref<string | null>('old');
    const handled: unknown[] = [];
    const action = withAction(
      async (code: 'forbidden' | 'server') => {
        throw new ApiError({ code, message: code });
      },
      { error: line, onError: (failure) => (handled.push(failure), failure instanceof ApiError && failure.code === 'forbidden') },
    );
    await action.run('forbidden');
    expect(line.value).toBeNull();
    await action.run('server');
    expect(line.value).toBeTruthy();
    expect(handled).toHaveLength(2);
  });
});
