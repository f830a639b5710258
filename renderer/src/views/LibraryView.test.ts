import '@/testing/tall-layout';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import type { LibraryFilter, LibraryItem, VideoModel } from '@contract';
import LibraryView from './LibraryView.vue';
import { fakeUser, installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';
import { byId, click } from '@/testing/dom';
import { fakeLibraryItem } from '@/testing/library';
import { typeInto } from '@/testing/typing';
import { matchesFilter } from '@/lib/library/filter';
import { fakeModel } from '@/testing/video';

enableAutoUnmount(afterEach);
afterEach(() => {
  document.body.innerHTML = '';
});

const egret = fakeLibraryItem({ id: 'egret', prompt: '一只白鹭掠过湖面', createdAt: Date.now() - 1000 });
const cat = fakeLibraryItem({ id: 'cat', prompt: '屋顶上的猫', catalog: 'i2v', modelId: 'kling', modelName: 'Kling 2', createdAt: Date.now() - 2000 });
const gone = fakeLibraryItem({ id: 'gone', prompt: '被移走的视频', missing: true, createdAt: Date.now() - 3000 });

async function mountLibrary(items: LibraryItem[], path = '/library', models: VideoModel[] = []) {
  const bridge = installFakeBridge({
    'video.models': ({ catalog }) => ok(models.filter((model) => model.catalog === catalog)),
    'auth.state': () => ok({ user: fakeUser() }),
    'library.list': (filter: LibraryFilter) => ok(items.filter((item) => matchesFilter(item, filter))),
    'library.trash': () => ok(null),
    'library.reveal': () => ok(null),
    'library.openExternal': () => ok(null),
  });
  const mounted = await mountWithProviders(LibraryView, { path });
  if (items.length) await vi.waitFor(() => expect(document.querySelector('[data-testid^="library-item-"]')).not.toBeNull(), { timeout: 4000 });
  return { bridge, ...mounted };
}

const card = (id: string) => byId(`library-item-${id}`);
const within = (id: string, testid: string) => card(id)?.querySelector<HTMLElement>(`[data-testid="${testid}"]`) ?? null;

describe('LibraryView', () => {
  it('shows a grid with poster frames of the videos in view, and a missing file as moved or deleted', async () => {
    await mountLibrary([egret, cat, gone]);
    const poster = card('egret')?.querySelector('video');
    expect(poster?.getAttribute('src')).toBe(`${egret.mediaUrl}#t=0.5`);
    expect(poster?.getAttribute('preload')).toBe('metadata');
    expect(poster?.muted).toBe(true);
    expect(byId('library-count')?.textContent).toContain('3');
    // Missing: no poster, no play, said in words (not an error), the sidecar's prompt still shown.
    expect(card('gone')?.querySelector('video')).toBeNull();
    expect(within('gone', 'library-missing')?.textContent).toContain('已移动或删除');
    expect(card('gone')?.textContent).toContain('被移走的视频');
    expect(within('gone', 'library-reveal')).toBeNull();
    expect(within('gone', 'library-again')).not.toBeNull();
    expect(document.querySelector('[role="alert"]')).toBeNull();
  });

  it('names the model of a video whose task was adopted (its sidecar carries only the model id)', async () => {
    const id = 'BjhzpdzWAkCrP4ekOot_R';
    const adopted = fakeLibraryItem({ id: 'adopted', prompt: '小男孩在海边放风筝', catalog: 't2v', modelId: id, modelName: id });
    const { bridge } = await mountLibrary([adopted, cat], '/library', [fakeModel({ id, name: 'Vidu Q3 文生视频', catalog: 't2v' })]);
    await vi.waitFor(() => expect(card('adopted')?.textContent).toContain('Vidu Q3 文生视频'));
    expect(card('adopted')?.textContent).not.toContain(id);
    expect(card('cat')?.textContent).toContain('Kling 2');
    // The model filter offers the name too; only the catalog lacking a name is asked for.
    byId('library-filter-model')!.querySelector<HTMLElement>('.n-base-selection')!.click();
    await vi.waitFor(() => expect([...document.querySelectorAll('.n-base-select-option')].map((node) => node.textContent)).toContain('Vidu Q3 文生视频'));
    expect(bridge.callsTo('video.models')).toEqual([{ catalog: 't2v' }]);
  });

  it('searches by prompt after a pause in typing, with one call for the whole word', async () => {
    const { bridge } = await mountLibrary([egret, cat]);
    const input = byId('library-search')?.querySelector('input');
    await typeInto(input, '白');
    await typeInto(input, '白鹭');
    expect(bridge.callsTo('library.list')).toEqual([{}]);
    await vi.waitFor(() => expect(bridge.callsTo('library.list')).toEqual([{}, { query: '白鹭' }]));
    await vi.waitFor(() => expect(card('cat')).toBeNull());
    expect(card('egret')).not.toBeNull();
  });

  it('filters by type at once', async () => {
    const { bridge } = await mountLibrary([egret, cat]);
    byId('library-filter-type')!.querySelector<HTMLElement>('.n-base-selection')!.click();
    const option = await vi.waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('.n-base-select-option')].find((node) => node.textContent?.includes('图生视频'));
      expect(found).toBeDefined();
      return found!;
    });
    option.click();
    await flushPromises();
    await vi.waitFor(() => expect(bridge.callsTo('library.list').at(-1)).toEqual({ catalog: 'i2v' }));
    await vi.waitFor(() => expect(card('egret')).toBeNull());
    expect(card('cat')).not.toBeNull();
  });

  it('asks before moving a video to the trash, and removes it once done', async () => {
    const { bridge } = await mountLibrary([egret, cat]);
    within('egret', 'library-trash')!.click();
    await vi.waitFor(() => expect(byId('library-trash-confirm')).not.toBeNull());
    expect(byId('library-trash-prompt')?.textContent).toContain('一只白鹭掠过湖面');
    await click('library-trash-cancel');
    expect(bridge.callsTo('library.trash')).toEqual([]);
    await vi.waitFor(() => expect(byId('library-trash-confirm')).toBeNull());
    within('egret', 'library-trash')!.click();
    await vi.waitFor(() => expect(byId('library-trash-confirm')).not.toBeNull());
    await click('library-trash-confirm');
    expect(bridge.callsTo('library.trash')).toEqual([{ id: 'egret' }]);
    await vi.waitFor(() => expect(card('egret')).toBeNull());
  });

  it('plays inside the app, opens the folder and the system player, and makes a video again in the studio', async () => {
    const { bridge, router } = await mountLibrary([egret]);
    within('egret', 'library-play')!.click();
    await vi.waitFor(() => expect(byId('library-video')).not.toBeNull());
    const video = byId('library-video') as HTMLVideoElement;
    expect(video.getAttribute('src')).toBe(egret.mediaUrl);
    expect(video.hasAttribute('controls')).toBe(true);
    within('egret', 'library-reveal')!.click();
    within('egret', 'library-openExternal')!.click();
    await flushPromises();
    expect(bridge.callsTo('library.reveal')).toEqual([{ id: 'egret' }]);
    expect(bridge.callsTo('library.openExternal')).toEqual([{ id: 'egret' }]);
    within('egret', 'library-again')!.click();
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/studio'));
    expect(router.currentRoute.value.query).toEqual({ libraryAgain: 'egret' });
  });

  it('lists in rows, and a new download appears without reading the library again', async () => {
    const { bridge } = await mountLibrary([egret]);
    await click('library-layout');
    (document.querySelector('[data-testid="library-layout"] [data-value="list"]') as HTMLElement).click();
    await flushPromises();
    await vi.waitFor(() => expect(within('egret', 'library-play')?.tagName).toBe('BUTTON'));
    expect(card('egret')?.querySelector('video')).toBeNull();
    bridge.emit('library.changed', cat);
    await vi.waitFor(() => expect(card('cat')).not.toBeNull());
    expect(bridge.callsTo('library.list')).toHaveLength(1);
  });

  it('when empty, says where videos will appear and links to the settings', async () => {
    const bridge = installFakeBridge({ 'auth.state': () => ok({ user: fakeUser() }) });
    bridge.settings = { ...bridge.settings, downloadDir: '/home/u/视频/元境' };
    await mountWithProviders(LibraryView, { path: '/library' });
    await vi.waitFor(() => expect(byId('library-empty')).not.toBeNull());
    expect(byId('library-empty-folder')?.textContent).toContain('/home/u/视频/元境');
    expect(byId('library-to-settings')?.getAttribute('href')).toContain('/settings');
  });
});
