/**
 * `?libraryAgain=<id>`: asks main for a library item's settings and fresh copies of its input
 * images (`library.again`), to refill the studio. Its task may be long gone from the ledger, so
 * this never goes through the tasks store. Only the answer for the id still asked for lands.
 */
import { ref, shallowRef, watch } from 'vue';
import type { LibraryAgain } from '@contract';
import { api } from '@/api';

export function useLibraryAgain(id: () => string | null) {
  const again = shallowRef<(LibraryAgain & { id: string }) | null>(null);
  const error = ref<unknown>(null);
  watch(
    id,
    async (wanted) => {
      again.value = null;
      error.value = null;
      if (!wanted) return;
      try {
        const answer = await api.call('library.again', { id: wanted });
        if (id() === wanted) again.value = { ...answer, id: wanted };
      } catch (failure) {
        if (id() === wanted) error.value = failure;
      }
    },
    { immediate: true },
  );
  return { again, error };
}
