/** A model's form in one shape (§3.12, §10.4, §10.5): flags, kinds, defaults, options, the list's wrappers and the documented fallback. */
import { describe, expect, it } from 'vitest';
import { fallbackFields, IMAGE_FILE_FIELD, modelFields, normaliseField } from './model-fields';

describe('normaliseField', () => {
  it('reads a flag from true, 1, "1", "true", "y" and "yes" in any case; anything else is off', () => {
    for (const on of [true, 1, '1', 'true', 'TRUE', 'y', 'Yes']) expect(normaliseField({ name: 'a', required: on })?.required).toBe(true);
    for (const off of [false, 0, 2, '0', 'no', 'false', '', null, undefined, 'yes please']) expect(normaliseField({ name: 'a', required: off })?.required).toBe(false);
    expect(normaliseField({ name: 'a', readonly: 'y', multiple: 1 })).toMatchObject({ readonly: true, multiple: true, required: false });
  });

  it('knows every documented uitype, written in any case with spaces around it', () => {
    const known = ['str', 'text', 'int', 'float', 'code', 'check', 'checkbox', 'file', 'image', 'audio', 'video', 'hidden', 'tel', 'email', 'password', 'date'];
    for (const uitype of known) {
      const field = normaliseField({ name: 'a', uitype: ` ${uitype.toUpperCase()} ` });
      expect(field?.uitype).toBe(uitype);
      expect(field?.rawUitype).toBeUndefined();
    }
    expect(normaliseField({ name: 'a' })).toMatchObject({ uitype: 'str' });
    expect(normaliseField({ name: 'a', uitype: 7 })).toMatchObject({ uitype: 'str', rawUitype: '7' });
  });

  it('takes the name trimmed and as the label when none is given; no usable name, no field', () => {
    expect(normaliseField({ name: '  duration ' })).toMatchObject({ name: 'duration', label: 'duration' });
    expect(normaliseField({ name: 'd', label: '  ' })?.label).toBe('d');
    for (const raw of [{ name: '   ' }, { name: null }, 'duration', null, [{ name: 'x' }]]) expect(normaliseField(raw)).toBeNull();
    expect(normaliseField({ name: ' Model ' })).toBeNull();
  });

  it('takes the default from value, then defaultvalue, then defaultValue, keeping false and 0', () => {
    expect(normaliseField({ name: 'a', value: 1, defaultvalue: 2, defaultValue: 3 })?.defaultValue).toBe(1);
    expect(normaliseField({ name: 'a', value: null, defaultvalue: 2, defaultValue: 3 })?.defaultValue).toBe(2);
    expect(normaliseField({ name: 'a', defaultValue: 3 })?.defaultValue).toBe(3);
    expect(normaliseField({ name: 'a', value: false })?.defaultValue).toBe(false);
    expect(normaliseField({ name: 'a', value: 0 })?.defaultValue).toBe(0);
    expect('defaultValue' in normaliseField({ name: 'a' })!).toBe(false);
    expect(normaliseField({ name: 'a', uitype: 'int', min: 'x', max: '' })).toEqual({ name: 'a', label: 'a', uitype: 'int', required: false, readonly: false, multiple: false });
    expect(normaliseField({ name: 'a', uitype: 'int', min: 0, max: '0' })).toMatchObject({ min: 0, max: 0 });
  });

  it('reads options from a list or JSON text: scalar values only, labelled by text, then label, then the value', () => {
    expect(normaliseField({ name: 'a', uitype: 'code', data: [{ value: 1, text: '一', label: 'one' }, { value: true, label: 'yes' }, 'x', { value: { no: 1 } }, { text: 'no value' }, null] })?.options).toEqual([
      { value: 1, label: '一' }, { value: true, label: 'yes' }, { value: 'x', label: 'x' },
    ]);
    expect(normaliseField({ name: 'a', uitype: 'code', data: [{ value: 'v', text: ' ' }] })?.options).toEqual([{ value: 'v', label: 'v' }]);
    for (const data of [[], [{ text: 'only' }], 'not json', { value: 1 }, null]) expect(normaliseField({ name: 'a', uitype: 'code', data })?.options).toBeUndefined();
  });

  it('gives a length limit to every kind of field edited as one string, and to no other', () => {
    for (const uitype of ['str', 'text', 'tel', 'email', 'password']) expect(normaliseField({ name: 'a', uitype, maxlength: 9 })?.maxLength).toBe(9);
    for (const uitype of ['date', 'code', 'check', 'hidden', 'float']) expect(normaliseField({ name: 'a', uitype, maxlength: 9 })?.maxLength).toBeUndefined();
    expect(normaliseField({ name: 'a', uitype: 'str', maxlength: '1' })?.maxLength).toBe(1);
  });

  it('keeps dataurl, valueField, textField and accept when they are text', () => {
    expect(normaliseField({ name: 'a', dataurl: '', valueField: ' ', textField: 3, accept: null, data: [] })).toStrictEqual({ name: 'a', label: 'a', uitype: 'str', required: false, readonly: false, multiple: false, textField: '3' });
    expect(normaliseField({ name: 'a', uitype: 'file', accept: 'image/*' })?.accept).toBe('image/*');
  });
});

