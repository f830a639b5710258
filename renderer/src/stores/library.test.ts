import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { LibraryFilter, LibraryItem } from '@contract';
import { fakeUser, installFakeBridge, ok } from '@/api/testing/fake-bridge';
import { installEvents } from '@/events';
import { matchesFilter } from '@/lib/library/filter';
import { fakeLibraryItem } from '@/testing/library';
import { useLibraryStore } from './library';

let uninstall: (() => void) | null = null;
afterEach(() => {
  uninstall?.();
  uninstall = null;
});

const item = (id: string, createdAt: number, extra: Partial<LibraryItem> = {}) => fakeLibraryItem({ id, createdAt, ...extra });

/** A fake main that filters like the contract says (the store must pass the filter through). */
function setup(all: LibraryItem[]) {
  const bridge = installFakeBridge({
    'library.list': (filter: LibraryFilter) => ok(all.filter((entry) => matchesFilter(entry, filter)).sort((a, b) => b.createdAt - a.createdAt)),
    'library.trash': () => ok(null),
  });
  const pinia = createPinia();
  setActivePinia(pinia);
  uninstall = installEvents(pinia);
  bridge.emit('session.changed', { user: fakeUser() });
  return { bridge, library: useLibraryStore(pinia) };
}

describe('library store', () => {
  it('lists newest first and passes only the narrowing parts of the filter', async () => {
    const { bridge, library } = setup([item('a', 1000), item('b', 3000, { prompt: 'Ｃａｔ on a roof' }), item('c', 2000)]);
    await library.ensureLoaded();
    expect(library.order).toEqual(['b', 'c', 'a']);
    await library.list({ query: '  cat ', modelId: '', catalog: undefined });
    expect(bridge.callsTo('library.list')).toEqual([{}, { query: 'cat' }]);
    expect(library.order).toEqual(['b']);
  });

  it('places a new video from an event when it matches what is shown, and updates one in place', async () => {
    const { bridge, library } = setup([item('a', 1000), item('c', 3000)]);
    await library.ensureLoaded();
    bridge.emit('library.changed', item('b', 2000));
    await vi.waitFor(() => expect(library.order).toEqual(['c', 'b', 'a']));
    const before = library.order;
    bridge.emit('library.changed', item('a', 1000, { missing: true }));
    await flushPromises();
    expect(library.order).toBe(before);
    expect(library.byId.get('a')?.missing).toBe(true);
    expect(bridge.callsTo('library.list')).toHaveLength(1);
  });

  it('keeps a new video that does not match the search off the list', async () => {
    const { bridge, library } = setup([item('a', 1000, { prompt: '白鹭' })]);
    await library.list({ query: '白鹭' });
    bridge.emit('library.changed', item('b', 2000, { prompt: '猫' }));
    await vi.waitFor(() => expect(library.byId.has('b')).toBe(true));
    expect(library.order).toEqual(['a']);
    expect(library.models).toEqual([{ id: 'vidu-q1-t2v', name: 'Vidu Q1' }]);
  });

  it('removes a trashed video once main confirms', async () => {
    const { bridge, library } = setup([item('a', 1000), item('b', 2000)]);
    await library.ensureLoaded();
    await library.trash('a');
    expect(bridge.callsTo('library.trash')).toEqual([{ id: 'a' }]);
    expect(library.order).toEqual(['b']);
    expect(library.byId.has('a')).toBe(false);
  });
});
