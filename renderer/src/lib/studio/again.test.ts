import { describe, expect, it } from 'vitest';
import { fieldOf } from '@/testing/studio-fields';
import { paramsWithFreshImages, valuesFromTask } from './again';

describe('valuesFromTask', () => {
  it('brings back the values and the local copies of the images', () => {
    const fields = [fieldOf('prompt', 'text'), fieldOf('duration', 'int', { min: 1, max: 16 }), fieldOf('image_file', 'image'), fieldOf('refs', 'image', { multiple: true })];
    const values = valuesFromTask(fields, { prompt: '白鹭', duration: 8, image_file: '/data/inputs/a.png', refs: ['/data/inputs/b.webp', 'C:\\data\\c.jpg'] });
    expect(values.prompt).toBe('白鹭');
    expect(values.duration).toBe(8);
    expect(values.image_file).toMatchObject({ path: '/data/inputs/a.png', name: 'a.png', type: 'image/png' });
    expect((values.refs as { name: string }[]).map((file) => file.name)).toEqual(['b.webp', 'c.jpg']);
  });
});

describe('paramsWithFreshImages', () => {
  const fields = [fieldOf('prompt', 'text'), fieldOf('image_file', 'image'), fieldOf('refs', 'image', { multiple: true })];

  it('puts the fresh copies in the file fields, in field order', () => {
    const params = { prompt: '白鹭', image_file: '/old/a.png', refs: ['/old/b.png', '/old/c.png'] };
    const next = paramsWithFreshImages(fields, params, ['/new/1.png', '/new/2.png', '/new/3.png']);
    expect(next).toEqual({ prompt: '白鹭', image_file: '/new/1.png', refs: ['/new/2.png', '/new/3.png'] });
    expect(params.image_file).toBe('/old/a.png'); // not changed in place
  });

  it('leaves params alone when main already wrote the fresh paths, or there are no copies', () => {
    const params = { prompt: '白鹭', image_file: '/new/1.png' };
    expect(paramsWithFreshImages(fields, params, ['/new/1.png'])).toBe(params);
    expect(paramsWithFreshImages(fields, { prompt: 'x', image_file: '/old/a.png' }, [])).toEqual({ prompt: 'x', image_file: '/old/a.png' });
  });
});