describe('modelFields', () => {
  it('reads a list, JSON text, or an object holding `fields`, dropping repeated names (the first wins)', () => {
    const list = [{ name: 'prompt', label: 'first' }, { name: 'prompt', label: 'second' }, { name: 'duration', uitype: 'int' }];
    const expected = { fields: [{ name: 'prompt', label: 'first', uitype: 'str', required: false, readonly: false, multiple: false }, { name: 'duration', label: 'duration', uitype: 'int', required: false, readonly: false, multiple: false }], fallback: false };
    expect(modelFields(list, 't2v')).toEqual(expected);
    expect(modelFields(JSON.stringify(list), 't2v')).toEqual(expected);
    expect(modelFields({ fields: list }, 't2v')).toEqual(expected);
    expect(modelFields({ fields: 'no' }, 'i2v')).toEqual({ fields: fallbackFields('i2v'), fallback: true });
  });

  it('gives 图生视频 a first-frame field unless the form has an image field by name, uitype or accepted type', () => {
    const names = (raw: unknown[]) => modelFields(raw, 'i2v').fields.map((f) => f.name);
    expect(names([{ name: 'image_file' }])).toEqual(['image_file']);
    expect(names([{ name: 'image' }])).toEqual(['image']);
    expect(names([{ name: 'images' }])).toEqual(['images']);
    expect(names([{ name: 'frame', uitype: 'image' }])).toEqual(['frame']);
    expect(names([{ name: 'frame', uitype: 'file', accept: 'image/png' }])).toEqual(['frame']);
    expect(names([{ name: 'clip', uitype: 'file' }])).toEqual(['image_file', 'clip']);
    expect(names([{ name: 'clip', uitype: 'file', accept: 'video/mp4' }])).toEqual(['image_file', 'clip']);
    // Only a file field takes files: an accept on a text field makes it no image field.
    expect(names([{ name: 'caption', uitype: 'str', accept: 'image/png' }])).toEqual(['image_file', 'caption']);
    expect(modelFields([{ name: 'prompt' }], 'r2v').fields.map((f) => f.name)).toEqual(['prompt']);
    expect(modelFields([{ name: 'prompt' }], 'i2v').fields[0]).toBe(IMAGE_FILE_FIELD);
  });
});

describe('fallbackFields (Vidu, §3.10/§3.11)', () => {
  it('per catalog: the image field first where one is needed, then the documented settings', () => {
    expect(fallbackFields('t2v').map((f) => f.name)).toEqual(['prompt', 'duration', 'resolution', 'ratio', 'audio', 'off_peak']);
    expect(fallbackFields('i2v').map((f) => f.name)).toEqual(['image_file', 'prompt', 'duration', 'resolution', 'audio', 'off_peak']);
    expect(fallbackFields('r2v').map((f) => f.name)).toEqual(['images', 'prompt', 'duration', 'resolution', 'ratio', 'off_peak']);
  });

  it('states the documented bounds, choices and defaults', () => {
    const [prompt, duration, resolution, ratio, audio, offPeak] = fallbackFields('t2v');
    expect([prompt, duration, resolution, ratio].map((f) => f?.label)).toEqual(['提示词', '时长（秒）', '分辨率', '画面比例']);
    expect(prompt).toMatchObject({ uitype: 'text', required: true, maxLength: 1500 });
    expect(duration).toMatchObject({ uitype: 'int', defaultValue: 5, min: 1, max: 16 });
    expect(resolution).toMatchObject({ uitype: 'code', defaultValue: '1080p', options: ['540p', '720p', '1080p'].map((v) => ({ value: v, label: v })) });
    expect(ratio).toMatchObject({ defaultValue: '16:9', options: ['16:9', '9:16', '4:3', '3:4', '1:1'].map((v) => ({ value: v, label: v })) });
    expect([audio, offPeak].map((f) => [f?.uitype, f?.defaultValue, f?.label])).toEqual([['check', false, '生成音频'], ['check', false, '错峰生成']]);
    expect(fallbackFields('i2v')[0]).toMatchObject({ uitype: 'image', required: true, multiple: false, accept: 'image/jpeg,image/png,image/webp', label: '首帧图片' });
    expect(fallbackFields('r2v')[0]).toMatchObject({ uitype: 'image', required: true, multiple: true, min: 1, max: 7, label: '参考图片（1–7 张）' });
  });
});
