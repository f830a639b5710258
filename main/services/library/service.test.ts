/**
 * The library against real files in a temporary folder: found again after a reinstall, missing
 * and found again, foreign and broken sidecars skipped, search and filters, trash, "再来一次",
 * and a finished download added from its event without a rescan.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent, DownloadView, LibraryItem, Settings } from '../../../preload/contract';
import { EventBus } from '../../core/bus';
import type { FileShell } from '../../core/ports';
import { capturingLogger } from '../../testing/capturing-logger';
import { pngOf, writeLibraryVideo } from '../../testing/library-files';
import { folderTrash } from './folder-trash';
import { LibraryService, type LibraryDeps } from './service';

const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

function tmp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function recordingFiles(): FileShell & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    reveal: async (path) => void calls.push(`reveal ${path}`),
    openPath: async (path) => (calls.push(`open ${path}`), true),
  };
}

function start(library: string, dataDir: string, overrides: Partial<LibraryDeps> = {}) {
  const bus = new EventBus();
  const events: AppEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const logger = capturingLogger();
  const files = recordingFiles();
  let dir = library;
  const service = new LibraryService({
    dir: () => dir,
    inputsDir: () => join(dataDir, 'inputs'),
    mediaUrl: (rel) => `yj-media://library/${rel}`,
    trash: folderTrash(join(dataDir, 'trash')),
    files,
    bus,
    logger,
    ...overrides,
  });
  cleanup.push(() => service.dispose());
  const changed = () => events.filter((e) => e.event === 'library.changed').map((e) => e.payload as LibraryItem);
  return { service, bus, events, changed, logger, files, moveTo: (next: string) => void (dir = next) };
}

function download(file: string): DownloadView {
  return { id: 'l1', localId: 'l1', taskid: '1', name: 'x.mp4', dir: '', state: 'done', bytesDone: 1, bytesTotal: 1, speed: 0, etaSeconds: null, expiresAt: 0, addedAt: 0, error: null, file, canOpenInBrowser: false };
}

describe('LibraryService', () => {
  it('finds the videos again from their sidecars after a reinstall (a fresh data folder, the same download folder)', async () => {
    const library = tmp('yj-lib-');
    writeLibraryVideo(library, 'a.mp4', { sidecar: { prompt: 'first', createdAt: '2026-12-01T10:00:00.000Z' } });
    writeLibraryVideo(join(library, '2026', '12'), 'b.mp4', { sidecar: { prompt: 'second', createdAt: '2026-12-02T10:00:00.000Z' } });
    const before = await start(library, tmp('yj-data-old-')).service.list();
    expect(before.map((i) => i.relPath)).toEqual(['2026/12/b.mp4', 'a.mp4']);

    const after = start(library, tmp('yj-data-new-'));
    const items = await after.service.list();
    expect(items).toEqual(before);
    expect(items[0]).toMatchObject({ prompt: 'second', mediaUrl: 'yj-media://library/2026/12/b.mp4', missing: false, modelName: 'Vidu Q1', createdAt: Date.parse('2026-12-02T10:00:00.000Z') });
    // The ids are stable: derived from the path, not from the run.
    expect(new Set(items.map((i) => i.id)).size).toBe(2);
    // The first scan publishes nothing (the page lists); the data folder was never needed.
    expect(after.changed()).toEqual([]);
  });

  it('shows a video moved or deleted outside the app as missing, and as found when it is back', async () => {
    const library = tmp('yj-lib-');
    const { video } = writeLibraryVideo(library, 'cat.mp4');
    const lib = start(library, tmp('yj-data-'));
    const [item] = await lib.service.list();
    expect(item!.missing).toBe(false);

    const movedTo = join(tmp('yj-elsewhere-'), 'cat.mp4');
    renameSync(video, movedTo);
    expect(await lib.service.rescan()).toEqual({ items: 1, missing: 1 });
    expect((await lib.service.list())[0]).toMatchObject({ id: item!.id, missing: true });
    expect(lib.changed().map((i) => i.missing)).toEqual([true]);
    // Playing it in the system player is a clear "not found", not a crash.
    await expect(lib.service.openWithSystemPlayer(item!.id)).rejects.toMatchObject({ code: 'not_found' });
    // Reveal shows where it was (its sidecar).
    await lib.service.reveal(item!.id);
    expect(lib.files.calls.at(-1)).toBe(`reveal ${video}.yj.json`);

    writeFileSync(video, 'back');
    // Acting on the item looks at the disk: it flips back without a rescan.
    await lib.service.openWithSystemPlayer(item!.id);
    expect(lib.files.calls.at(-1)).toBe(`open ${video}`);
    expect((await lib.service.list())[0]!.missing).toBe(false);
    expect(lib.changed().map((i) => i.missing)).toEqual([true, false]);
    expect(await lib.service.rescan()).toEqual({ items: 1, missing: 0 });
  });

  it('skips malformed and foreign sidecars without failing the scan', async () => {
    const library = tmp('yj-lib-');
    writeLibraryVideo(library, 'good.mp4');
    writeFileSync(join(library, 'broken.mp4.yj.json'), '{"kind":"yuanjing.video", oops');
    writeFileSync(join(library, 'foreign.yj.json'), JSON.stringify({ kind: 'another.app', video: 'x.mp4' }));
    writeFileSync(join(library, 'escape.mp4.yj.json'), readFileSync(join(library, 'good.mp4.yj.json'), 'utf8').replace('"good.mp4"', '"../good.mp4"'));
    writeFileSync(join(library, 'empty.mp4.yj.json'), '');
    writeFileSync(join(library, 'huge.mp4.yj.json'), `"${'x'.repeat(2 * 1024 * 1024)}"`);
    mkdirSync(join(library, 'a-folder.yj.json'));
    writeFileSync(join(library, 'binary.yj.json'), Buffer.from([0xff, 0xfe, 0, 1, 2]));
    const lib = start(library, tmp('yj-data-'));
    expect((await lib.service.list()).map((i) => i.relPath)).toEqual(['good.mp4']);
    expect(lib.logger.lines.some((line) => line.includes('"skipped":6'))).toBe(true);
  });

  it('ignores a folder that does not exist yet (nothing downloaded so far)', async () => {
    const lib = start(join(tmp('yj-lib-'), 'not-yet'), tmp('yj-data-'));
    expect(await lib.service.list()).toEqual([]);
    expect(await lib.service.rescan()).toEqual({ items: 0, missing: 0 });
  });

  it('searches prompt and model name (case-insensitive, NFKC) and filters by model, catalog and date, newest first', async () => {
    const library = tmp('yj-lib-');
    writeLibraryVideo(library, '1.mp4', { sidecar: { prompt: '屋顶上的猫 Cat at dusk', createdAt: '2026-12-01T00:00:00.000Z' } });
    writeLibraryVideo(library, '2.mp4', { sidecar: { prompt: 'ｄｏｇ on grass', modelId: 'm-kling', modelName: 'Kling 2.1', catalog: 'i2v', createdAt: '2026-12-03T00:00:00.000Z' } });
    writeLibraryVideo(library, '3.mp4', { sidecar: { prompt: 'a CAT and a dog', createdAt: '2026-12-02T00:00:00.000Z' } });
    const { service } = start(library, tmp('yj-data-'));
    const names = async (filter: Parameters<LibraryService['list']>[0]) => (await service.list(filter)).map((i) => i.relPath);

    expect(await names({})).toEqual(['2.mp4', '3.mp4', '1.mp4']);
    expect(await names({ query: 'cat' })).toEqual(['3.mp4', '1.mp4']);
    expect(await names({ query: 'ＣＡＴ' })).toEqual(['3.mp4', '1.mp4']);
    expect(await names({ query: 'DOG' })).toEqual(['2.mp4', '3.mp4']);
    expect(await names({ query: '猫' })).toEqual(['1.mp4']);
    expect(await names({ query: 'cat dog' })).toEqual(['3.mp4']);
    expect(await names({ query: 'kling' })).toEqual(['2.mp4']);
    expect(await names({ query: '  ' })).toEqual(['2.mp4', '3.mp4', '1.mp4']);
    expect(await names({ modelId: 'm-kling' })).toEqual(['2.mp4']);
    expect(await names({ catalog: 't2v' })).toEqual(['3.mp4', '1.mp4']);
    expect(await names({ from: Date.parse('2026-12-02T00:00:00.000Z'), to: Date.parse('2026-12-02T00:00:00.000Z') })).toEqual(['3.mp4']);
    expect(await names({ from: Date.parse('2026-12-02T00:00:00.000Z') })).toEqual(['2.mp4', '3.mp4']);
    expect(await names({ query: 'horse' })).toEqual([]);
  });

  it('moves the video, its sidecar and its input copies to the trash, and nothing else', async () => {
    const library = tmp('yj-lib-');
    const dataDir = tmp('yj-data-');
    const gone = writeLibraryVideo(library, 'gone.mp4', { inputs: [{ ext: 'png', bytes: pngOf(300, 300) }] });
    writeLibraryVideo(library, 'kept.mp4');
    const lib = start(library, dataDir);
    const target = (await lib.service.list()).find((i) => i.relPath === 'gone.mp4')!;
    expect(target.inputImageUrls).toEqual(['yj-media://library/gone.inputs/1.png']);

    await lib.service.trash(target.id);
    expect(existsSync(gone.video) || existsSync(gone.sidecar) || existsSync(join(library, 'gone.inputs'))).toBe(false);
    expect(readdirSync(library).sort()).toEqual(['kept.mp4', 'kept.mp4.yj.json']);
    expect(readdirSync(join(dataDir, 'trash')).map((n) => n.replace(/^\d+-\d+-/, '')).sort()).toEqual(['gone.inputs', 'gone.mp4', 'gone.mp4.yj.json']);
    expect((await lib.service.list()).map((i) => i.relPath)).toEqual(['kept.mp4']);
    await expect(lib.service.trash(target.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps the sidecar when the trash refuses midway, and says so', async () => {
    const library = tmp('yj-lib-');
    const written = writeLibraryVideo(library, 'stuck.mp4', { inputs: [{ ext: 'png', bytes: pngOf(300, 300) }] });
    const moved: string[] = [];
    const lib = start(library, tmp('yj-data-'), {
      trash: async (path) => {
        if (path.endsWith('.inputs')) throw new Error('EPERM');
        moved.push(path);
        rmSync(path, { recursive: true });
      },
    });
    const [item] = await lib.service.list();
    await expect(lib.service.trash(item!.id)).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('stuck.inputs') });
    expect(moved).toEqual([written.video]);
    expect(existsSync(written.sidecar)).toBe(true);
    expect(await lib.service.rescan()).toEqual({ items: 1, missing: 1 });
  });

  it('"再来一次" copies the input images into the studio\'s folder and returns the settings', async () => {
    const library = tmp('yj-lib-');
    const dataDir = tmp('yj-data-');
    const first = pngOf(300, 300);
    const second = pngOf(640, 480);
    writeLibraryVideo(library, 'i2v.mp4', {
      inputs: [{ ext: 'png', bytes: first }, { ext: 'png', bytes: second }],
      sidecar: { catalog: 'i2v', modelId: 'm-i2v', prompt: 'make it move', params: { duration: 8, seed: 7 } },
    });
    const lib = start(library, dataDir);
    const [item] = await lib.service.list();
    const again = await lib.service.again(item!.id);
    expect(again).toMatchObject({ modelId: 'm-i2v', catalog: 'i2v', prompt: 'make it move', params: { duration: 8, seed: 7 } });
    expect(again.inputImages).toHaveLength(2);
    for (const path of again.inputImages) expect(path.startsWith(join(dataDir, 'inputs'))).toBe(true);
    expect(readFileSync(again.inputImages[0]!).equals(first)).toBe(true);
    expect(readFileSync(again.inputImages[1]!).equals(second)).toBe(true);
    // The library's own copies stay where they are.
    expect(readdirSync(join(library, 'i2v.inputs'))).toEqual(['1.png', '2.png']);
  });

  it('"再来一次" after a reinstall: the params\' image paths (in the old data folder) become the fresh copies', async () => {
    const library = tmp('yj-lib-');
    const dataDir = tmp('yj-data-');
    const cat = pngOf(800, 600);
    const refs = [pngOf(320, 320), pngOf(400, 400), pngOf(500, 500)];
    writeLibraryVideo(library, 'i2v.mp4', {
      inputs: [{ ext: 'png', bytes: cat }],
      sidecar: { catalog: 'i2v', prompt: '/猫.png', params: { image_file: '/old-data-folder/inputs/abc123.png', prompt: '/猫.png', duration: 5, note: 'C:\\not-an-image.txt' } },
    });
    // r2v: three images sent, the second copy lost since: dropped, not left as a dead path.
    const r2v = writeLibraryVideo(library, 'r2v.mp4', {
      inputs: refs.map((bytes) => ({ ext: 'png', bytes })),
      sidecar: { catalog: 'r2v', localId: 'r2v', params: { images: ['C:\\Old\\inputs\\a.png', 'C:\\Old\\inputs\\b.png', 'C:\\Old\\inputs\\c.png'], seed: 1 } },
    });
    rmSync(r2v.inputs[1]!);
    const lib = start(library, dataDir);
    const items = await lib.service.list();

    const i2v = await lib.service.again(items.find((i) => i.catalog === 'i2v')!.id);
    expect(i2v.inputImages).toHaveLength(1);
    expect(i2v.params).toEqual({ image_file: i2v.inputImages[0], prompt: '/猫.png', duration: 5, note: 'C:\\not-an-image.txt' });
    expect(i2v.inputImages[0]!.startsWith(join(dataDir, 'inputs'))).toBe(true);
    expect(readFileSync(i2v.params.image_file as string).equals(cat)).toBe(true);

    const again = await lib.service.again(items.find((i) => i.catalog === 'r2v')!.id);
    expect(again.inputImages).toHaveLength(2);
    expect(again.params).toEqual({ images: again.inputImages, seed: 1 });
    expect(readFileSync(again.inputImages[0]!).equals(refs[0]!)).toBe(true);
    expect(readFileSync(again.inputImages[1]!).equals(refs[2]!)).toBe(true);
  });

  it('adds a finished download from its event without a rescan, and ignores what is not a listed video', async () => {
    const library = tmp('yj-lib-');
    const lib = start(library, tmp('yj-data-'));
    expect(await lib.service.list()).toEqual([]);
    const { video } = writeLibraryVideo(library, 'new.mp4', { sidecar: { prompt: 'fresh from the oven' } });
    lib.bus.publish('download.changed', { ...download(video), state: 'running' });
    lib.bus.publish('download.changed', download(video));
    await vi.waitFor(() => expect(lib.changed()).toHaveLength(1));
    expect(lib.changed()[0]).toMatchObject({ relPath: 'new.mp4', prompt: 'fresh from the oven', missing: false });
    expect((await lib.service.list({ query: 'oven' })).map((i) => i.relPath)).toEqual(['new.mp4']);

    // Outside the folder, or without a sidecar: not listed, logged.
    const elsewhere = writeLibraryVideo(tmp('yj-other-'), 'x.mp4').video;
    writeFileSync(join(library, 'bare.mp4'), 'no sidecar');
    lib.bus.publish('download.changed', download(elsewhere));
    lib.bus.publish('download.changed', download(join(library, 'bare.mp4')));
    await vi.waitFor(() => expect(lib.logger.lines.filter((l) => l.includes('not listed'))).toHaveLength(2));
    expect((await lib.service.list()).map((i) => i.relPath)).toEqual(['new.mp4']);
  });

  it('reads the new folder when the download folder setting changes', async () => {
    const one = tmp('yj-lib-');
    const two = tmp('yj-lib-');
    writeLibraryVideo(one, 'one.mp4');
    writeLibraryVideo(two, 'two.mp4');
    const lib = start(one, tmp('yj-data-'));
    expect((await lib.service.list()).map((i) => i.relPath)).toEqual(['one.mp4']);
    lib.moveTo(two);
    lib.bus.publish('settings.changed', {} as Settings);
    await vi.waitFor(async () => expect((await lib.service.list()).map((i) => i.relPath)).toEqual(['two.mp4']));
  });

  it('scans once for a rescan and the lists that follow, and queues one more scan for a rescan during a scan', async () => {
    const library = tmp('yj-lib-');
    writeLibraryVideo(library, 'a.mp4');
    const lib = start(library, tmp('yj-data-'));
    const scans = () => lib.logger.lines.filter((line) => line.includes('library scanned')).length;
    const first = lib.service.rescan();
    const same = lib.service.list();
    const queued = lib.service.rescan();
    expect(lib.service.rescan()).toBe(queued);
    await Promise.all([first, same, queued]);
    expect(scans()).toBe(2);
    await lib.service.list();
    expect(scans()).toBe(2);
  });

  it('answers not_found for an id it does not know', async () => {
    const lib = start(tmp('yj-lib-'), tmp('yj-data-'));
    await expect(lib.service.reveal('nope')).rejects.toMatchObject({ code: 'not_found' });
    await expect(lib.service.again('nope')).rejects.toMatchObject({ code: 'not_found' });
  });
});
