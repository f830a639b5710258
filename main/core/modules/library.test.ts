/** The library module inside createCore: its folder (setting or default), its routes, its ports and their fallbacks. */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RouteInput, RouteName, RouteOutput } from '../../../preload/contract';
import { silentLogger } from '../../lib/logger';
import { capturingLogger } from '../../testing/capturing-logger';
import { FakeClock } from '../../testing/fake-clock';
import { writeLibraryVideo } from '../../testing/library-files';
import { memoryDataPaths, memorySecretBox, memoryStore } from '../../testing/memory-ports';
import { createCore, type Core, type CorePorts } from '../index';
import { LIBRARY_WARM_UP_MS } from './library';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

function build(overrides: Partial<CorePorts> = {}): { core: Core; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'yj-library-module-'));
  const core = createCore(
    { store: memoryStore(), secrets: memorySecretBox(), opener: { open: async () => {} }, logger: silentLogger, dataPaths: memoryDataPaths(root), mediaUrl: (rel) => `test-media:${rel}`, ...overrides },
    { runtime: 'browser-host', version: '0.0.0-test', officialServerUrl: '' },
  );
  cleanup.push(() => rmSync(root, { recursive: true, force: true }), () => core.dispose());
  return { core, root };
}

/** Files written after createCore: the start-up scan may have read the folder already. */
async function listAfterRescan(core: Core) {
  await call(core, 'library.rescan');
  return call(core, 'library.list');
}

async function call<K extends RouteName>(core: Core, route: K, input?: unknown): Promise<RouteOutput<K>> {
  return core.handlers[route](core.schemas[route].parse(input) as RouteInput<K>);
}

describe('the library module', () => {
  it('reads the download folder by default (元境 under Videos) and lists with the host\'s media URLs', async () => {
    const { core, root } = build();
    expect(core.libraryDir()).toBe(join(root, 'videos', '元境'));
    writeLibraryVideo(core.libraryDir(), 'a.mp4');
    expect(await call(core, 'library.rescan')).toEqual({ items: 1, missing: 0 });
    const [item] = await call(core, 'library.list');
    expect(item).toMatchObject({ relPath: 'a.mp4', mediaUrl: 'test-media:a.mp4' });
  });

  it('follows the download folder setting', async () => {
    const { core, root } = build();
    const chosen = join(root, 'chosen');
    writeLibraryVideo(chosen, 'b.mp4');
    await call(core, 'settings.update', { downloadDir: chosen });
    expect(core.libraryDir()).toBe(chosen);
    await vi.waitFor(async () => expect((await call(core, 'library.list')).map((i) => i.relPath)).toEqual(['b.mp4']));
  });

  it('trashes into <dataDir>/trash without a trash port, and through the port when there is one', async () => {
    const { core, root } = build();
    writeLibraryVideo(core.libraryDir(), 'c.mp4');
    const [item] = await listAfterRescan(core);
    expect(await call(core, 'library.trash', { id: item!.id })).toBeNull();
    expect(readdirSync(join(root, 'data', 'trash'))).toHaveLength(2);

    const trashed: string[] = [];
    const withPort = build({ trash: async (path) => void trashed.push(path) });
    const { video } = writeLibraryVideo(withPort.core.libraryDir(), 'd.mp4');
    const [other] = await listAfterRescan(withPort.core);
    await call(withPort.core, 'library.trash', { id: other!.id });
    expect(trashed).toEqual([video, `${video}.yj.json`]);
    expect(existsSync(video)).toBe(true); // the port decides; this fake keeps the file
  });

  it('reveals and opens through the file shell port; without one it says so', async () => {
    const calls: string[] = [];
    const { core } = build({ fileShell: { reveal: async (p) => void calls.push(`reveal ${p}`), openPath: async (p) => (calls.push(`open ${p}`), false) } });
    const { video } = writeLibraryVideo(core.libraryDir(), 'e.mp4');
    const [item] = await listAfterRescan(core);
    await call(core, 'library.reveal', { id: item!.id });
    await expect(call(core, 'library.openExternal', { id: item!.id })).rejects.toMatchObject({ code: 'internal' });
    expect(calls).toEqual([`reveal ${video}`, `open ${video}`]);

    const bare = build();
    writeLibraryVideo(bare.core.libraryDir(), 'f.mp4');
    const [lonely] = await listAfterRescan(bare.core);
    await expect(call(bare.core, 'library.reveal', { id: lonely!.id })).rejects.toMatchObject({ code: 'internal' });
  });

  it('validates its inputs', () => {
    const { core } = build();
    expect(() => core.schemas['library.list'].parse({ catalog: 'x2v' })).toThrow();
    expect(() => core.schemas['library.list'].parse({ query: 'x'.repeat(501) })).toThrow();
    expect(() => core.schemas['library.trash'].parse({ id: '' })).toThrow();
    expect(core.schemas['library.list'].parse(undefined)).toEqual({});
  });

  it('reads the folder a little after start-up, not during it', async () => {
    const clock = new FakeClock();
    const logger = capturingLogger();
    const { core } = build({ clock, logger });
    writeLibraryVideo(core.libraryDir(), 'g.mp4');
    const scans = () => logger.lines.filter((line) => line.includes('library scanned'));
    await clock.advance(LIBRARY_WARM_UP_MS - 1);
    expect(scans()).toEqual([]);
    await clock.advance(1);
    await vi.waitFor(() => expect(scans()).toHaveLength(1));
    expect(scans()[0]).toContain('"items":1');
    // The list reuses that scan.
    expect(await call(core, 'library.list')).toHaveLength(1);
    expect(scans()).toHaveLength(1);
  });
});
