/** The runtime schema of a model's form: every refusal names the field, in Chinese and English. */
import { describe, expect, it } from 'vitest';
import type { FieldDescriptor, VideoModel } from '../../../preload/contract/models/video';
import { checkSubmission, isInputCopy, PROMPT_MAX } from './fields';

const INPUTS = '/data/yj/inputs';
const SHA = 'a'.repeat(64);
const base = { required: false, readonly: false, multiple: false };
const fields: FieldDescriptor[] = [
  { ...base, name: 'prompt', label: '提示词', uitype: 'text', required: true },
  { ...base, name: 'duration', label: '时长', uitype: 'int', min: 1, max: 10, defaultValue: 5 },
  { ...base, name: 'cfg', label: '强度', uitype: 'float', min: 0, max: 1 },
  { ...base, name: 'resolution', label: '分辨率', uitype: 'code', options: [{ value: '720p', label: '720p' }, { value: '1080p', label: '1080p' }] },
  { ...base, name: 'audio', label: '音频', uitype: 'check' },
  { ...base, name: 'style', label: '风格', uitype: 'hidden', defaultValue: 'cinema' },
  { ...base, name: 'images', label: '参考图', uitype: 'image', multiple: true, min: 1, max: 2, required: true },
];
const model: VideoModel = { id: 'M', name: 'm', model: 'v', description: '', catalog: 'r2v', minBalance: 10, maxCost: 16, fields, fieldsAreFallback: false };
const image = (n: number) => `${INPUTS}/${String(n).repeat(64).slice(0, 64)}.png`;
const good = { prompt: '一只猫', images: [image(1)] };
const check = (values: Record<string, unknown>) => checkSubmission(model, values, INPUTS);

describe('checkSubmission', () => {
  it('keeps what may be sent, fills hidden fields and defaults, and splits prompt and images', () => {
    expect(check({ ...good, style: 'anime', cfg: 0.5, audio: true })).toEqual({
      prompt: '一只猫',
      fields: { duration: 5, cfg: 0.5, audio: true, style: 'cinema' },
      images: [image(1)],
      params: { prompt: '一只猫', duration: 5, cfg: 0.5, audio: true, style: 'cinema', images: [image(1)] },
    });
  });

  it.each([
    [{ prompt: '' }, '请填写「提示词」 / “提示词” is required'],
    [{ duration: 11 }, '「时长」不能大于 10 / “时长” must be at most 10'],
    [{ duration: 2.5 }, '「时长」须为整数 / “时长” must be a whole number'],
    [{ duration: '5' }, '「时长」须为数字 / “时长” must be a number'],
    [{ cfg: -0.1 }, '「强度」不能小于 0 / “强度” must be at least 0'],
    [{ resolution: '4k' }, '「分辨率」不是可选的值 / “分辨率” is not one of its options'],
    [{ audio: 'yes' }, '「音频」须为开或关 / “音频” must be on or off'],
    [{ prompt: '字'.repeat(PROMPT_MAX + 1) }, `「提示词」最多 ${PROMPT_MAX} 个字符 / “提示词” takes at most ${PROMPT_MAX} characters`],
    [{ images: [] }, '请填写「参考图」 / “参考图” is required'],
    [{ images: [image(1), image(2), image(3)] }, '「参考图」最多 2 张图片 / “参考图” takes at most 2 images'],
    [{ images: ['/etc/passwd'] }, '「参考图」只能使用通过“选择图片”添加的图片 / “参考图” only takes images added with “pick images”'],
    [{ LLMID: 'x' }, '「LLMID」由应用自动填写，不能提交 / “LLMID” is filled in by the app and may not be sent'],
    [{ transno: 'x' }, '「transno」由应用自动填写，不能提交 / “transno” is filled in by the app and may not be sent'],
  ])('refuses %o', (values, message) => {
    expect(() => check({ ...good, ...values })).toThrow(expect.objectContaining({ code: 'invalid_input', message }));
  });

  it('holds a text to the model\'s maxlength, above or below Vidu\'s prompt default, with a clear refusal', () => {
    const withLimits = (prompt: number, title: number): VideoModel => ({
      ...model,
      fields: [{ ...base, name: 'prompt', label: '提示词', uitype: 'str', required: true, maxLength: prompt }, { ...base, name: 'title', label: '标题', uitype: 'str', maxLength: title }, fields[6]!],
    });
    const longer = withLimits(2000, 8);
    expect(checkSubmission(longer, { ...good, prompt: '字'.repeat(2000), title: '八个字的一个标题' }, INPUTS).prompt).toHaveLength(2000);
    expect(() => checkSubmission(longer, { ...good, prompt: '字'.repeat(2001) }, INPUTS)).toThrow(
      expect.objectContaining({ code: 'invalid_input', message: '「提示词」最多 2000 个字符 / “提示词” takes at most 2000 characters' }),
    );
    expect(() => checkSubmission(longer, { ...good, title: '九个字的一个新标题' }, INPUTS)).toThrow(
      expect.objectContaining({ code: 'invalid_input', message: '「标题」最多 8 个字符 / “标题” takes at most 8 characters' }),
    );
    expect(() => checkSubmission(withLimits(20, 8), { ...good, prompt: '字'.repeat(21) }, INPUTS)).toThrow(expect.objectContaining({ message: expect.stringContaining('最多 20 个字符') }));
  });

  it('counts a prompt in characters as a person does (an emoji is one)', () => {
    expect(() => check({ ...good, prompt: `${'字'.repeat(PROMPT_MAX - 1)}🎬` })).not.toThrow();
  });
});

describe('isInputCopy', () => {
  it('accepts only <inputs>/<sha256>.<jpg|png|webp>, absolute and normalised', () => {
    expect(isInputCopy(`${INPUTS}/${SHA}.webp`, INPUTS)).toBe(true);
    expect(isInputCopy(`${INPUTS}/../inputs/${SHA}.png`, INPUTS)).toBe(false);
    expect(isInputCopy(`${INPUTS}/sub/${SHA}.png`, INPUTS)).toBe(false);
    expect(isInputCopy(`${INPUTS}/${SHA}.gif`, INPUTS)).toBe(false);
    expect(isInputCopy(`${SHA}.png`, INPUTS)).toBe(false);
    expect(isInputCopy(`/elsewhere/${SHA}.png`, INPUTS)).toBe(false);
  });
});
