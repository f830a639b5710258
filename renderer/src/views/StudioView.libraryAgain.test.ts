import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import StudioView from './StudioView.vue';
import { fail, fakeUser, installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';
import { byId } from '@/testing/dom';
import { fieldOf } from '@/testing/studio-fields';
import { control } from '@/testing/studio-form';
import { fakeModel, studioHandlers } from '@/testing/video';

enableAutoUnmount(afterEach);
afterEach(() => {
  document.body.innerHTML = '';
});

const i2v = fakeModel({
  id: 'kling-i2v',
  name: 'Kling 图生视频',
  catalog: 'i2v',
  fields: [fieldOf('prompt', 'text'), fieldOf('image_file', 'image', { required: true }), fieldOf('duration', 'int', { min: 1, max: 16, defaultValue: 5 })],
});

describe('StudioView ?libraryAgain=<id>', () => {
  it('asks main for the video\'s settings and fills type, model, values and the fresh image copy', async () => {
    const bridge = installFakeBridge({
      'auth.state': () => ok({ user: fakeUser() }),
      ...studioHandlers({ t2v: [fakeModel()], i2v: [i2v] }),
      'library.again': () =>
        ok({ modelId: 'kling-i2v', catalog: 'i2v', prompt: '屋顶上的猫', params: { prompt: '屋顶上的猫', image_file: '/old/inputs/cat.png', duration: 8 }, inputImages: ['/data/again/1.png'] }),
    });
    await mountWithProviders(StudioView, { path: '/studio?libraryAgain=lib-cat' });
    expect(bridge.callsTo('library.again')).toEqual([{ id: 'lib-cat' }]);
    await vi.waitFor(() => expect(byId('studio-again')?.textContent).toContain('屋顶上的猫'), { timeout: 4000 });
    expect(byId('studio-tab-i2v')?.getAttribute('aria-checked')).toBe('true');
    expect(byId('studio-model-kling-i2v')?.getAttribute('aria-checked')).toBe('true');
    expect(control('prompt')?.querySelector('textarea')?.value).toBe('屋顶上的猫');
    expect(control('duration')?.querySelector('input')?.value).toBe('8');
    expect(control('image_file')?.textContent).toContain('1.png');
    expect(control('image_file')?.textContent).not.toContain('cat.png');
    // The last form of that model was not asked for: the library's values win.
    expect(bridge.callsTo('video.lastForm')).not.toContainEqual({ modelId: 'kling-i2v' });
  });

  it('shows the fresh copy main already wrote into the params (a reinstall: the sent path is in the old data folder)', async () => {
    installFakeBridge({
      'auth.state': () => ok({ user: fakeUser() }),
      ...studioHandlers({ t2v: [fakeModel()], i2v: [i2v] }),
      'library.again': () =>
        ok({ modelId: 'kling-i2v', catalog: 'i2v', prompt: '屋顶上的猫', params: { image_file: '/new-data/inputs/fresh-cat.png', duration: 8 }, inputImages: ['/new-data/inputs/fresh-cat.png'] }),
    });
    await mountWithProviders(StudioView, { path: '/studio?libraryAgain=lib-cat' });
    await vi.waitFor(() => expect(control('image_file')?.textContent).toContain('fresh-cat.png'), { timeout: 4000 });
    expect(control('duration')?.querySelector('input')?.value).toBe('8');
  });

  it('says so when the video cannot be made again', async () => {
    installFakeBridge({ 'auth.state': () => ok({ user: fakeUser() }), ...studioHandlers(), 'library.again': () => fail('not_found', 'no such video') });
    await mountWithProviders(StudioView, { path: '/studio?libraryAgain=gone' });
    await vi.waitFor(() => expect(byId('studio-library-again-error')).not.toBeNull(), { timeout: 4000 });
    expect(byId('studio-library-again-error')?.textContent).toContain('无法按这个视频再来一次');
  });
});
