/** ModelCatalog lookups on a fake platform that answers at once: find, cachedName, the stored list, staleness and failures. */
import { describe, expect, it } from 'vitest';
import type { CatalogId } from '../../../preload/contract/models/video';
import { CATALOG_NAMES } from '../../platform/models';
import type { PlatformHttp } from '../../platform/types';
import { capturingLogger } from '../../testing/capturing-logger';
import { FakeClock, flushPromises } from '../../testing/fake-clock';
import { memoryStore } from '../../testing/memory-ports';
import { MODELS_STALE_MS, ModelCatalog } from './catalog';

type Row = { id: string; name?: string; model?: string };

function setup(lists: Partial<Record<CatalogId, Row[]>>) {
  const clock = new FakeClock();
  const store = memoryStore();
  const logger = capturingLogger();
  const asked: CatalogId[] = [];
  const failing: { error: unknown } = { error: null };
  const byName = Object.fromEntries(Object.entries(CATALOG_NAMES).map(([id, name]) => [name, id as CatalogId]));
  const http: PlatformHttp = {
    get: async (_path, query) => {
      const catalog = byName[String(query?.type)]!;
      asked.push(catalog);
      if (failing.error) throw failing.error;
      return { kind: 'ok', data: (lists[catalog] ?? []).map((row) => ({ input_fields: [], ...row })) };
    },
    post: async () => ({ kind: 'ok', data: null }),
    baseUrl: () => 'https://p.example',
  };
  const scope = { value: 'srv|u1' };
  const catalog = new ModelCatalog({ http, store, clock, logger, scope: () => scope.value });
  return { clock, store, logger, asked, failing, catalog, scope };
}

describe('ModelCatalog.find', () => {
  it('looks only in the catalog named, fetching it when it is not cached', async () => {
    const { catalog, asked } = setup({ t2v: [{ id: 'A' }], i2v: [{ id: 'B' }] });
    await expect(catalog.find('B', 't2v')).rejects.toMatchObject({ code: 'not_found', message: '没有这个模型：B / No such model: B' });
    expect((await catalog.find('B', 'i2v')).catalog).toBe('i2v');
    expect(asked).toEqual(['t2v', 'i2v']);
  });

  it('finds a model in a stale list without asking for a fresh one (a submission costs no list request)', async () => {
    const { catalog, clock, asked } = setup({ t2v: [{ id: 'A' }] });
    await catalog.models('t2v');
    await clock.advance(MODELS_STALE_MS);
    expect((await catalog.find('A', 't2v')).id).toBe('A');
    expect((await catalog.find('A')).id).toBe('A');
    await flushPromises();
    expect(asked).toEqual(['t2v']);
  });

  it('answers from any cached list before asking the platform for the others', async () => {
    const { catalog, asked } = setup({ t2v: [{ id: 'A' }], r2v: [{ id: 'C' }] });
    await catalog.models('r2v');
    expect((await catalog.find('C')).catalog).toBe('r2v');
    expect(asked).toEqual(['r2v']);
    // Not cached anywhere: the lists are fetched in catalog order until one lists it.
    await expect(catalog.find('Z')).rejects.toMatchObject({ code: 'not_found' });
    expect(asked).toEqual(['r2v', 't2v', 'i2v']);
  });
});

describe('ModelCatalog.cachedName', () => {
  it('names a model by id or vendor name from cached lists only, the catalog given first', async () => {
    const { catalog, asked } = setup({ t2v: [{ id: 'A', name: 'Vidu 文生', model: 'viduq3' }], i2v: [{ id: 'A', name: 'Vidu 图生', model: 'viduq3' }] });
    expect(catalog.cachedName('A')).toBeNull();
    expect(asked).toEqual([]);
    await catalog.models('t2v');
    await catalog.models('i2v');
    expect(catalog.cachedName('A')).toBe('Vidu 文生');
    expect(catalog.cachedName('A', 'i2v')).toBe('Vidu 图生');
    expect(catalog.cachedName('viduq3', 'i2v')).toBe('Vidu 图生');
    expect(catalog.cachedName('viduq3', 'r2v')).toBe('Vidu 文生');
    expect(catalog.cachedName('')).toBeNull();
    expect(catalog.cachedName('other')).toBeNull();
  });

  it('prefers an id match over a vendor-name match in the same list', async () => {
    const { catalog } = setup({ t2v: [{ id: 'X', name: 'by vendor name', model: 'K' }, { id: 'K', name: 'by id' }] });
    await catalog.models('t2v');
    expect(catalog.cachedName('K')).toBe('by id');
    // 'K' (by id) has no vendor name: an empty key must not find it that way.
    expect(catalog.cachedName('')).toBeNull();
  });
});

