/**
 * The price of the form as it stands (platform-api.md §3.8, `video.quote`), asked ~400 ms after
 * the last change. Only the newest question's answer may show: an older answer that arrives
 * late is dropped (latestRead), and a changed form hides the old price at once, so a price is
 * never shown next to settings it was not computed for.
 */
import { onScopeDispose, shallowRef, watch, type Ref } from 'vue';
import type { Quote } from '@contract';
import { api } from '@/api';
import { createLatestRead } from '@/stores/latestRead';

export const QUOTE_DELAY_MS = 400;

export function useQuote(modelId: Ref<string | null>, values: Ref<Record<string, unknown>>, delayMs = QUOTE_DELAY_MS) {
  const quote = shallowRef<Quote | null>(null);
  const read = createLatestRead();
  let timer: ReturnType<typeof setTimeout> | undefined;

  watch(
    // One string: the price is asked again only when the model or a sent value really changed.
    () => `${modelId.value ?? ''}\u0000${JSON.stringify(values.value)}`,
    () => {
      const id = modelId.value;
      clearTimeout(timer);
      read.reset(); // an answer to the previous form is no longer wanted
      quote.value = null;
      if (!id) return;
      const asked = values.value;
      read.loading.value = true;
      timer = setTimeout(() => void read.run(() => api.call('video.quote', { modelId: id, values: asked }), (answer) => (quote.value = answer)), delayMs);
    },
    { immediate: true },
  );
  onScopeDispose(() => clearTimeout(timer));

  return { quote, loading: read.loading, error: read.error };
}
