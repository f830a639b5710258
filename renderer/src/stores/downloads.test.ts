import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { effectScope, watchEffect } from 'vue';
import type { DownloadView } from '@contract';
import { fakeUser, installFakeBridge, ok } from '@/api/testing/fake-bridge';
import { installEvents } from '@/events';
import { fakeDownload } from '@/testing/library';
import { useDownloadsStore } from './downloads';

let uninstall: (() => void) | null = null;
afterEach(() => {
  uninstall?.();
  uninstall = null;
});

async function loadedWith(listed: DownloadView[] | (() => Promise<DownloadView[]>)) {
  const bridge = installFakeBridge({ 'downloads.list': async () => ok(typeof listed === 'function' ? await listed() : listed) });
  const pinia = createPinia();
  setActivePinia(pinia);
  uninstall = installEvents(pinia);
  bridge.emit('session.changed', { user: fakeUser() });
  const downloads = useDownloadsStore(pinia);
  return { bridge, downloads };
}

describe('downloads store', () => {
  it('reads the list once, newest first, and groups each task\'s videos', async () => {
    const { bridge, downloads } = await loadedWith([
      fakeDownload({ id: 'a', localId: 'a', addedAt: 1000 }),
      fakeDownload({ id: 'b#2', localId: 'b', addedAt: 3000 }),
      fakeDownload({ id: 'b', localId: 'b', addedAt: 2000 }),
    ]);
    await downloads.ensureLoaded();
    await downloads.ensureLoaded();
    expect(bridge.callsTo('downloads.list')).toHaveLength(1);
    expect(downloads.order).toEqual(['b#2', 'b', 'a']);
    expect(downloads.forTask('b').map((view) => view.id)).toEqual(['b', 'b#2']);
    expect(downloads.forTask('none')).toEqual([]);
    expect(downloads.activeCount).toBe(3);
  });

  it('keeps current from events, and only the changed task\'s reader re-runs', async () => {
    const { bridge, downloads } = await loadedWith([fakeDownload({ id: 'a', localId: 'a' }), fakeDownload({ id: 'b', localId: 'b' })]);
    await downloads.ensureLoaded();
    const runs = { a: 0, b: 0 };
    const scope = effectScope();
    scope.run(() => {
      watchEffect(() => void (downloads.forTask('a'), (runs.a += 1)));
      watchEffect(() => void (downloads.forTask('b'), (runs.b += 1)));
    });
    bridge.emit('download.changed', fakeDownload({ id: 'a', localId: 'a', bytesDone: 90 * 1024 * 1024 }));
    await vi.waitFor(() => expect(downloads.byId.get('a')?.bytesDone).toBe(90 * 1024 * 1024));
    await flushPromises();
    bridge.emit('download.changed', fakeDownload({ id: 'a', localId: 'a', state: 'done', bytesDone: 100 * 1024 * 1024, speed: 0 }));
    await flushPromises();
    expect(downloads.byId.get('a')?.state).toBe('done');
    expect(runs).toEqual({ a: 3, b: 1 });
    expect(downloads.activeCount).toBe(1);
    expect(bridge.callsTo('downloads.list')).toHaveLength(1);
    scope.stop();
  });

  it('places a download that arrives by event, and an event during the list read wins over its answer', async () => {
    let answer: (views: DownloadView[]) => void = () => undefined;
    const { bridge, downloads } = await loadedWith(() => new Promise((resolve) => (answer = resolve)));
    const loading = downloads.ensureLoaded();
    await vi.waitFor(() => expect(bridge.callsTo('downloads.list')).toHaveLength(1));
    bridge.emit('download.changed', fakeDownload({ id: 'a', localId: 'a', state: 'done', addedAt: 1000 }));
    await vi.waitFor(() => expect(downloads.byId.get('a')?.state).toBe('done'));
    answer([fakeDownload({ id: 'a', localId: 'a', state: 'running', addedAt: 1000 }), fakeDownload({ id: 'c', localId: 'c', addedAt: 3000 })]);
    await loading;
    expect(downloads.byId.get('a')?.state).toBe('done');
    expect(downloads.order).toEqual(['c', 'a']);
  });

  it('starts a task\'s downloads and applies each action\'s answer', async () => {
    const { bridge, downloads } = await loadedWith([]);
    bridge.handle({
      'downloads.start': ({ localId }) => ok([fakeDownload({ id: localId, localId, state: 'queued', bytesDone: 0 })]),
      'downloads.pause': ({ id }) => ok(fakeDownload({ id, localId: id, state: 'paused', speed: 0 })),
    });
    await downloads.ensureLoaded();
    await downloads.start('t1');
    expect(downloads.forTask('t1')[0]?.state).toBe('queued');
    expect(downloads.activeCount).toBe(1);
    await downloads.pause('t1');
    expect(downloads.byId.get('t1')?.state).toBe('paused');
    expect(downloads.activeCount).toBe(0);
    expect(bridge.callsTo('downloads.pause')).toEqual([{ id: 't1' }]);
  });
});
