/**
 * The loading state of a store that reads one thing from main, where only the latest read may
 * write: fast paging, or a user switch while a read is under way, must not let an older answer
 * land on top of a newer one (or on another user's screen).
 */
import { ref, type Ref } from 'vue';

export interface LatestRead {
  loading: Ref<boolean>;
  error: Ref<unknown>;
  /** True once data has arrived: "nothing" then means empty, not "not loaded yet". */
  loaded: Ref<boolean>;
  /** Reads; `apply` runs only if no later read, accept or reset came meanwhile. */
  run<T>(read: () => Promise<T>, apply: (value: T) => void): Promise<void>;
  /** Data that arrived another way (the answer to a write): it wins over reads under way. */
  accept(apply: () => void): void;
  /** Forgets everything; reads under way are ignored when they answer. */
  reset(): void;
}

export function createLatestRead(): LatestRead {
  const loading = ref(false);
  const error = ref<unknown>(null);
  const loaded = ref(false);
  let generation = 0;

  async function run<T>(read: () => Promise<T>, apply: (value: T) => void): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    try {
      const value = await read();
      if (mine !== generation) return;
      apply(value);
      error.value = null;
      loaded.value = true;
    } catch (failure) {
      if (mine === generation) error.value = failure;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  function accept(apply: () => void): void {
    generation += 1;
    apply();
    loading.value = false;
    error.value = null;
    loaded.value = true;
  }

  function reset(): void {
    generation += 1;
    loading.value = false;
    error.value = null;
    loaded.value = false;
  }

  return { loading, error, loaded, run, accept, reset };
}
