#!/usr/bin/env node
/**
 * Draws the app icon with no dependencies (pure Node: signed distance fields → RGBA → PNG via
 * zlib) and writes the three files electron-builder reads from build/:
 *   icon.png  1024×1024 (Linux, and the source electron-builder falls back to)
 *   icon.ico  PNG-in-ICO, 16/32/48/256 (Windows; Vista and later read PNG entries)
 *   icon.icns PNG entries ic07/ic08/ic09/ic10 = 128/256/512/1024 (macOS 10.7+)
 * The mark: a rounded square in a deep blue → violet gradient with a white geometric 元
 * (two bars over two legs), drawn from strokes because there are no fonts to render with.
 * Deterministic: running it again gives byte-identical files. Usage: node build/make-icons.mjs
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = dirname(fileURLToPath(import.meta.url));
const FROM = [30, 58, 138]; // #1e3a8a deep blue
const TO = [124, 58, 237]; // #7c3aed violet

/** The 元 as round-capped strokes in unit coordinates (0..1 across the whole canvas). */
const STROKES = [
  [0.37, 0.31, 0.63, 0.31], // short top bar
  [0.27, 0.45, 0.73, 0.45], // long bar
  [0.435, 0.47, 0.39, 0.62], // left leg, falling to the left…
  [0.39, 0.62, 0.29, 0.73], // …and sweeping out
  [0.575, 0.47, 0.575, 0.67], // right leg, straight down
  [0.575, 0.67, 0.615, 0.72], // its rounded turn
  [0.615, 0.72, 0.73, 0.72], // the foot to the right
  [0.73, 0.72, 0.745, 0.655], // and the hook up
];
const STROKE_WIDTH = 0.072;

function clamp01(value) {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

function segmentDistance(px, py, [ax, ay, bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = clamp01(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Signed distance to a rounded square centred in the canvas (negative inside). */
function roundedSquare(px, py, half, radius) {
  const qx = Math.abs(px - 0.5) - (half - radius);
  const qy = Math.abs(py - 0.5) - (half - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

/** RGBA pixels of the icon at `size`; `inset` is the transparent margin (fraction of size). */
function render(size, inset) {
  const pixels = Buffer.alloc(size * size * 4);
  const half = 0.5 - inset;
  const radius = half * 2 * 0.225;
  const aa = 1 / size; // one pixel in unit coordinates: the anti-aliasing ramp
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const px = (x + 0.5) / size;
      const py = (y + 0.5) / size;
      const body = clamp01(0.5 - roundedSquare(px, py, half, radius) / aa);
      if (body === 0) continue;
      let mark = Infinity;
      for (const stroke of STROKES) mark = Math.min(mark, segmentDistance(px, py, stroke) - STROKE_WIDTH / 2);
      const white = clamp01(0.5 - mark / aa);
      const t = clamp01((px + py - 2 * inset) / (2 * (1 - 2 * inset))); // diagonal gradient
      const offset = (y * size + x) * 4;
      for (let c = 0; c < 3; c += 1) {
        const base = FROM[c] + (TO[c] - FROM[c]) * t;
        pixels[offset + c] = Math.round(base + (255 - base) * white);
      }
      pixels[offset + 3] = Math.round(255 * body);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, inset) {
  const pixels = render(size, inset);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size; // 0 means 256
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.data)]);
}

function icns(entries) {
  const parts = entries.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

// macOS-style margin for the PNG and the icns (the system does not crop); Windows fills more.
const MAC_INSET = 0.1;
const WIN_INSET = 0.03;

const files = {
  'icon.png': png(1024, MAC_INSET),
  'icon.ico': ico([16, 32, 48, 256].map((size) => ({ size, data: png(size, WIN_INSET) }))),
  'icon.icns': icns([
    { type: 'ic07', data: png(128, MAC_INSET) },
    { type: 'ic08', data: png(256, MAC_INSET) },
    { type: 'ic09', data: png(512, MAC_INSET) },
    { type: 'ic10', data: png(1024, MAC_INSET) },
  ]),
};
for (const [name, data] of Object.entries(files)) {
  writeFileSync(join(OUT, name), data);
  console.log(`${name}: ${data.length} bytes`);
}
