import { describe, expect, it } from 'vitest';
import { initialValues, submissionValues, visibleFields } from './fields';
import { fieldOf, optionsOf, pngOf } from '@/testing/studio-fields';

const FORM = [
  fieldOf('prompt', 'text', { required: true }),
  fieldOf('duration', 'int', { min: 1, max: 10, defaultValue: 5 }),
  fieldOf('resolution', 'code', { options: optionsOf('540p', '720p', '1080p'), defaultValue: '1080p' }),
  fieldOf('audio', 'check', { defaultValue: 'true' }),
  fieldOf('styles', 'checkbox', { options: optionsOf('anime', 'film'), defaultValue: ['film'] }),
  fieldOf('seed', 'float'),
  fieldOf('vendor_flag', 'hidden', { defaultValue: 'v2' }),
  fieldOf('model', 'str', { defaultValue: 'viduq3-pro' }),
  fieldOf('llmid', 'hidden', { defaultValue: 'x' }),
  fieldOf('transno', 'str'),
  fieldOf('callbackurl', 'str'),
  fieldOf('llmcatelogid', 'code', { options: optionsOf('t2v') }),
];

describe('visibleFields', () => {
  it('shows neither hidden fields nor the ones main adds', () => {
    expect(visibleFields(FORM).map((field) => field.name)).toEqual(['prompt', 'duration', 'resolution', 'audio', 'styles', 'seed']);
  });
});

describe('initialValues', () => {
  it('applies defaults, coercing the string forms older servers send, and leaves out reserved fields', () => {
    expect(initialValues(FORM)).toEqual({
      prompt: '',
      duration: 5,
      resolution: '1080p',
      audio: true,
      styles: ['film'],
      seed: null,
      vendor_flag: 'v2',
    });
  });

  it('reads numeric strings as numbers and drops defaults that break the field\'s own bounds', () => {
    const values = initialValues([fieldOf('a', 'int', { defaultValue: '7' }), fieldOf('b', 'int', { max: 3, defaultValue: 9 }), fieldOf('c', 'int', { defaultValue: 2.5 })]);
    expect(values).toEqual({ a: 7, b: null, c: null });
  });

  it('lets remembered values override defaults where they are still valid', () => {
    const values = initialValues(FORM, { prompt: '江南古镇', duration: 8, resolution: '720p', audio: false, styles: ['anime', 'film'], seed: 0.5 });
    expect(values).toMatchObject({ prompt: '江南古镇', duration: 8, resolution: '720p', audio: false, styles: ['anime', 'film'], seed: 0.5 });
  });

  it('keeps the default where the remembered value no longer fits', () => {
    const values = initialValues(FORM, { duration: 12, resolution: '4k', styles: ['anime', 'gone'], audio: 'maybe' });
    expect(values).toMatchObject({ duration: 5, resolution: '1080p', styles: ['film'], audio: true });
  });

  it('never restores hidden, read-only or file fields from memory', () => {
    const fields = [fieldOf('flag', 'hidden', { defaultValue: 'v2' }), fieldOf('fixed', 'str', { readonly: true, defaultValue: 'a' }), fieldOf('image_file', 'image')];
    expect(initialValues(fields, { flag: 'v1', fixed: 'b', image_file: pngOf('cat.png') })).toEqual({ flag: 'v2', fixed: 'a', image_file: null });
  });
});

describe('submissionValues', () => {
  it('sends hidden fields with their default, numbers as numbers and never the reserved fields', () => {
    const values = { ...initialValues(FORM), prompt: '白鹭', duration: '6', vendor_flag: 'tampered', model: 'other', llmid: 'y' };
    expect(submissionValues(FORM, values)).toEqual({
      prompt: '白鹭',
      duration: 6,
      resolution: '1080p',
      audio: true,
      styles: ['film'],
      vendor_flag: 'v2',
    });
  });

  it('sends switched-off switches as false and leaves blank optional fields out', () => {
    const fields = [fieldOf('audio', 'check'), fieldOf('note', 'str'), fieldOf('size', 'code', { options: optionsOf('a') }), fieldOf('tags', 'checkbox')];
    expect(submissionValues(fields, { audio: false, note: '', size: null, tags: [] })).toEqual({ audio: false });
  });

  it('sends picked files as their local paths, one or a list', () => {
    const fields = [fieldOf('image_file', 'image'), fieldOf('images', 'image', { multiple: true })];
    const sent = submissionValues(fields, { image_file: pngOf('first.png'), images: [pngOf('a.png'), pngOf('b.webp')] });
    expect(sent).toEqual({ image_file: '/home/lin/图片/first.png', images: ['/home/lin/图片/a.png', '/home/lin/图片/b.webp'] });
  });
});
