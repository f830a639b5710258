/**
 * The models of each catalog, cached in main (platform-api.md §3.12, §10.5): memory first, then
 * the KeyValueStore (a restart shows the last list at once), refreshed in the background
 * (stale-while-revalidate) with one request in flight per catalog. The cache belongs to one
 * server and one account: `clear()` (session or server change) forgets it, and a fetch that
 * started before a clear never lands afterwards.
 */
import type { CatalogId, VideoModel } from '../../../preload/contract/models/video';
import type { Clock, KeyValueStore, Logger } from '../../core/ports';
import { AppError } from '../../lib/errors';
import { fetchVideoModels } from '../../platform/models';
import { isRecord } from '../../platform/normalize';
import type { PlatformHttp } from '../../platform/types';

/** Older than this, a list is shown and refreshed behind it. */
export const MODELS_STALE_MS = 5 * 60_000;
const CATALOG_IDS: readonly CatalogId[] = ['t2v', 'i2v', 'r2v'];
const storeKey = (catalog: CatalogId) => `video.models.${catalog}`;

interface Entry {
  /** Which server and account the list belongs to. */
  scope: string;
  fetchedAt: number;
  models: VideoModel[];
}

export interface CatalogDeps {
  http: PlatformHttp;
  store: KeyValueStore;
  clock: Clock;
  logger: Logger;
  /** The server and account in use ('' while signed out): a list of another scope is not shown. */
  scope(): string;
}

export class ModelCatalog {
  private readonly memory = new Map<CatalogId, Entry>();
  private readonly inFlight = new Map<CatalogId, Promise<VideoModel[]>>();
  /** Replaced on every clear(): a fetch that started under an older one never lands. */
  private generation = {};

  constructor(private readonly deps: CatalogDeps) {}

  /** The cached list at once when there is one (refreshed behind it when stale), else the fetched one. */
  async models(catalog: CatalogId, options: { refresh?: boolean } = {}): Promise<VideoModel[]> {
    const cached = this.cached(catalog);
    if (options.refresh || !cached) return this.fetch(catalog);
    if (this.deps.clock.now() - cached.fetchedAt >= MODELS_STALE_MS) {
      this.fetch(catalog).catch((error: unknown) => this.deps.logger.warn('model list refresh failed', { catalog, code: codeOf(error) }));
    }
    return cached.models;
  }

  /** A model by id: under `catalog` when given, else the first catalog that lists it (fetching lists that are not cached). */
  async find(modelId: string, catalog?: CatalogId): Promise<VideoModel> {
    for (const id of catalog ? [catalog] : CATALOG_IDS) {
      const hit = this.cached(id)?.models.find((m) => m.id === modelId);
      if (hit) return hit;
    }
    for (const id of catalog ? [catalog] : CATALOG_IDS) {
      const hit = (await this.models(id)).find((m) => m.id === modelId);
      if (hit) return hit;
    }
    throw new AppError('not_found', `没有这个模型：${modelId} / No such model: ${modelId}`);
  }

  /**
   * The display name of a model by its id (or vendor model name), from the cached lists only
   * (never a request): under `catalog` first, then any catalog. Null when no cached list names it.
   * Tasks adopted from the platform carry only the id; downloads name files and sidecars with this.
   */
  cachedName(key: string, catalog?: CatalogId): string | null {
    if (!key) return null;
    // The named catalog first; looking in it a second time among the rest finds nothing new.
    const order = catalog ? [catalog, ...CATALOG_IDS] : CATALOG_IDS;
    for (const id of order) {
      const models = this.cached(id)?.models;
      if (!models) continue;
      const hit = models.find((m) => m.id === key) ?? models.find((m) => m.model === key);
      if (hit?.name) return hit.name;
    }
    return null;
  }

  /** Session or server changed: forget every list (memory and store); a fetch under way is dropped. */
  clear(): void {
    this.generation = {};
    this.memory.clear();
    this.inFlight.clear();
    for (const id of CATALOG_IDS) this.deps.store.set(storeKey(id), null);
  }

  private cached(catalog: CatalogId): Entry | null {
    const scope = this.deps.scope();
    const inMemory = this.memory.get(catalog);
    if (inMemory && inMemory.scope === scope) return inMemory;
    const stored = this.deps.store.get(storeKey(catalog)) as Entry | null | undefined;
    if (stored && stored.scope === scope && Array.isArray(stored.models)) {
      this.memory.set(catalog, stored);
      return stored;
    }
    return null;
  }

  private fetch(catalog: CatalogId): Promise<VideoModel[]> {
    const running = this.inFlight.get(catalog);
    if (running) return running;
    const generation = this.generation;
    const scope = this.deps.scope();
    const request = fetchVideoModels(this.deps.http, catalog).then((models) => {
      if (generation === this.generation) {
        const entry: Entry = { scope, fetchedAt: this.deps.clock.now(), models };
        this.memory.set(catalog, entry);
        this.deps.store.set(storeKey(catalog), entry);
      }
      return models;
    });
    this.inFlight.set(catalog, request);
    const done = () => {
      if (this.inFlight.get(catalog) === request) this.inFlight.delete(catalog);
    };
    request.then(done, done);
    return request;
  }
}

function codeOf(error: unknown): string {
  return isRecord(error) && 'code' in error ? String(error.code) : 'internal';
}
