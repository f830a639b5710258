/** The runtime schema field by field: each kind of field, hidden and read-only values, blanks and the error text. */
import { describe, expect, it } from 'vitest';
import type { FieldDescriptor, VideoModel } from '../../../preload/contract/models/video';
import { checkSubmission, isImageField, isInputCopy, MAX_IMAGES, TEXT_MAX } from './fields';

const INPUTS = '/data/yj/inputs';
const base = { required: false, readonly: false, multiple: false };
const image = (n: number) => `${INPUTS}/${String(n % 10).repeat(64)}.png`;
const form = (...fields: FieldDescriptor[]): VideoModel => ({ id: 'M', name: 'm', model: 'v', description: '', catalog: 't2v', minBalance: null, maxCost: null, fields, fieldsAreFallback: false });
const check = (model: VideoModel, values: Record<string, unknown>) => checkSubmission(model, values, INPUTS);
const refusal = (model: VideoModel, values: Record<string, unknown>): string => {
  try {
    check(model, values);
  } catch (error) {
    expect(error).toMatchObject({ code: 'invalid_input' });
    return (error as Error).message;
  }
  throw new Error('the values were accepted');
};
const field = (over: Partial<FieldDescriptor> & Pick<FieldDescriptor, 'name' | 'uitype'>): FieldDescriptor => ({ ...base, label: over.name, ...over });

describe('image fields', () => {
  it('are known by name, by uitype image, or as a file field that accepts images (or says nothing)', () => {
    for (const name of ['image_file', 'image', 'images']) expect(isImageField(field({ name, uitype: 'str' }))).toBe(true);
    expect(isImageField(field({ name: 'frame', uitype: 'image' }))).toBe(true);
    expect(isImageField(field({ name: 'frame', uitype: 'file' }))).toBe(true);
    expect(isImageField(field({ name: 'frame', uitype: 'file', accept: 'image/png' }))).toBe(true);
    expect(isImageField(field({ name: 'clip', uitype: 'file', accept: 'video/mp4' }))).toBe(false);
    expect(isImageField(field({ name: 'frame', uitype: 'str' }))).toBe(false);
  });

  it('take one picked copy, or a list between the field’s bounds (1–7 when it gives none)', () => {
    const one = form(field({ name: 'frame', uitype: 'image' }));
    expect(check(one, { frame: image(1) })).toMatchObject({ images: [image(1)], params: { frame: image(1) }, fields: {} });
    expect(refusal(one, { frame: 7 })).toBe('「frame」须为已选择的图片 / “frame” must be a picked image');
    expect(refusal(one, { frame: '/etc/passwd' })).toBe('「frame」只能使用通过“选择图片”添加的图片 / “frame” only takes images added with “pick images”');

    const many = form(field({ name: 'refs', uitype: 'image', multiple: true }));
    const seven = Array.from({ length: MAX_IMAGES }, (_, i) => image(i));
    expect(check(many, { refs: seven }).images).toEqual(seven);
    expect(refusal(many, { refs: [...seven, image(8)] })).toBe(`「refs」最多 ${MAX_IMAGES} 张图片 / “refs” takes at most ${MAX_IMAGES} images`);
    const atLeastTwo = form(field({ name: 'refs', uitype: 'image', multiple: true, min: 2 }));
    expect(refusal(atLeastTwo, { refs: [image(1)] })).toBe('「refs」至少需要 2 张图片 / “refs” needs at least 2 images');
    expect(check(atLeastTwo, { refs: [image(1), image(2)] }).images).toHaveLength(2);
  });

  it('never take a default image, and refuse files of other kinds', () => {
    const withDefault = form(field({ name: 'frame', uitype: 'image', defaultValue: '/somewhere/else.png' }));
    expect(check(withDefault, {})).toEqual({ prompt: '', fields: {}, images: [], params: {} });
    for (const uitype of ['file', 'audio', 'video'] as const) {
      const model = form(field({ name: 'clip', uitype, accept: 'video/mp4' }));
      expect(refusal(model, { clip: 'x' })).toBe('「clip」暂不支持上传 / “clip” cannot be uploaded by this app yet');
    }
  });
});

