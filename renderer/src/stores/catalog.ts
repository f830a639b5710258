/**
 * The models of each video type (platform-api.md §3.12, §10.5), as main's cache gives them
 * (`video.models`). One latest-read per catalog: switching tabs quickly never lets an older
 * answer land on another tab.
 */
import { defineStore } from 'pinia';
import { shallowRef, type ShallowRef } from 'vue';
import type { CatalogId, VideoModel } from '@contract';
import { api } from '@/api';
import { createLatestRead, type LatestRead } from './latestRead';

export const CATALOGS: readonly CatalogId[] = ['t2v', 'i2v', 'r2v'];

interface CatalogEntry {
  models: ShallowRef<VideoModel[]>;
  read: LatestRead;
}

export const useCatalogStore = defineStore('catalog', () => {
  const entries = Object.fromEntries(
    CATALOGS.map((catalog) => [catalog, { models: shallowRef<VideoModel[]>([]), read: createLatestRead() }]),
  ) as Record<CatalogId, CatalogEntry>;

  function load(catalog: CatalogId, refresh = false): Promise<void> {
    const entry = entries[catalog];
    return entry.read.run(
      () => api.call('video.models', refresh ? { catalog, refresh } : { catalog }),
      (models) => (entry.models.value = models),
    );
  }

  function ensureLoaded(catalog: CatalogId): Promise<void> {
    const { read } = entries[catalog];
    return read.loaded.value || read.loading.value ? Promise.resolve() : load(catalog);
  }

  const models = (catalog: CatalogId): VideoModel[] => entries[catalog].models.value;
  const loading = (catalog: CatalogId): boolean => entries[catalog].read.loading.value;
  const loaded = (catalog: CatalogId): boolean => entries[catalog].read.loaded.value;
  const error = (catalog: CatalogId): unknown => entries[catalog].read.error.value;

  function reset(): void {
    for (const catalog of CATALOGS) {
      entries[catalog].read.reset();
      entries[catalog].models.value = [];
    }
  }

  return { load, ensureLoaded, models, loading, loaded, error, reset };
});
