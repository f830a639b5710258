/** §10.4 image checks from headers alone: PNG, JPEG, the three WebP flavours, and the limits. */
import { describe, expect, it } from 'vitest';
import { checkImage, imageInfo, MAX_IMAGE_BYTES } from './image-check';

function png(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), ihdr]);
}

/** SOI, an APP0 segment to skip, a fill byte, then SOF2 (progressive) with the size. */
function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from('ffe000104a46494600010100000100010000', 'hex');
  const sof = Buffer.alloc(11);
  sof.writeUInt16BE(0xffc2, 0);
  sof.writeUInt16BE(17, 2);
  sof[4] = 8;
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from('ffd8', 'hex'), app0, Buffer.from('ff', 'hex'), sof]);
}

function webp(chunk: 'VP8 ' | 'VP8L' | 'VP8X', width: number, height: number): Buffer {
  const b = Buffer.alloc(40);
  b.write('RIFF', 0);
  b.write('WEBP', 8);
  b.write(chunk, 12);
  if (chunk === 'VP8 ') {
    b.writeUInt16LE(width, 26);
    b.writeUInt16LE(height, 28);
  } else if (chunk === 'VP8L') {
    b.writeUInt32LE(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14), 21);
  } else {
    b.writeUIntLE(width - 1, 24, 3);
    b.writeUIntLE(height - 1, 27, 3);
  }
  return b;
}

describe('imageInfo', () => {
  it('reads the type and size of PNG, JPEG and every WebP flavour', () => {
    expect(imageInfo(png(1920, 1080))).toEqual({ type: 'image/png', width: 1920, height: 1080 });
    expect(imageInfo(jpeg(800, 600))).toEqual({ type: 'image/jpeg', width: 800, height: 600 });
    expect(imageInfo(webp('VP8 ', 640, 360))).toEqual({ type: 'image/webp', width: 640, height: 360 });
    expect(imageInfo(webp('VP8L', 1000, 2000))).toEqual({ type: 'image/webp', width: 1000, height: 2000 });
    expect(imageInfo(webp('VP8X', 4096, 3000))).toEqual({ type: 'image/webp', width: 4096, height: 3000 });
  });
  it('is null for other formats and truncated headers', () => {
    expect(imageInfo(Buffer.from('GIF89a0000000000000000000000000000'))).toBeNull();
    expect(imageInfo(png(100, 100).subarray(0, 20))).toBeNull();
    expect(imageInfo(Buffer.from('ffd8ff', 'hex'))).toBeNull();
    expect(imageInfo(new Uint8Array())).toBeNull();
  });
});

describe('checkImage (§10.4)', () => {
  it('accepts the limits themselves: 128 px short side, 1:4 and 4:1', () => {
    expect(checkImage(png(128, 512)).width).toBe(128);
    expect(checkImage(jpeg(512, 128)).height).toBe(128);
  });
  it.each([
    ['too small', png(127, 400), /too small/],
    ['too narrow', png(200, 801), /aspect ratio/],
    ['too wide', webp('VP8X', 2000, 400), /aspect ratio/],
    ['not an image', Buffer.from('%PDF-1.7 000000000000000000000000'), /JPG, PNG and WebP/],
  ])('refuses %s with a bilingual message', (_name, bytes, message) => {
    expect(() => checkImage(bytes)).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(message) }));
  });
  it('refuses more than 7 MiB before reading the header', () => {
    const big = Buffer.concat([png(1000, 1000), Buffer.alloc(MAX_IMAGE_BYTES)]);
    expect(() => checkImage(big)).toThrow(/7 MiB/);
  });
});
