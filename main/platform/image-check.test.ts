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

/** A JPEG whose frame header is preceded by the given segments (marker, payload length). */
function jpegAfter(segments: [number, number][], frame: number, width: number, height: number): Buffer {
  const parts = [Buffer.from('ffd8', 'hex')];
  for (const [marker, length] of segments) {
    const seg = Buffer.alloc(2 + length);
    seg[0] = 0xff;
    seg[1] = marker;
    seg.writeUInt16BE(length, 2);
    parts.push(seg);
  }
  const sof = Buffer.alloc(11);
  sof[0] = 0xff;
  sof[1] = frame;
  sof.writeUInt16BE(17, 2);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  parts.push(sof);
  return Buffer.concat(parts);
}

describe('imageInfo, header by header', () => {
  it('PNG: large sizes read whole (32-bit), and the IHDR chunk must be there', () => {
    expect(imageInfo(png(70_000, 66_000))).toEqual({ type: 'image/png', width: 70_000, height: 66_000 });
    const noIhdr = png(200, 200);
    noIhdr.write('IDAT', 12);
    expect(imageInfo(noIhdr)).toBeNull();
    const notPng = png(200, 200);
    notPng.write('JPG', 1);
    expect(imageInfo(notPng)).toBeNull();
    expect(imageInfo(png(200, 300).subarray(0, 24))).toEqual({ type: 'image/png', width: 200, height: 300 });
    expect(imageInfo(png(200, 300).subarray(0, 23))).toBeNull();
  });

  it('JPEG: every frame type from SOF0 to SOF15 gives the size; DHT, JPG and DAC segments are skipped', () => {
    for (const frame of [0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]) {
      expect(imageInfo(jpegAfter([], frame, 300, 200))).toEqual({ type: 'image/jpeg', width: 300, height: 200 });
    }
    // A table segment whose payload would read as a tiny size if it were taken for a frame.
    expect(imageInfo(jpegAfter([[0xc4, 20], [0xcc, 4], [0xc8, 4], [0xdb, 67]], 0xc0, 640, 480))).toEqual({ type: 'image/jpeg', width: 640, height: 480 });
    expect(imageInfo(jpegAfter([[0xbf, 4]], 0xc0, 640, 480))?.width).toBe(640);
    expect(imageInfo(jpegAfter([[0xd0, 4]], 0xc0, 640, 480))?.width).toBe(640);
  });

  it('JPEG: a stream that loses its markers, or ends before a whole frame header, has no size', () => {
    const broken = jpegAfter([[0xe0, 4]], 0xc0, 640, 480);
    broken[8] = 0x00; // where the frame's 0xFF should be
    expect(imageInfo(broken)).toBeNull();
    const whole = jpegAfter([], 0xc0, 640, 480);
    expect(imageInfo(whole.subarray(0, 12))).toEqual({ type: 'image/jpeg', width: 640, height: 480 });
    expect(imageInfo(whole.subarray(0, 11))).toBeNull();
    expect(imageInfo(Buffer.from('ffd9ffc0001108000100010300', 'hex'))).toBeNull();
    expect(imageInfo(Buffer.from('00d8ffc0001108000100010300', 'hex'))).toBeNull();
  });

  it('WebP lossy: the scaling bits above 14 are not part of the size', () => {
    const scaled = webp('VP8 ', 640, 360);
    scaled.writeUInt16LE(640 | 0xc000, 26);
    scaled.writeUInt16LE(360 | 0x4000, 28);
    expect(imageInfo(scaled)).toEqual({ type: 'image/webp', width: 640, height: 360 });
  });

  it('WebP lossless: the 14-bit fields sit side by side, the alpha and version bits above them ignored', () => {
    const b = webp('VP8L', 16384, 16384);
    expect(imageInfo(b)).toEqual({ type: 'image/webp', width: 16384, height: 16384 });
    b[24] |= 0xf0;
    expect(imageInfo(b)).toEqual({ type: 'image/webp', width: 16384, height: 16384 });
    expect(imageInfo(webp('VP8L', 1, 9000))).toEqual({ type: 'image/webp', width: 1, height: 9000 });
  });

  it('WebP extended: 24-bit sizes', () => {
    expect(imageInfo(webp('VP8X', 70_000, 200))).toEqual({ type: 'image/webp', width: 70_000, height: 200 });
  });

  it('WebP: the RIFF and WEBP tags, a known chunk and 30 header bytes are all needed', () => {
    const unknownChunk = webp('VP8X', 300, 300);
    unknownChunk.write('ALPH', 12);
    expect(imageInfo(unknownChunk)).toBeNull();
    const notRiff = webp('VP8X', 300, 300);
    notRiff.write('RIFX', 0);
    expect(imageInfo(notRiff)).toBeNull();
    const notWebp = webp('VP8X', 300, 300);
    notWebp.write('WAVE', 8);
    expect(imageInfo(notWebp)).toBeNull();
    expect(imageInfo(webp('VP8X', 300, 300).subarray(0, 30))).toEqual({ type: 'image/webp', width: 300, height: 300 });
    expect(imageInfo(webp('VP8X', 300, 300).subarray(0, 29))).toBeNull();
  });
});

describe('checkImage (§10.4)', () => {
  it('accepts exactly 7 MiB', () => {
    const exact = Buffer.concat([png(1000, 1000), Buffer.alloc(MAX_IMAGE_BYTES - png(1000, 1000).length)]);
    expect(checkImage(exact)).toEqual({ type: 'image/png', width: 1000, height: 1000 });
  });
  it('the size is named in the refusal', () => {
    expect(() => checkImage(png(127, 400))).toThrow(/127×400; at least 128 px/);
    expect(() => checkImage(png(801, 200))).toThrow(/\(801×200\)/);
  });
  it('a tall image is judged by its short side too', () => {
    expect(() => checkImage(png(400, 127))).toThrow(/too small/);
    expect(() => checkImage(png(200, 800))).not.toThrow();
  });
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
    expect(() => checkImage(big)).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/7 MiB/) }));
  });
});
