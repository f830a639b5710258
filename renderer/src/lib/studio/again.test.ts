import { describe, expect, it } from 'vitest';
import { fieldOf } from '@/testing/studio-fields';
import { valuesFromTask } from './again';

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
