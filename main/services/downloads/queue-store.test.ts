/** queue.json on real files: what a restart reads back, what it refuses, and saves that never interleave. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../testing/capturing-logger';
import { QueueStore, type StoredItem } from './queue-store';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'yj-qstore-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const item = (over: Partial<StoredItem> = {}): StoredItem => ({
  id: 'L1', url: 'https://cdn.example/v.mp4', dir: '/videos', name: 'v.mp4', expiresAt: 2_000, addedAt: 1_000,
  state: 'running', attempts: 2, refreshed: true, noRange: true, error: { code: 'network', message: '网络 / network' },
  ...over,
});

function writeRaw(text: string): QueueStore {
  mkdirSync(join(root, 'downloads'), { recursive: true });
  writeFileSync(join(root, 'downloads', 'queue.json'), text);
  return new QueueStore(root);
}

describe('QueueStore', () => {
  it('lives at <dataDir>/downloads/queue.json and reads back exactly what it saved', async () => {
    const store = new QueueStore(root);
    expect(store.file).toBe(join(root, 'downloads', 'queue.json'));
    await store.save([item(), item({ id: 'L2', state: 'paused', attempts: 0, refreshed: false, noRange: false, error: null })]);
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toMatchObject({ version: 1, items: [{ id: 'L1' }, { id: 'L2' }] });
    expect(await new QueueStore(root).load()).toEqual([item(), item({ id: 'L2', state: 'paused', attempts: 0, refreshed: false, noRange: false, error: null })]);
  });

  it('starts empty without a file, and (with a warning) from a damaged one', async () => {
    const quiet = capturingLogger();
    expect(await new QueueStore(root, quiet).load()).toEqual([]);
    expect(quiet.lines).toEqual([]); // no file is the first start, not damage
    const logger = capturingLogger();
    mkdirSync(join(root, 'downloads'), { recursive: true });
    writeFileSync(join(root, 'downloads', 'queue.json'), '{"items": [');
    expect(await new QueueStore(root, logger).load()).toEqual([]);
    expect(logger.lines).toHaveLength(1);
    expect(JSON.parse(logger.lines[0] ?? '')).toMatchObject({ level: 'warn', fields: { error: expect.stringContaining('JSON') } });
    expect(await new QueueStore(root).load()).toEqual([]); // without a logger too
    expect(await writeRaw('{"version": 1}').load()).toEqual([]);
    expect(await writeRaw('{"items": {"L1": {}}}').load()).toEqual([]);
  });

  it('skips entries it cannot trust and fills in what older files lack', async () => {
    const good = item();
    const { attempts: _a, refreshed: _r, noRange: _n, error: _e, ...old } = item({ id: 'OLD' });
    const bad = [
      null, 'L1', 7,
      ...(['id', 'url', 'dir', 'name'] as const).map((k) => ({ ...good, [k]: 1 })),
      { ...good, expiresAt: '2000' }, { ...good, addedAt: null }, { ...good, state: 'exploded' }, { ...good, state: 3 },
    ];
    const loaded = await writeRaw(JSON.stringify({ items: [...bad, good, old, { ...good, id: 'ODD', refreshed: 'yes', noRange: 1 }] })).load();
    expect(loaded).toEqual([
      good,
      { ...old, attempts: 0, refreshed: false, noRange: false, error: null },
      { ...good, id: 'ODD', refreshed: false, noRange: false },
    ]);
  });

  it('keeps every state it knows', async () => {
    const states = ['queued', 'running', 'waiting', 'paused', 'done', 'failed', 'cancelled'] as const;
    const loaded = await writeRaw(JSON.stringify({ items: states.map((state) => item({ id: state, state })) })).load();
    expect(loaded.map((i) => i.state)).toEqual(states);
  });

  it('saves in order: the newest state lands last however fast they come', async () => {
    const store = new QueueStore(root);
    const saves = Array.from({ length: 20 }, (_, n) => store.save([item({ attempts: n })]));
    await Promise.all(saves);
    expect((await store.load())[0]?.attempts).toBe(19);
  });

  it('a save that fails is logged as an error and later saves still land', async () => {
    const logger = capturingLogger();
    writeFileSync(join(root, 'downloads'), 'a file where the folder should be');
    const store = new QueueStore(root, logger);
    await store.save([item()]);
    expect(logger.lines.map((l) => JSON.parse(l) as { level: string })).toMatchObject([{ level: 'error', fields: { error: expect.stringMatching(/E[A-Z]+/) } }]);
    await new QueueStore(root).save([item()]); // without a logger, the failure is swallowed too
    rmSync(join(root, 'downloads'));
    await store.save([item({ id: 'after' })]);
    expect((await store.load()).map((i) => i.id)).toEqual(['after']);
  });
});
