/** pickImages: checks by the bytes (§10.4), copies by content hash into the inputs folder, previews small images. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturingLogger } from '../../testing/capturing-logger';
import { scriptedFilePicker } from '../../testing/memory-ports';
import { PREVIEW_MAX_BYTES, pickImages } from './images';

function png(width: number, height: number, padTo = 0): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  const head = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), ihdr]);
  return padTo > head.length ? Buffer.concat([head, Buffer.alloc(padTo - head.length, 7)]) : head;
}

function setup(files: Record<string, Buffer>) {
  const dir = mkdtempSync(join(tmpdir(), 'yj-pick-'));
  const paths = Object.entries(files).map(([name, bytes]) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  });
  const inputsDir = join(dir, 'data', 'inputs');
  const picker = scriptedFilePicker([paths]);
  return { dir, inputsDir, picker, run: (multiple: boolean) => pickImages({ picker, inputsDir, logger: capturingLogger() }, multiple) };
}

describe('pickImages', () => {
  it('copies each good image to inputs/<sha256>.<type>, with a preview when small, and refuses the rest with a reason', async () => {
    const { inputsDir, picker, run } = setup({
      'cat.png': png(640, 480),
      'big.png': png(1024, 1024, PREVIEW_MAX_BYTES + 10),
      'tiny.png': png(64, 64),
      'strip.png': png(2000, 200),
      'notes.jpg': Buffer.from('not an image at all, only text pretending'),
      'missing.png': Buffer.alloc(0),
    });
    const result = await run(true);
    expect(picker.asked[0]).toMatchObject({ multiple: true, filters: [{ name: 'Images (JPG, PNG, WebP)', extensions: ['jpg', 'jpeg', 'png', 'webp'] }] });
    expect(result.picked.map((p) => p.name)).toEqual(['cat.png', 'big.png']);
    const [cat, big] = result.picked;
    expect(cat).toMatchObject({ type: 'image/png', width: 640, height: 480 });
    expect(cat!.path).toMatch(new RegExp(`^${inputsDir.replace(/[/\\]/g, '.')}.[0-9a-f]{64}\\.png$`));
    expect(readFileSync(cat!.path)).toEqual(png(640, 480));
    expect(cat!.previewUrl).toBe(`data:image/png;base64,${png(640, 480).toString('base64')}`);
    expect(big!.previewUrl).toBe('');
    expect(result.refused).toEqual([
      { name: 'tiny.png', problem: 'too_small', width: 64, height: 64, bytes: 29 },
      { name: 'strip.png', problem: 'aspect', width: 2000, height: 200, bytes: 29 },
      { name: 'notes.jpg', problem: 'type', bytes: 41 },
      { name: 'missing.png', problem: 'type', bytes: 0 },
    ]);
    expect(readdirSync(inputsDir).sort()).toEqual([cat!.path, big!.path].map((p) => p.slice(inputsDir.length + 1)).sort());
  });

  it('takes one file when one is asked for, reuses the copy of the same bytes, and reports an unreadable path', async () => {
    const { dir, inputsDir, picker, run } = setup({ 'a.png': png(300, 300), 'b.png': png(300, 300) });
    const one = await run(false);
    expect(one.picked.map((p) => p.name)).toEqual(['a.png']);
    picker.answers.push([join(dir, 'b.png'), join(dir, 'gone.png')]);
    const again = await run(true);
    expect(again.picked[0]!.path).toBe(one.picked[0]!.path);
    expect(again.refused).toEqual([{ name: 'gone.png', problem: 'unreadable' }]);
    expect(readdirSync(inputsDir)).toHaveLength(1);
    expect(existsSync(inputsDir)).toBe(true);
  });

  it('answers nothing when there is no picker or the user cancels', async () => {
    expect(await pickImages({ picker: null, inputsDir: '/nowhere', logger: capturingLogger() }, true)).toEqual({ picked: [], refused: [] });
    const { run } = setup({});
    expect(await run(true)).toEqual({ picked: [], refused: [] });
  });
});
