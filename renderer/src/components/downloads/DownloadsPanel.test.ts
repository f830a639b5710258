import '@/testing/tall-layout';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import type { DownloadView } from '@contract';
import LibraryView from '@/views/LibraryView.vue';
import { fakeUser, installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';
import { byId, click } from '@/testing/dom';
import { fakeDownload, fakeLibraryItem } from '@/testing/library';

enableAutoUnmount(afterEach);
afterEach(() => {
  document.body.innerHTML = '';
});

const MB = 1024 * 1024;

async function mountDownloads(views: DownloadView[], locale: 'zh-CN' | 'en' = 'zh-CN') {
  const bridge = installFakeBridge({
    'auth.state': () => ok({ user: fakeUser() }),
    'downloads.list': () => ok(views),
    'downloads.pause': ({ id }) => ok({ ...views.find((view) => view.id === id)!, state: 'paused', speed: 0, etaSeconds: null }),
    'downloads.retry': ({ id }) => ok({ ...views.find((view) => view.id === id)!, state: 'queued', error: null }),
    'downloads.openInBrowser': () => ok(null),
    'library.list': () => ok([fakeLibraryItem({ id: 'lib-done', localId: 'done', relPath: 'sub/done.mp4' })]),
    'library.reveal': () => ok(null),
  });
  const mounted = await mountWithProviders(LibraryView, { path: '/library?tab=downloads', locale });
  await vi.waitFor(() => expect(byId('downloads-panel')).not.toBeNull(), { timeout: 4000 });
  if (views.length) await vi.waitFor(() => expect(document.querySelector('[data-testid^="download-"][data-state]')).not.toBeNull(), { timeout: 4000 });
  return { bridge, ...mounted };
}

const item = (id: string) => byId(`download-${id}`);
const part = (id: string, testid: string) => item(id)?.querySelector<HTMLElement>(`[data-testid="${testid}"]`) ?? null;
const text = (id: string, testid: string) => part(id, testid)?.textContent?.trim() ?? null;

describe('the downloads tab of the library', () => {
  it('shows name, size, progress, speed, time left, the link countdown and the state in words', async () => {
    await mountDownloads([fakeDownload({ id: 'run', localId: 'run', name: '白鹭.mp4', bytesDone: 25 * MB, bytesTotal: 100 * MB, speed: 5 * MB, etaSeconds: 15, expiresAt: Date.now() + 30 * 60_000 + 500 })]);
    expect(item('run')?.textContent).toContain('白鹭.mp4');
    expect(text('run', 'download-state')).toBe('下载中');
    expect(text('run', 'download-size')).toBe('25.0 MB / 100 MB');
    expect(text('run', 'download-percent')).toBe('25%');
    expect(text('run', 'download-speed')).toBe('5.0 MB/秒');
    expect(text('run', 'download-eta')).toBe('剩余 00:15');
    expect(text('run', 'download-expiry')).toMatch(/^链接 30:0[01] 后过期$/);
    expect(item('run')?.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('25');
    expect(byId('library-tab')?.textContent).toContain('下载（1）');
  });

  it('follows progress events, and says a failure in words with retry and open in browser', async () => {
    const failed = fakeDownload({ id: 'bad', localId: 'bad', state: 'failed', speed: 0, error: { code: 'expired_link', message: 'HTTP 403' }, canOpenInBrowser: true });
    const { bridge } = await mountDownloads([fakeDownload({ id: 'run', localId: 'run' }), failed]);
    expect(text('bad', 'download-state')).toBe('下载失败');
    expect(text('bad', 'download-error')).toContain('下载链接已失效');
    expect(part('bad', 'download-pause')).toBeNull();
    expect(part('run', 'download-openInBrowser')).toBeNull();
    bridge.emit('download.changed', fakeDownload({ id: 'run', localId: 'run', bytesDone: 80 * MB }));
    await vi.waitFor(() => expect(text('run', 'download-percent')).toBe('80%'));
    part('bad', 'download-retry')!.click();
    part('bad', 'download-openInBrowser')!.click();
    part('run', 'download-pause')!.click();
    await flushPromises();
    expect(bridge.callsTo('downloads.retry')).toEqual([{ id: 'bad' }]);
    expect(bridge.callsTo('downloads.openInBrowser')).toEqual([{ id: 'bad' }]);
    expect(bridge.callsTo('downloads.pause')).toEqual([{ id: 'run' }]);
    await vi.waitFor(() => expect(text('run', 'download-state')).toBe('已暂停'));
    expect(part('run', 'download-resume')).not.toBeNull();
  });

  it('shows an unknown error code with main\'s message, and finished ones under "all" with their folder', async () => {
    const { bridge } = await mountDownloads(
      [
        fakeDownload({ id: 'odd', localId: 'odd', state: 'failed', error: { code: 'something_new', message: 'The vendor said no' } }),
        fakeDownload({ id: 'done', localId: 'done', name: 'done.mp4', state: 'done', bytesDone: 12 * MB, bytesTotal: 12 * MB, speed: 0, file: '/v/sub/done.mp4' }),
      ],
      'en',
    );
    expect(text('odd', 'download-error')).toBe('Reason: The vendor said no');
    expect(item('done')).toBeNull();
    await click('downloads-show-all');
    await vi.waitFor(() => expect(item('done')).not.toBeNull());
    expect(text('done', 'download-state')).toBe('Downloaded');
    expect(part('done', 'download-expiry')).toBeNull();
    expect(part('done', 'download-cancel')).toBeNull();
    part('done', 'download-openFolder')!.click();
    await vi.waitFor(() => expect(bridge.callsTo('library.reveal')).toEqual([{ id: 'lib-done' }]));
  });
});
