/**
 * Seconds left until a deadline. The deadline lives in a store, so leaving and re-entering a
 * screen (or any re-render) shows the same countdown instead of restarting it.
 */
import { computed, onBeforeUnmount, ref, watch, type ComputedRef } from 'vue';

const TICK_MS = 250;

export function useCountdown(deadline: () => number | null | undefined): {
  remaining: ComputedRef<number>;
  active: ComputedRef<boolean>;
} {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | null = null;

  const remaining = computed(() => {
    const end = deadline();
    return end ? Math.max(0, Math.ceil((end - now.value) / 1000)) : 0;
  });

  function stop(): void {
    if (timer) clearInterval(timer);
    timer = null;
  }

  function tick(): void {
    now.value = Date.now();
    if (remaining.value === 0) stop();
  }

  watch(
    deadline,
    () => {
      now.value = Date.now();
      if (remaining.value > 0 && !timer) timer = setInterval(tick, TICK_MS);
    },
    { immediate: true },
  );
  onBeforeUnmount(stop);

  return { remaining, active: computed(() => remaining.value > 0) };
}
