/**
 * The library's search and filters: the search waits for a pause in typing (one `library.list`
 * per word, not per key), the model, type and date choices apply at once. Main does the
 * filtering; this only decides when to ask and with what.
 */
import { computed, onBeforeUnmount, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { CatalogId } from '@contract';
import { DATE_RANGES, dateBounds, type DateRange } from '@/lib/library/filter';
import { useLibraryStore } from '@/stores/library';

export const SEARCH_DELAY_MS = 300;
const CATALOG_IDS: readonly CatalogId[] = ['t2v', 'i2v', 'r2v'];

/** `nameOf`: the model's display name (see useModelNames); the sidecar's name by default. */
export function useLibraryFilters(nameOf: (modelId: string, fallback: string) => string = (_id, fallback) => fallback) {
  const { t } = useI18n();
  const library = useLibraryStore();

  const search = ref(library.filter.query ?? '');
  const modelId = ref<string | null>(library.filter.modelId ?? null);
  const catalog = ref<CatalogId | null>(library.filter.catalog ?? null);
  const dateRange = ref<DateRange>('all');
  const modelOptions = computed(() => [{ value: '', label: t('library.filters.allModels') }, ...library.models.map((model) => ({ value: model.id, label: nameOf(model.id, model.name) }))]);
  const typeOptions = computed(() => [{ value: '', label: t('library.filters.allTypes') }, ...CATALOG_IDS.map((id) => ({ value: id, label: t(`studio.page.tabs.${id}`) }))]);
  const dateOptions = computed(() => DATE_RANGES.map((value) => ({ value, label: t(`library.filters.dates.${value}`) })));
  /** Anything narrowing the list: an empty list then means "no match", not "no videos". */
  const filtered = computed(() => Boolean(search.value.trim() || modelId.value || catalog.value || dateRange.value !== 'all'));

  function apply(): Promise<void> {
    return library.list({
      query: search.value,
      modelId: modelId.value || undefined,
      catalog: catalog.value || undefined,
      ...dateBounds(dateRange.value, Date.now()),
    });
  }

  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  watch(search, () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void apply(), SEARCH_DELAY_MS);
  });
  watch([modelId, catalog, dateRange], () => {
    clearTimeout(searchTimer);
    void apply();
  });
  onBeforeUnmount(() => clearTimeout(searchTimer));

  return { search, modelId, catalog, dateRange, modelOptions, typeOptions, dateOptions, filtered, apply };
}
