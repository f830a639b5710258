/** importImage at its limits (§10.4): sizes, sides and ratios on the boundary, file kinds, the copy's permissions and reuse. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES } from '../../platform/image-check';
import { capturingLogger } from '../../testing/capturing-logger';
import { scriptedFilePicker } from '../../testing/memory-ports';
import { pngBytes } from '../../testing/video-jobs-rig';
import { importImage, pickImages, PREVIEW_MAX_BYTES } from './images';

const padded = (bytes: Buffer, size: number) => Buffer.concat([bytes, Buffer.alloc(size - bytes.length, 1)]);

function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'yj-import-'));
  const put = (name: string, bytes: Buffer) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };
  return { dir, inputsDir: join(dir, 'data', 'inputs'), put };
}

describe('importImage', () => {
  it('accepts exactly 128 px on the short side and exactly 4:1, refuses one pixel less or more', async () => {
    const { inputsDir, put } = folder();
    expect(await importImage(put('a.png', pngBytes(128, 512)), inputsDir)).toMatchObject({ path: expect.any(String), width: 128, height: 512 });
    expect(await importImage(put('b.png', pngBytes(512, 128)), inputsDir)).toMatchObject({ path: expect.any(String), width: 512, height: 128 });
    expect(await importImage(put('c.png', pngBytes(127, 300)), inputsDir)).toMatchObject({ problem: 'too_small', width: 127, height: 300 });
    expect(await importImage(put('d.png', pngBytes(513, 128)), inputsDir)).toMatchObject({ problem: 'aspect', width: 513, height: 128 });
  });

  it('accepts a file of exactly the size limit and refuses one byte more without reading it', async () => {
    const { inputsDir, put } = folder();
    expect(await importImage(put('max.png', padded(pngBytes(300, 300), MAX_IMAGE_BYTES)), inputsDir)).toMatchObject({ bytes: MAX_IMAGE_BYTES, previewUrl: '' });
    expect(await importImage(put('big.png', padded(pngBytes(300, 300), MAX_IMAGE_BYTES + 1)), inputsDir)).toEqual({ name: 'big.png', problem: 'too_large', bytes: MAX_IMAGE_BYTES + 1 });
  });

  it('previews an image of exactly 256 KiB, not one byte more', async () => {
    const { inputsDir, put } = folder();
    const at = padded(pngBytes(300, 300), PREVIEW_MAX_BYTES);
    expect(await importImage(put('at.png', at), inputsDir)).toMatchObject({ previewUrl: `data:image/png;base64,${at.toString('base64')}` });
    expect(await importImage(put('over.png', padded(pngBytes(300, 300), PREVIEW_MAX_BYTES + 1)), inputsDir)).toMatchObject({ previewUrl: '' });
  });

  it('names a JPEG or WebP copy by what its bytes are, whatever the file is called', async () => {
    const { inputsDir, put } = folder();
    const sof = Buffer.alloc(11);
    sof.writeUInt16BE(0xffc2, 0);
    sof.writeUInt16BE(17, 2);
    sof.writeUInt16BE(400, 5);
    sof.writeUInt16BE(600, 7);
    const jpeg = Buffer.concat([Buffer.from('ffd8', 'hex'), sof]);
    expect(await importImage(put('photo.png', jpeg), inputsDir)).toMatchObject({ type: 'image/jpeg', path: expect.stringMatching(/[0-9a-f]{64}\.jpg$/), width: 600, height: 400 });
    const webp = Buffer.alloc(40);
    webp.write('RIFF', 0);
    webp.write('WEBP', 8);
    webp.write('VP8X', 12);
    webp.writeUIntLE(299, 24, 3);
    webp.writeUIntLE(299, 27, 3);
    expect(await importImage(put('pic.jpg', webp), inputsDir)).toMatchObject({ type: 'image/webp', path: expect.stringMatching(/[0-9a-f]{64}\.webp$/) });
  });

  it('calls a folder or a pipe unreadable, without waiting on the pipe', async () => {
    const { dir, inputsDir } = folder();
    mkdirSync(join(dir, 'album.png'));
    expect(await importImage(join(dir, 'album.png'), inputsDir)).toEqual({ name: 'album.png', problem: 'unreadable' });
    // Reading a pipe nobody writes to would never end.
    execFileSync('mkfifo', [join(dir, 'pipe.png')]);
    expect(await importImage(join(dir, 'pipe.png'), inputsDir)).toEqual({ name: 'pipe.png', problem: 'unreadable' });
  });

  it('keeps the copies private to the user, leaves no partial file, and does not write the same bytes twice', async () => {
    const { inputsDir, put } = folder();
    const first = await importImage(put('a.png', pngBytes(300, 300)), inputsDir);
    if (!('path' in first)) throw new Error('refused');
    expect(statSync(inputsDir).mode & 0o777).toBe(0o700);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    const old = new Date('2026-01-01T00:00:00Z');
    utimesSync(first.path, old, old);
    const again = await importImage(put('same.png', pngBytes(300, 300)), inputsDir);
    expect(again).toMatchObject({ path: first.path, name: 'same.png' });
    expect(statSync(first.path).mtime).toEqual(old);
    expect(readdirSync(inputsDir)).toEqual([first.path.slice(inputsDir.length + 1)]);
  });
});

describe('pickImages', () => {
  it('asks the picker for images with a bilingual title, and logs only the problems of refused files', async () => {
    const { inputsDir, put } = folder();
    const picker = scriptedFilePicker([[put('ok.png', pngBytes(300, 300)), put('tiny.png', pngBytes(10, 10))]]);
    const logger = capturingLogger();
    await pickImages({ picker, inputsDir, logger }, true);
    expect(picker.asked[0]).toMatchObject({ title: '选择图片 / Choose images', multiple: true });
    expect(logger.lines.map((l) => JSON.parse(l))).toEqual([{ level: 'info', message: 'picked images refused', fields: { problems: ['too_small'] } }]);
  });

  it('logs nothing when every file is taken, and asks for one file when one is wanted', async () => {
    const { inputsDir, put } = folder();
    const picker = scriptedFilePicker([[put('ok.png', pngBytes(300, 300))]]);
    const logger = capturingLogger();
    expect((await pickImages({ picker, inputsDir, logger }, false)).picked).toHaveLength(1);
    expect(picker.asked[0]).toMatchObject({ multiple: false });
    expect(logger.lines).toEqual([]);
  });
});
