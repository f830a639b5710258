/**
 * How many cards fit side by side in an element, followed as it resizes: the grid is a virtual
 * list of rows, so it needs a count, not CSS wrapping. Without ResizeObserver (old test DOMs)
 * the count stays at `fallback`.
 */
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';

export function useColumns(element: Ref<HTMLElement | null>, minWidth: number, fallback = 4): Ref<number> {
  const columns = ref(fallback);
  let observer: ResizeObserver | null = null;
  const measure = (width: number): void => {
    if (width > 0) columns.value = Math.max(1, Math.floor(width / minWidth));
  };
  watch(
    element,
    (target) => {
      observer?.disconnect();
      observer = null;
      if (!target || typeof ResizeObserver === 'undefined') return;
      measure(target.clientWidth);
      observer = new ResizeObserver((entries) => measure(entries[0]?.contentRect.width ?? 0));
      observer.observe(target);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => observer?.disconnect());
  return columns;
}
