import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import { initialValues, RESERVED_NAMES, submissionValues } from './fields';
import { fallbackFields, withImageField } from './fallback-fields';
import { fieldOf } from '@/testing/studio-fields';

describe('fallbackFields', () => {
  it('offers the documented text-to-video form with its defaults (§3.10)', () => {
    const fields = fallbackFields('t2v');
    expect(fields.map((field) => field.name)).toEqual(['prompt', 'duration', 'ratio', 'resolution', 'audio', 'off_peak']);
    expect(submissionValues(fields, { ...initialValues(fields), prompt: '白鹭掠过水面' })).toEqual({
      prompt: '白鹭掠过水面',
      duration: 5,
      ratio: '16:9',
      resolution: '1080p',
      audio: false,
      off_peak: false,
    });
  });

  it('asks image-to-video for one first frame called image_file, not image (§3.11)', () => {
    const image = fallbackFields('i2v').find((field) => field.name === 'image_file');
    expect(image).toMatchObject({ uitype: 'image', required: true, multiple: false, accept: 'image/jpeg,image/png,image/webp' });
    expect(fallbackFields('i2v').some((field) => field.name === 'image')).toBe(false);
  });

  it('asks reference-to-video for 1 to 7 images', () => {
    expect(fallbackFields('r2v')[0]).toMatchObject({ name: 'images', multiple: true, min: 1, max: 7 });
  });

  it('bounds duration 1–16 and never lists the fields main adds', () => {
    for (const catalog of ['t2v', 'i2v', 'r2v'] as const) {
      const fields = fallbackFields(catalog);
      expect(fields.find((field) => field.name === 'duration')).toMatchObject({ min: 1, max: 16 });
      expect(fields.filter((field) => RESERVED_NAMES.has(field.name))).toEqual([]);
      for (const field of fields) expect(i18n.global.te(field.label, 'en'), field.label).toBe(true);
    }
  });

  it('hands out copies: changing one form leaves the next one as documented', () => {
    fallbackFields('t2v')[2].options?.push({ value: '21:9', label: '21:9' });
    expect(fallbackFields('t2v')[2].options).toHaveLength(5);
  });
});

describe('withImageField (§10.4)', () => {
  it('adds image_file to an image-to-video form that has no image field', () => {
    expect(withImageField('i2v', [fieldOf('prompt', 'str')]).map((field) => field.name)).toEqual(['image_file', 'prompt']);
  });

  it('leaves forms with an image field, and other catalogs, as they are', () => {
    expect(withImageField('i2v', [fieldOf('first_frame', 'file')]).map((field) => field.name)).toEqual(['first_frame']);
    expect(withImageField('t2v', [fieldOf('prompt', 'str')]).map((field) => field.name)).toEqual(['prompt']);
  });
});
