import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import { byId, click } from '@/testing/dom';
import type { PickedFile } from '@/lib/studio/fields';
import { MAX_IMAGE_BYTES } from '@/lib/studio/image-check';
import { fieldOf, pngOf } from '@/testing/studio-fields';
import { errorOf, mountForm } from '@/testing/studio-form';

enableAutoUnmount(afterEach);

const pickedQueue = (...files: (PickedFile | null)[]) => vi.fn(async () => files.shift() ?? null);
const problemText = (name: string) => byId(`studio-control-${name}-problem`)?.textContent?.trim() ?? null;
const thumbs = (name: string) => [...document.querySelectorAll<HTMLImageElement>(`[data-testid="studio-control-${name}-item"] img`)];

describe('DynamicForm image fields', () => {
  it('asks main for a file through pickImage, then shows a preview with a remove button', async () => {
    const image = fieldOf('image_file', 'image', { label: '首帧', accept: 'image/png' });
    const pickImage = pickedQueue(pngOf('cat.png'));
    const form = await mountForm([image], { pickImage });
    await click('studio-control-image_file-pick');
    expect(pickImage).toHaveBeenCalledWith(image);
    expect(form.values.value.image_file).toMatchObject({ path: '/home/lin/图片/cat.png' });
    expect(thumbs('image_file').map((img) => [img.getAttribute('src'), img.alt])).toEqual([['blob:preview/cat.png', 'cat.png']]);
    expect(byId('studio-control-image_file-pick')?.textContent).toContain('更换');

    expect(byId('studio-control-image_file-remove')?.getAttribute('aria-label')).toBe('移除 cat.png');
    await click('studio-control-image_file-remove');
    expect(form.values.value.image_file).toBeNull();
    expect(thumbs('image_file')).toHaveLength(0);
  });

  it('keeps the value when the user cancels the dialog', async () => {
    const form = await mountForm([fieldOf('image_file', 'image')], { values: { image_file: pngOf('kept.png') }, pickImage: pickedQueue(null) });
    await click('studio-control-image_file-pick');
    expect(form.values.value.image_file).toMatchObject({ name: 'kept.png' });
    expect(problemText('image_file')).toBeNull();
  });

  it.each([
    ['a GIF', { type: 'image/gif' }, '不支持此图片格式（image/gif），请使用 JPG、PNG 或 WebP'],
    ['a 127 px side', { width: 127, height: 400 }, '图片太小（127×400 像素），短边至少需要 128 像素'],
    ['a 1:5 strip', { width: 200, height: 1000 }, '图片宽高比不合适（200×1000），需在 1:4 到 4:1 之间'],
    ['7 MiB and one byte', { bytes: MAX_IMAGE_BYTES + 1 }, '图片太大（7.1 MiB），最大 7.0 MiB，请压缩后再试'],
  ])('refuses %s with a clear sentence and leaves the value empty', async (_case, change, sentence) => {
    const form = await mountForm([fieldOf('image_file', 'image')], { pickImage: pickedQueue({ ...pngOf('bad.png'), ...change }) });
    await click('studio-control-image_file-pick');
    expect(problemText('image_file')).toBe(sentence);
    expect(form.values.value.image_file ?? null).toBeNull();
  });

  it('accepts the boundary image: 128 px, exactly 1:4, exactly 7 MiB', async () => {
    const form = await mountForm([fieldOf('image_file', 'image')], { pickImage: pickedQueue(pngOf('edge.png', 128, 512, MAX_IMAGE_BYTES)) });
    await click('studio-control-image_file-pick');
    expect(problemText('image_file')).toBeNull();
    expect(form.values.value.image_file).toMatchObject({ name: 'edge.png' });
  });

  it('checks images picked through a generic file field, and takes audio as it is', async () => {
    const gif = { ...pngOf('anim.gif'), type: 'image/gif' };
    const mp3: PickedFile = { path: '/music/bgm.mp3', name: 'bgm.mp3', type: 'audio/mpeg', bytes: 9 * 1024 * 1024 };
    const form = await mountForm([fieldOf('attachment', 'file'), fieldOf('bgm', 'audio')], { pickImage: pickedQueue(gif, mp3) });
    await click('studio-control-attachment-pick');
    expect(problemText('attachment')).toContain('image/gif');
    await click('studio-control-bgm-pick');
    expect(form.values.value.bgm).toEqual(mp3);
    expect(byId('studio-control-bgm-item')?.textContent).toContain('bgm.mp3');
  });

  it('explains a dialog that failed', async () => {
    await mountForm([fieldOf('image_file', 'image')], { pickImage: vi.fn(async () => Promise.reject(new Error('EACCES'))) });
    await click('studio-control-image_file-pick');
    expect(problemText('image_file')).toBe('无法打开文件：应用内部错误（EACCES）');
  });
});

describe('DynamicForm reference images (multiple)', () => {
  const images = fieldOf('images', 'image', { multiple: true, min: 2, max: 3, required: true });

  it('adds images up to the maximum, then disables the picker', async () => {
    const form = await mountForm([images], { pickImage: pickedQueue(pngOf('a.png'), pngOf('b.png'), pngOf('c.png')) });
    expect(byId('studio-control-images-pick')?.textContent).toContain('添加图片');
    for (let n = 0; n < 3; n += 1) await click('studio-control-images-pick');
    expect((form.values.value.images as PickedFile[]).map((file) => file.name)).toEqual(['a.png', 'b.png', 'c.png']);
    expect(byId('studio-control-images-count')?.textContent?.trim()).toBe('已选 3 / 3 张');
    expect(byId('studio-control-images-pick')?.hasAttribute('disabled')).toBe(true);
  });

  it('removes the one image asked for', async () => {
    const form = await mountForm([images], { values: { images: [pngOf('a.png'), pngOf('b.png'), pngOf('c.png')] } });
    document.querySelectorAll<HTMLButtonElement>('[data-testid="studio-control-images-remove"]')[1].click();
    await flushPromises();
    expect((form.values.value.images as PickedFile[]).map((file) => file.name)).toEqual(['a.png', 'c.png']);
  });

  it('says how many more images are needed when validated', async () => {
    const form = await mountForm([images], { values: { images: [pngOf('a.png')] } });
    expect(form.validate()).toBe(false);
    await nextTick();
    expect(errorOf('images')).toBe('至少需要 2 张图片，当前 1 张');
  });
});
