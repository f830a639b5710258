/** ModelCatalog on a counting fake platform: stale-while-revalidate, one request per catalog, scope and clear. */
import { describe, expect, it } from 'vitest';
import type { OkOrChoose, PlatformHttp } from '../../platform/types';
import { capturingLogger } from '../../testing/capturing-logger';
import { FakeClock, flushPromises } from '../../testing/fake-clock';
import { memoryStore } from '../../testing/memory-ports';
import { MODELS_STALE_MS, ModelCatalog } from './catalog';

function setup() {
  const clock = new FakeClock();
  const store = memoryStore();
  const calls: string[] = [];
  let version = 1;
  let release: (() => void) | null = null;
  const http: PlatformHttp = {
    get: async (_path, query) => {
      calls.push(String(query?.type));
      await new Promise<void>((resolve) => (release = resolve));
      release = null;
      return { kind: 'ok', data: [{ id: `M${version}`, name: `v${version}`, input_fields: [] }] } as OkOrChoose;
    },
    post: async () => ({ kind: 'ok', data: null }),
    baseUrl: () => 'https://p.example',
  };
  const scope = { value: 'srv|u1' };
  const catalog = new ModelCatalog({ http, store, clock, logger: capturingLogger(), scope: () => scope.value });
  const answer = async () => {
    await flushPromises();
    release?.();
    await flushPromises();
  };
  return { clock, store, calls, catalog, scope, answer, bump: () => (version += 1) };
}

describe('ModelCatalog', () => {
  it('shares one request per catalog, then answers from memory', async () => {
    const { calls, catalog, answer } = setup();
    const both = Promise.all([catalog.models('t2v'), catalog.models('t2v')]);
    await answer();
    const [a, b] = await both;
    expect(a).toBe(b);
    expect(await catalog.models('t2v')).toBe(a);
    expect(calls).toEqual(['文生视频']);
  });

  it('shows a stale list at once and refreshes it behind (stale-while-revalidate)', async () => {
    const { clock, calls, catalog, answer, bump } = setup();
    const first = catalog.models('i2v');
    await answer();
    expect((await first).map((m) => m.id)).toEqual(['M1']);
    bump();
    await clock.advance(MODELS_STALE_MS);
    expect((await catalog.models('i2v')).map((m) => m.id)).toEqual(['M1']);
    await answer();
    expect((await catalog.models('i2v')).map((m) => m.id)).toEqual(['M2']);
    expect(calls).toHaveLength(2);
  });

  it('does not show another account’s list, and a clear drops a fetch already under way', async () => {
    const { calls, catalog, store, scope, answer } = setup();
    const first = catalog.models('t2v');
    await answer();
    await first;
    scope.value = 'srv|u2';
    const second = catalog.models('t2v');
    catalog.clear();
    await answer();
    await second;
    expect(store.get('video.models.t2v')).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('finds a model across catalogs, not_found for a stale id', async () => {
    const { catalog, answer } = setup();
    const found = catalog.find('M1');
    await answer();
    expect((await found).id).toBe('M1');
    // t2v was never fetched: it is fetched once, then the id is known to be gone.
    const missing = catalog.find('gone', 't2v').catch((error: unknown) => error);
    await answer();
    expect(await missing).toMatchObject({ code: 'not_found' });
  });

  it('after a clear, asks again instead of joining the dropped request, and the late answer does not end the new one', async () => {
    const clock = new FakeClock();
    const store = memoryStore();
    const answers: ((version: string) => void)[] = [];
    const http: PlatformHttp = {
      get: () => new Promise((resolve) => answers.push((v) => resolve({ kind: 'ok', data: [{ id: v, input_fields: [] }] }))),
      post: async () => ({ kind: 'ok', data: null }),
      baseUrl: () => 'https://p.example',
    };
    const catalog = new ModelCatalog({ http, store, clock, logger: capturingLogger(), scope: () => 'srv|u1' });
    const dropped = catalog.models('t2v');
    catalog.clear();
    const fresh = catalog.models('t2v');
    expect(answers).toHaveLength(2);
    answers[0]!('old');
    expect((await dropped).map((m) => m.id)).toEqual(['old']);
    // The new request is still the one in flight: a third caller joins it.
    const joined = catalog.models('t2v');
    expect(answers).toHaveLength(2);
    answers[1]!('new');
    expect((await fresh).map((m) => m.id)).toEqual(['new']);
    expect(await joined).toBe(await fresh);
    expect(store.get('video.models.t2v')).toMatchObject({ models: [{ id: 'new' }] });
  });
});
