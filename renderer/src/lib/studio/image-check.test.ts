import { describe, expect, it } from 'vitest';
import { checkImage, formatBytes, MAX_IMAGE_BYTES, needsImageCheck } from './image-check';

const ok = { type: 'image/png', bytes: 1_000_000, width: 1280, height: 720 };
const keyOf = (meta: Partial<typeof ok>) => checkImage({ ...ok, ...meta })?.key ?? null;

describe('checkImage (platform-api.md §10.4)', () => {
  it('accepts JPG, PNG and WebP and refuses GIF and anything else', () => {
    expect(keyOf({ type: 'image/jpeg' })).toBeNull();
    expect(keyOf({ type: 'image/jpg' })).toBeNull();
    expect(keyOf({ type: 'image/webp' })).toBeNull();
    expect(keyOf({ type: 'IMAGE/PNG' })).toBeNull();
    expect(checkImage({ ...ok, type: 'image/gif' })).toEqual({ key: 'studio.problems.imageType', params: { type: 'image/gif' } });
    expect(keyOf({ type: 'image/bmp' })).toBe('studio.problems.imageType');
    expect(keyOf({ type: '' })).toBe('studio.problems.imageType');
  });

  it('takes 7 MiB exactly and refuses one byte more, saying both sizes', () => {
    expect(keyOf({ bytes: MAX_IMAGE_BYTES })).toBeNull();
    expect(MAX_IMAGE_BYTES).toBe(7_340_032);
    expect(checkImage({ ...ok, bytes: MAX_IMAGE_BYTES + 1 })).toEqual({
      key: 'studio.problems.imageTooLarge',
      params: { size: '7.1 MiB', max: '7.0 MiB' },
    });
    expect(checkImage({ ...ok, bytes: 9 * 1024 * 1024 })?.params?.size).toBe('9.0 MiB');
  });

  it('writes sizes the way the limit is written', () => {
    expect(formatBytes(MAX_IMAGE_BYTES)).toBe('7.0 MiB');
    expect(formatBytes(1536 * 1024)).toBe('1.5 MiB');
    expect(formatBytes(830 * 1024)).toBe('830 KiB');
    expect(formatBytes(10)).toBe('1 KiB');
  });

  it('needs 128 px on the short side: 128 passes, 127 does not', () => {
    expect(keyOf({ width: 128, height: 128 })).toBeNull();
    expect(checkImage({ ...ok, width: 127, height: 300 })).toEqual({
      key: 'studio.problems.imageTooSmall',
      params: { width: 127, height: 300, min: 128 },
    });
    expect(keyOf({ width: 300, height: 127 })).toBe('studio.problems.imageTooSmall');
  });

  it('allows aspect ratios from 1:4 to 4:1 inclusive', () => {
    expect(keyOf({ width: 128, height: 512 })).toBeNull();
    expect(keyOf({ width: 2000, height: 500 })).toBeNull();
    expect(keyOf({ width: 128, height: 513 })).toBe('studio.problems.imageAspect');
    expect(checkImage({ ...ok, width: 2001, height: 500 })).toEqual({ key: 'studio.problems.imageAspect', params: { width: 2001, height: 500 } });
  });

  it('refuses an image whose size could not be read', () => {
    expect(keyOf({ width: 0, height: 0 })).toBe('studio.problems.imageUnreadable');
    expect(keyOf({ width: Number.NaN, height: 600 })).toBe('studio.problems.imageUnreadable');
  });

  it('checks the type first: a big GIF is refused for its format', () => {
    expect(keyOf({ type: 'image/gif', bytes: MAX_IMAGE_BYTES * 2, width: 10, height: 10 })).toBe('studio.problems.imageType');
  });
});

describe('needsImageCheck', () => {
  it('checks every pick of an image field and images picked through a generic file field', () => {
    expect(needsImageCheck('image', 'application/octet-stream')).toBe(true);
    expect(needsImageCheck('file', 'image/gif')).toBe(true);
    expect(needsImageCheck('file', 'application/pdf')).toBe(false);
    expect(needsImageCheck('audio', 'audio/mpeg')).toBe(false);
  });
});
