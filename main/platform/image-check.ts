/**
 * The checks §10.4 asks for before an image is uploaded: JPG/PNG/WebP (by its bytes, not its
 * name), at least 128 px on the short side, an aspect ratio between 1:4 and 4:1, at most about
 * 7 MiB. Only the header is read; nothing is decoded.
 */
import { AppError } from '../lib/errors';

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface ImageInfo {
  type: ImageType;
  width: number;
  height: number;
}

export const MAX_IMAGE_BYTES = 7 * 1024 * 1024;
export const MIN_SHORT_SIDE = 128;
export const MAX_ASPECT = 4;

const ascii = (b: Uint8Array, at: number, len: number): string => String.fromCharCode(...b.subarray(at, at + len));
const u16be = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number): number => u16le(b, at) | ((b[at + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, at: number): number => u16be(b, at) * 65536 + u16be(b, at + 2);

function png(b: Uint8Array): ImageInfo | null {
  if (b.length < 24 || ascii(b, 1, 3) !== 'PNG' || ascii(b, 12, 4) !== 'IHDR') return null;
  return { type: 'image/png', width: u32be(b, 16), height: u32be(b, 20) };
}

/** Walks the JPEG segments to the first frame header (SOF0–SOF15 but DHT/JPG/DAC). */
function jpeg(b: Uint8Array): ImageInfo | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return { type: 'image/jpeg', height: u16be(b, at + 5), width: u16be(b, at + 7) };
    at += 2 + u16be(b, at + 2);
  }
  return null;
}

function webp(b: Uint8Array): ImageInfo | null {
  if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ') return { type: 'image/webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return { type: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { type: 'image/webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return null;
}

/** Type and size from the header, or null when it is none of the three formats. */
export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  return png(bytes) ?? jpeg(bytes) ?? webp(bytes);
}

/** Throws invalid_input with a message for the user when the image would be refused. */
export function checkImage(bytes: Uint8Array): ImageInfo {
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw new AppError('invalid_input', '图片超过 7 MiB，请压缩后再试 / The image is larger than 7 MiB');
  const info = imageInfo(bytes);
  if (!info) throw new AppError('invalid_input', '只支持 JPG、PNG、WebP 图片 / Only JPG, PNG and WebP images are accepted');
  const short = Math.min(info.width, info.height);
  const long = Math.max(info.width, info.height);
  if (short < MIN_SHORT_SIDE) {
    throw new AppError('invalid_input', `图片太小：短边至少 ${MIN_SHORT_SIDE} 像素 / The image is too small (${info.width}×${info.height}; at least ${MIN_SHORT_SIDE} px on the short side)`);
  }
  if (long > short * MAX_ASPECT) {
    throw new AppError('invalid_input', `图片比例须在 1:4 到 4:1 之间 / The aspect ratio must be between 1:4 and 4:1 (${info.width}×${info.height})`);
  }
  return info;
}
