import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import { validateForm, VIDU_PROMPT_MAX } from './validate';
import { fieldOf, optionsOf, pngOf } from '@/testing/studio-fields';

const keys = (problems: ReturnType<typeof validateForm>) => Object.fromEntries(Object.entries(problems).map(([name, problem]) => [name, problem.key]));

describe('validateForm', () => {
  it('asks for required fields, trimming blank text, but never for a switch that is off', () => {
    const fields = [fieldOf('prompt', 'text', { required: true }), fieldOf('size', 'code', { required: true, options: optionsOf('a') }), fieldOf('audio', 'check', { required: true })];
    expect(keys(validateForm(fields, { prompt: '  ', size: null, audio: false }))).toEqual({
      prompt: 'studio.problems.required',
      size: 'studio.problems.required',
    });
    expect(validateForm(fields, { prompt: '猫', size: 'a', audio: false })).toEqual({});
  });

  it('checks integer and float bounds inclusively', () => {
    const fields = [fieldOf('duration', 'int', { min: 1, max: 16 }), fieldOf('strength', 'float', { min: 0, max: 1 })];
    expect(validateForm(fields, { duration: 1, strength: 1 })).toEqual({});
    expect(validateForm(fields, { duration: 16, strength: 0 })).toEqual({});
    expect(validateForm(fields, { duration: 0, strength: 1.01 })).toEqual({
      duration: { key: 'studio.problems.tooSmall', params: { min: 1 } },
      strength: { key: 'studio.problems.tooLarge', params: { max: 1 } },
    });
    expect(keys(validateForm(fields, { duration: 2.5, strength: 'x' }))).toEqual({ duration: 'studio.problems.notInteger', strength: 'studio.problems.notNumber' });
  });

  it('limits a prompt with no stated maximum to Vidu\'s 1500 characters, counting an emoji once', () => {
    const fields = [fieldOf('prompt', 'text')];
    expect(validateForm(fields, { prompt: '字'.repeat(VIDU_PROMPT_MAX) })).toEqual({});
    expect(validateForm(fields, { prompt: `${'字'.repeat(VIDU_PROMPT_MAX - 1)}🎬` })).toEqual({});
    expect(validateForm(fields, { prompt: '字'.repeat(VIDU_PROMPT_MAX + 1) })).toEqual({
      prompt: { key: 'studio.problems.tooLong', params: { max: 1500, length: 1501 } },
    });
  });

  it('uses a field\'s own maximum length over the prompt default, and none for other text', () => {
    expect(keys(validateForm([fieldOf('prompt', 'text', { maxLength: 10 })], { prompt: 'x'.repeat(11) }))).toEqual({ prompt: 'studio.problems.tooLong' });
    expect(validateForm([fieldOf('notes', 'text')], { notes: 'x'.repeat(5000) })).toEqual({});
  });

  it('refuses a choice that is not among the options', () => {
    const fields = [fieldOf('ratio', 'code', { options: optionsOf('16:9', '1:1') }), fieldOf('tags', 'checkbox', { options: optionsOf(1, 2) })];
    expect(validateForm(fields, { ratio: '1:1', tags: [1, '2'] })).toEqual({});
    expect(keys(validateForm(fields, { ratio: '4:3', tags: [1, 3] }))).toEqual({ ratio: 'studio.problems.notAnOption', tags: 'studio.problems.notAnOption' });
  });

  it('counts the images of a multiple field against its min and max', () => {
    const images = fieldOf('images', 'image', { multiple: true, min: 2, max: 3 });
    expect(validateForm([images], { images: [pngOf('a.png'), pngOf('b.png')] })).toEqual({});
    expect(validateForm([images], { images: [pngOf('a.png')] })).toEqual({ images: { key: 'studio.problems.tooFewFiles', params: { min: 2, count: 1 } } });
    const four = ['a', 'b', 'c', 'd'].map((name) => pngOf(`${name}.png`));
    expect(validateForm([images], { images: four })).toEqual({ images: { key: 'studio.problems.tooManyFiles', params: { max: 3, count: 4 } } });
  });

  it('takes up to 7 reference images when the field states no maximum', () => {
    const images = fieldOf('images', 'image', { multiple: true, required: true });
    const seven = Array.from({ length: 7 }, (_, at) => pngOf(`${at}.png`));
    expect(validateForm([images], { images: seven })).toEqual({});
    expect(keys(validateForm([images], { images: [...seven, pngOf('8.png')] }))).toEqual({ images: 'studio.problems.tooManyFiles' });
    expect(keys(validateForm([images], { images: [] }))).toEqual({ images: 'studio.problems.required' });
  });

  it('checks email addresses and leaves hidden, read-only and reserved fields alone', () => {
    const fields = [fieldOf('mail', 'email'), fieldOf('flag', 'hidden', { required: true }), fieldOf('fixed', 'int', { readonly: true, max: 1 }), fieldOf('model', 'str', { required: true })];
    expect(keys(validateForm(fields, { mail: 'lin@', fixed: 5 }))).toEqual({ mail: 'studio.problems.email' });
    expect(validateForm(fields, { mail: 'lin@example.com', fixed: 5 })).toEqual({});
  });

  it('has a Chinese and an English sentence for every problem key it can give', () => {
    for (const key of ['required', 'notNumber', 'notInteger', 'tooSmall', 'tooLarge', 'tooLong', 'email', 'notAnOption', 'tooFewFiles', 'tooManyFiles']) {
      expect(i18n.global.te(`studio.problems.${key}`, 'zh-CN'), key).toBe(true);
      expect(i18n.global.te(`studio.problems.${key}`, 'en'), key).toBe(true);
    }
    expect(i18n.global.t('studio.problems.tooLong', { max: 1500, length: 1501 }, { locale: 'en' })).toBe('At most 1500 characters; this has 1501');
  });
});