describe('ModelCatalog cache', () => {
  it('shows the stored list of the same account after a restart without asking, and ignores another account’s', async () => {
    const first = setup({ t2v: [{ id: 'A' }] });
    await first.catalog.models('t2v');
    const stored = first.store.get('video.models.t2v');
    expect(stored).toMatchObject({ scope: 'srv|u1', fetchedAt: first.clock.now(), models: [{ id: 'A' }] });

    const restarted = setup({ t2v: [{ id: 'B' }] });
    restarted.store.set('video.models.t2v', stored);
    expect((await restarted.catalog.models('t2v')).map((m) => m.id)).toEqual(['A']);
    expect(restarted.asked).toEqual([]);
    restarted.scope.value = 'srv|u2';
    expect((await restarted.catalog.models('t2v')).map((m) => m.id)).toEqual(['B']);
  });

  it('reads the settings store once per catalog, then answers from memory', async () => {
    const { catalog, store } = setup({ t2v: [{ id: 'A' }] });
    await catalog.models('t2v');
    const reads: string[] = [];
    const get = store.get.bind(store);
    store.get = (key) => {
      reads.push(key);
      return get(key);
    };
    await catalog.models('t2v');
    await catalog.find('A', 't2v');
    expect(catalog.cachedName('A', 't2v')).toBe('A');
    expect(reads).toEqual([]);
  });

  it('ignores a stored entry without a model list', async () => {
    const { catalog, store, asked } = setup({ t2v: [{ id: 'A' }] });
    store.set('video.models.t2v', { scope: 'srv|u1', fetchedAt: 0, models: 'broken' });
    expect((await catalog.models('t2v')).map((m) => m.id)).toEqual(['A']);
    expect(asked).toEqual(['t2v']);
  });

  it('refreshes only once the list is five minutes old, and on request at once', async () => {
    const { catalog, clock, asked } = setup({ t2v: [{ id: 'A' }] });
    await catalog.models('t2v');
    await clock.advance(MODELS_STALE_MS - 1);
    await catalog.models('t2v');
    await flushPromises();
    expect(asked).toHaveLength(1);
    await catalog.models('t2v', { refresh: true });
    expect(asked).toHaveLength(2);
  });

  it('keeps showing the list when a background refresh fails, logs the code, and tries again next time', async () => {
    const { catalog, clock, asked, failing, logger } = setup({ t2v: [{ id: 'A' }] });
    await catalog.models('t2v');
    await clock.advance(MODELS_STALE_MS);
    failing.error = Object.assign(new Error('down'), { code: 'timeout' });
    expect((await catalog.models('t2v')).map((m) => m.id)).toEqual(['A']);
    await flushPromises();
    expect(logger.lines.map((l) => JSON.parse(l))).toEqual([{ level: 'warn', message: 'model list refresh failed', fields: { catalog: 't2v', code: 'timeout' } }]);
    failing.error = 'not an object';
    await catalog.models('t2v');
    await flushPromises();
    failing.error = new Error('no code');
    await catalog.models('t2v');
    await flushPromises();
    expect(logger.lines.slice(1).map((l) => JSON.parse(l).fields)).toEqual([{ catalog: 't2v', code: 'internal' }, { catalog: 't2v', code: 'internal' }]);
    expect(asked).toHaveLength(4);
  });

  it('asks again after a failed fetch instead of sharing the failure', async () => {
    const { catalog, asked, failing } = setup({ i2v: [{ id: 'B' }] });
    failing.error = new Error('down');
    await expect(catalog.models('i2v')).rejects.toThrow('down');
    failing.error = null;
    expect((await catalog.models('i2v')).map((m) => m.id)).toEqual(['B']);
    expect(asked).toEqual(['i2v', 'i2v']);
  });

  it('forgets every catalog’s list on clear, in memory and in the store', async () => {
    const { catalog, store, asked } = setup({ t2v: [{ id: 'A' }], i2v: [{ id: 'B' }], r2v: [{ id: 'C' }] });
    for (const id of ['t2v', 'i2v', 'r2v'] as const) await catalog.models(id);
    catalog.clear();
    expect(['t2v', 'i2v', 'r2v'].map((id) => store.get(`video.models.${id}`))).toEqual([null, null, null]);
    expect(catalog.cachedName('A')).toBeNull();
    await catalog.models('i2v');
    expect(asked).toEqual(['t2v', 'i2v', 'r2v', 'i2v']);
  });
});
