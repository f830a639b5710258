#!/usr/bin/env node
/**
 * Regenerates simulator/fixtures/playable.webm, the video the simulator serves for every result
 * when `mediaKind` is 'playable': 3 s, 320×180, 25 fps VP8, a hue-cycling background, a sliding
 * bar and a frame counter, recorded by headless Chromium's MediaRecorder from a <canvas>.
 *
 * MediaRecorder writes a "live" WebM with no Duration, so a <video> shows duration Infinity and
 * cannot seek to "near the end"; this script writes the measured duration into Segment/Info.
 *
 * Run: node scripts/make-playable-video.mjs   (needs /usr/bin/chromium or CHROMIUM=path)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'simulator', 'fixtures', 'playable.webm');
const SECONDS = 3;

const RECORD = `(async () => {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 180;
  document.body.appendChild(canvas);
  const g = canvas.getContext('2d');
  const stream = canvas.captureStream(25);
  const recorder = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 400000 });
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  let frame = 0;
  const draw = () => {
    g.fillStyle = 'hsl(' + ((frame * 6) % 360) + ' 70% 45%)';
    g.fillRect(0, 0, 320, 180);
    g.fillStyle = 'rgba(255,255,255,0.85)';
    g.fillRect((frame * 5) % 340 - 20, 120, 40, 30);
    g.fillStyle = '#fff';
    g.font = 'bold 44px sans-serif';
    g.fillText('元境 ' + String(frame).padStart(3, '0'), 20, 70);
    frame += 1;
  };
  draw();
  const timer = setInterval(draw, 40);
  const started = performance.now();
  recorder.start(250);
  await new Promise((resolve) => setTimeout(resolve, ${SECONDS * 1000}));
  await new Promise((resolve) => { recorder.onstop = resolve; recorder.stop(); });
  clearInterval(timer);
  const ms = performance.now() - started;
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { base64: btoa(text), ms };
})()`;

/** Length of an EBML variable-size integer from its first byte. */
function vintLength(first) {
  for (let n = 1; n <= 8; n++) if (first & (0x80 >> (n - 1))) return n;
  throw new Error('bad EBML vint');
}
function readVint(buf, at) {
  const n = vintLength(buf[at]);
  let value = buf[at] & (0xff >> n);
  for (let i = 1; i < n; i++) value = value * 256 + buf[at + i];
  return { n, value };
}
/** The element id (with its marker bits) at `at`. */
function readId(buf, at) {
  const n = vintLength(buf[at]);
  return { n, id: buf.subarray(at, at + n).toString('hex') };
}

/** Inserts Duration (0x4489, float64, in TimecodeScale units = ms for MediaRecorder) into Segment/Info. */
function withDuration(webm, durationMs) {
  let at = 0;
  const ebml = readId(webm, at);
  if (ebml.id !== '1a45dfa3') throw new Error('not EBML');
  const ebmlSize = readVint(webm, at + ebml.n);
  at += ebml.n + ebmlSize.n + ebmlSize.value;
  const seg = readId(webm, at);
  if (seg.id !== '18538067') throw new Error('no Segment');
  at += seg.n + readVint(webm, at + seg.n).n;
  for (;;) {
    const el = readId(webm, at);
    const size = readVint(webm, at + el.n);
    const bodyStart = at + el.n + size.n;
    if (el.id === '1549a966') {
      const duration = Buffer.alloc(11);
      duration.writeUInt16BE(0x4489, 0);
      duration[2] = 0x88;
      duration.writeDoubleBE(durationMs, 3);
      const body = Buffer.concat([webm.subarray(bodyStart, bodyStart + size.value), duration]);
      const header = Buffer.alloc(8);
      header.writeUInt32BE(0x1549a966, 0);
      // An 4-byte size vint: 0x10 marker + 28 bits.
      header.writeUInt32BE(0x10000000 | body.length, 4);
      return Buffer.concat([webm.subarray(0, at), header, body, webm.subarray(bodyStart + size.value)]);
    }
    if (el.id === '1f43b675') throw new Error('no Info before the first Cluster');
    at = bodyStart + size.value;
  }
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--autoplay-policy=no-user-gesture-required'] });
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><meta charset="utf-8"><body style="margin:0"></body>');
  const { base64, ms } = await page.evaluate(RECORD);
  const raw = Buffer.from(base64, 'base64');
  const fixed = withDuration(raw, Math.round(ms));
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, fixed);
  console.log(`wrote ${OUT}: ${fixed.length} bytes, ${Math.round(ms)} ms`);
} finally {
  await browser.close();
}
