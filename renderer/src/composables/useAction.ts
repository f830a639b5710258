/**
 * The busy flag and error line of one user action (save, send, run): a second click while it
 * runs does nothing, the previous error clears when it starts again, and a failure becomes one
 * translated sentence instead of an exception. Screens that show one error line for several
 * actions pass that line in as `error`.
 */
import { readonly, ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { describeError } from '@/i18n/errors';

export interface ActionOptions {
  /** The error line to write to; a fresh one when omitted. */
  error?: Ref<string | null>;
  /**
   * Runs on failure before the error line is written. Return true when the failure is handled
   * another way (e.g. a 403 shown as "no permission"), so the line stays empty.
   */
  onError?: (failure: unknown) => boolean | void;
}

export interface Action<A extends unknown[], R> {
  busy: Readonly<Ref<boolean>>;
  error: Ref<string | null>;
  /** Resolves with the work's answer, or undefined when it failed or was already running. */
  run: (...args: A) => Promise<R | undefined>;
}

export function useAction<A extends unknown[], R>(work: (...args: A) => Promise<R>, options: ActionOptions = {}): Action<A, R> {
  const { t } = useI18n();
  const busy = ref(false);
  const error = options.error ?? ref<string | null>(null);

  async function run(...args: A): Promise<R | undefined> {
    if (busy.value) return undefined;
    busy.value = true;
    error.value = null;
    try {
      return await work(...args);
    } catch (failure) {
      if (options.onError?.(failure) !== true) error.value = describeError(failure, t);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  return { busy: readonly(busy), error, run };
}
