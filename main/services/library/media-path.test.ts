/**
 * The one path check of the media protocol and route, on its own: the encoded-path rules
 * (pure) and the disk rules (a real folder with a real symlink pointing out of it).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REFUSED_MEDIA_PATHS } from '../../testing/media-attacks';
import { encodeMediaRelPath, parseMediaRelPath, resolveMediaFile } from './media-path';

const base = mkdtempSync(join(tmpdir(), 'yj-media-path-'));
const root = join(base, 'library');
mkdirSync(join(root, '2026', 'a.inputs'), { recursive: true });
writeFileSync(join(root, 'cat.mp4'), 'video');
writeFileSync(join(root, '屋顶 上的猫.mp4'), 'video');
writeFileSync(join(root, '2026', 'a.inputs', '1.png'), 'png');
writeFileSync(join(root, 'cat.mp4.yj.json'), '{}');
writeFileSync(join(base, 'secret.mp4'), 'outside');
symlinkSync(join(base, 'secret.mp4'), join(root, 'escape.mp4'));
symlinkSync(base, join(root, 'outdir'));
symlinkSync(join(root, 'cat.mp4'), join(root, 'alias.mp4'));
afterAll(() => rmSync(base, { recursive: true, force: true }));


describe('parseMediaRelPath', () => {
  it.each(REFUSED_MEDIA_PATHS)('refuses %s', (_name, encoded) => {
    expect(parseMediaRelPath(encoded)).toBeNull();
  });

  it('accepts what encodeMediaRelPath writes, spaces and Chinese included', () => {
    for (const rel of ['cat.mp4', '屋顶 上的猫.mp4', '2026/a.inputs/1.png', "it's #1 & more?.mp4"]) {
      expect(parseMediaRelPath(encodeMediaRelPath(rel))).toBe(rel);
    }
  });
});

describe('resolveMediaFile', () => {
  it('opens a regular media file inside the folder', async () => {
    const file = await resolveMediaFile(root, '屋顶 上的猫.mp4');
    expect(file).toMatchObject({ size: 5, contentType: 'video/mp4' });
    await file?.handle.close();
    const image = await resolveMediaFile(root, '2026/a.inputs/1.png');
    expect(image?.contentType).toBe('image/png');
    await image?.handle.close();
  });

  it('follows a symlink that stays inside', async () => {
    const file = await resolveMediaFile(root, 'alias.mp4');
    expect(file?.path).toBe(join(root, 'cat.mp4'));
    await file?.handle.close();
  });

  it.each([
    ['a symlink to a file outside', 'escape.mp4'],
    ['a symlinked folder pointing outside', 'outdir/secret.mp4'],
    ['a missing file', 'gone.mp4'],
    ['a folder', '2026'],
    ['a sidecar (not a media type)', 'cat.mp4.yj.json'],
    ['dot-dot slipped past the parser', '../secret.mp4'],
  ])('refuses %s', async (_name, rel) => {
    expect(await resolveMediaFile(root, rel)).toBeNull();
  });

  it('refuses everything when there is no folder', async () => {
    expect(await resolveMediaFile('', 'cat.mp4')).toBeNull();
    expect(await resolveMediaFile(join(base, 'nowhere'), 'cat.mp4')).toBeNull();
  });
});
