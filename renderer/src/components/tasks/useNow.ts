/**
 * One clock for every elapsed time on screen: a single 1 s interval shared by all rows (not one
 * timer per row), running only while something shows it.
 */
import { onScopeDispose, readonly, ref, type Ref } from 'vue';

const now = ref(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

export const TICK_MS = 1000;

export function useNow(): Readonly<Ref<number>> {
  users += 1;
  if (users === 1) {
    now.value = Date.now();
    timer = setInterval(() => (now.value = Date.now()), TICK_MS);
  }
  onScopeDispose(() => {
    users -= 1;
    if (users === 0) clearInterval(timer);
  });
  return readonly(now);
}