describe('value fields', () => {
  it('numbers: floats within bounds, whole numbers for int fields', () => {
    const model = form(field({ name: 'cfg', uitype: 'float', min: 0, max: 1 }), field({ name: 'seed', uitype: 'int' }));
    expect(check(model, { cfg: 0.25, seed: 42 }).fields).toEqual({ cfg: 0.25, seed: 42 });
    expect(check(model, { cfg: 0, seed: -3 }).fields).toEqual({ cfg: 0, seed: -3 });
    expect(check(model, { cfg: 1 }).fields).toEqual({ cfg: 1 });
    expect(refusal(model, { cfg: 1.01 })).toBe('「cfg」不能大于 1 / “cfg” must be at most 1');
    expect(refusal(model, { cfg: 'high' })).toBe('「cfg」须为数字 / “cfg” must be a number');
    expect(refusal(model, { seed: 0.5 })).toBe('「seed」须为整数 / “seed” must be a whole number');
  });

  it('options: compared as text, any scalar when the list comes from a dataurl, lists for multiple and checkbox fields', () => {
    const options = [{ value: 5, label: '5 秒' }, { value: '10', label: '10 秒' }];
    const model = form(
      field({ name: 'length', uitype: 'code', options }),
      field({ name: 'style', uitype: 'code', dataUrl: '/styles.dspy' }),
      field({ name: 'tags', uitype: 'code', multiple: true, options }),
      field({ name: 'extras', uitype: 'checkbox', options }),
    );
    expect(check(model, { length: '5', style: 'anything', tags: [10, '5'], extras: ['10'] }).fields).toEqual({ length: '5', style: 'anything', tags: [10, '5'], extras: ['10'] });
    expect(check(model, { style: true }).fields).toEqual({ style: true });
    expect(refusal(model, { style: { a: 1 } })).toBe('「style」的取值无效 / “style” has an invalid value');
    expect(refusal(model, { tags: ['7'] })).toBe('「tags」不是可选的值 / “tags” is not one of its options');
    expect(refusal(model, { extras: '5' })).toBe('「extras」须为一组选项 / “extras” must be a list of options');
  });

  it('switches and texts', () => {
    const model = form(field({ name: 'audio', uitype: 'check' }), field({ name: 'title', uitype: 'str' }), field({ name: 'mood', uitype: 'slider' as never }));
    expect(check(model, { audio: false, title: 'ok', mood: 'calm' }).fields).toEqual({ audio: false, title: 'ok', mood: 'calm' });
    expect(refusal(model, { title: 3 })).toBe('「title」须为文字 / “title” must be text');
    expect(check(model, { title: 'x'.repeat(TEXT_MAX) }).fields.title).toHaveLength(TEXT_MAX);
    expect(refusal(model, { title: 'x'.repeat(TEXT_MAX + 1) })).toBe(`「title」最多 ${TEXT_MAX} 个字符 / “title” takes at most ${TEXT_MAX} characters`);
  });
});

describe('values the user does not choose', () => {
  it('hidden fields send the model’s value (or nothing), read-only ones their default whatever was sent', () => {
    const model = form(
      field({ name: 'style', uitype: 'hidden', defaultValue: 'cinema' }),
      field({ name: 'secret', uitype: 'hidden' }),
      field({ name: 'fps', uitype: 'int', readonly: true, defaultValue: 24 }),
      field({ name: 'note', uitype: 'str', readonly: true }),
    );
    expect(check(model, { style: 'anime', secret: 's', fps: 60, note: 'mine' }).fields).toStrictEqual({ style: 'cinema', fps: 24, note: 'mine' });
  });

  it('blank values: required ones are refused, optional ones take their default', () => {
    const model = form(field({ name: 'title', uitype: 'str', required: true }), field({ name: 'duration', uitype: 'int', defaultValue: 5 }), field({ name: 'tags', uitype: 'checkbox' }));
    for (const blank of [undefined, null, '', '   ']) expect(refusal(model, { title: blank })).toBe('请填写「title」 / “title” is required');
    expect(check(model, { title: 't', duration: null, tags: [] }).fields).toStrictEqual({ title: 't', duration: 5 });
  });

  it('reports at most three different problems, each once, in form order', () => {
    const model = form(...['a', 'b', 'c', 'd'].map((name) => field({ name, uitype: 'str', required: true })));
    expect(refusal(model, {})).toBe('请填写「a」 / “a” is required；请填写「b」 / “b” is required；请填写「c」 / “c” is required');
    const same = form(field({ name: 'x', uitype: 'checkbox', options: [{ value: 1, label: '1' }] }));
    expect(refusal(same, { x: [2, 3] })).toBe('「x」不是可选的值 / “x” is not one of its options');
  });

  it('takes the prompt apart from the other values only when it is text', () => {
    const model = form(field({ name: 'prompt', uitype: 'int' }));
    expect(check(model, { prompt: 3 })).toEqual({ prompt: '', fields: {}, images: [], params: { prompt: 3 } });
  });
});

describe('isInputCopy', () => {
  it('refuses anything that is not a string of at most 4096 characters', () => {
    expect(isInputCopy(42 as never, INPUTS)).toBe(false);
    const copyIn = (dir: string) => `${dir}/${'a'.repeat(64)}.png`;
    const longest = `/${'d'.repeat(4096 - copyIn('/').length)}`;
    expect(copyIn(longest)).toHaveLength(4096);
    expect(isInputCopy(copyIn(longest), longest)).toBe(true);
    expect(isInputCopy(copyIn(`${longest}d`), `${longest}d`)).toBe(false);
  });
});
