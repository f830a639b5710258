/**
 * Display names for the library's models. A video whose task was adopted from elsewhere has only
 * the model id in its sidecar (§3.13 rows carry no display name), which means nothing to a user;
 * the studio's model lists (cached in main) name it. Each video type is asked for at most once,
 * and only when one of its videos lacks a name.
 */
import { computed, watch } from 'vue';
import type { CatalogId, LibraryItem } from '@contract';
import { CATALOGS, useCatalogStore } from '@/stores/catalog';
import { useLibraryStore } from '@/stores/library';

export function useModelNames() {
  const library = useLibraryStore();
  const catalogStore = useCatalogStore();
  const names = computed(() => new Map(CATALOGS.flatMap((catalog) => catalogStore.models(catalog).map((model) => [model.id, model.name] as const))));
  const nameOf = (modelId: string, fallback: string): string => names.value.get(modelId) ?? fallback;
  /** The item as shown: the same object when its name needs no help. */
  const named = (item: LibraryItem): LibraryItem => {
    const name = nameOf(item.modelId, item.modelName);
    return name === item.modelName ? item : { ...item, modelName: name };
  };

  const asked = new Set<CatalogId>();
  watch(
    () => library.order.length,
    () => {
      for (const item of library.byId.values()) {
        if (asked.has(item.catalog) || (item.modelName && item.modelName !== item.modelId)) continue;
        asked.add(item.catalog);
        void catalogStore.ensureLoaded(item.catalog).catch(() => undefined);
        if (asked.size === CATALOGS.length) break;
      }
    },
    { immediate: true },
  );

  return { nameOf, named };
}
