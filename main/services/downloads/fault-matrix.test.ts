/**
 * The download fault matrix, network rows (issue 8 item 5): the REAL queue and engine against the
 * REAL simulator over HTTP, real files in a tmp folder. Each row states what the user must get.
 * Links and the cookie are in fault-matrix-links.test.ts, the file-system rows (rename refused,
 * full disk) in fault-matrix-fs.test.ts, the killed app in queue.crash.test.ts.
 * A random row prints its seed; YJ_FAULT_SEED=<seed> replays it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { faultSeed, nextTaskId, seededRandom, settled, sha256, mediaPath, requestsTo } from '../../testing/download-rig';
import { useDownloadRig } from '../../testing/download-rig-hooks';
import type { DownloadItem, DownloadQueue } from './queue';

const SIZE = 160_000;
const rig = useDownloadRig(SIZE);

const media = mediaPath;
const log = (path: string) => requestsTo(rig(), path);

/** Asserted on every change of an item: a file under the final name is always the whole, right file. */
/** Runs `fn` when `id` first waits to retry (after its first failure), e.g. to change the server then. */
function onFirstWait(queue: DownloadQueue, id: string, fn: () => void): void {
  const off = queue.onChange((item) => {
    if (item.id !== id || item.state !== 'waiting') return;
    off();
    fn();
  });
}

function guardFinal(item: DownloadItem, expected: string, seen: { checks: number }): void {
  const final = rig().paths(item.name).final;
  if (!existsSync(final)) return;
  seen.checks += 1;
  expect(sha256(readFileSync(final)), `final file of ${item.id} while ${item.state}`).toBe(expected);
}

describe('fault matrix: the connection cut at random offsets', () => {
  it('never leaves a final file for a partial download; every run ends whole with the source SHA-256 (24 runs)', async () => {
    const random = seededRandom(faultSeed('cut at random offsets'));
    const queue = await rig().queue({ maxAttempts: 6 });
    let cutsSeen = 0;
    const seen = { checks: 0 };
    for (let run = 0; run < 24; run += 1) {
      const taskid = nextTaskId();
      const path = media(taskid);
      const source = await rig().source(path);
      const expected = sha256(source);
      // Edge offsets first (nothing, all but one byte, the whole body then a drop), then random ones.
      const edges = [[0], [SIZE - 1], [SIZE]];
      const cuts = run < edges.length ? (edges[run] ?? []) : Array.from({ length: 1 + Math.floor(random() * 3) }, () => Math.floor(random() * SIZE));
      for (const bytes of cuts) rig().sim.control.setFault({ kind: 'cutAfter', path, bytes, times: 1 });
      rig().sim.control.clearRequests();
      const id = `cut-${run}`;
      const off = queue.onChange((item) => {
        if (item.id !== id) return;
        guardFinal(item, expected, seen);
        if (item.state === 'waiting') {
          cutsSeen += 1;
          expect(existsSync(rig().paths(item.name).final), `run ${run}: final file after a cut`).toBe(false);
        }
      });
      queue.add(rig().item(id, path));
      const item = await settled(queue, id);
      off();
      expect(item.state, `run ${run} (cuts ${cuts.join(',')})`).toBe('done');
      expect(sha256(readFileSync(rig().paths(item.name).final)), `run ${run}`).toBe(expected);
      expect(existsSync(rig().paths(item.name).part)).toBe(false);
      expect(existsSync(rig().paths(item.name).meta)).toBe(false);
      // Resumed, not refetched: each request after a cut asks for the bytes kept so far.
      const requests = log(path);
      let kept = 0;
      for (const [i, bytes] of cuts.entries()) {
        const next = requests[i + 1];
        if (bytes >= SIZE - kept) break; // the whole body arrived before the drop: no further request
        kept += bytes;
        expect(next?.headers.range ?? null, `run ${run}, request ${i + 2}`).toBe(kept > 0 ? `bytes=${kept}-` : null);
      }
    }
    expect(cutsSeen).toBeGreaterThanOrEqual(24);
    expect(seen.checks).toBeGreaterThanOrEqual(24);
  }, 40_000);
});

describe('fault matrix: faults mixed', () => {
  it('cuts, ignored ranges and new versions in random order (12 runs): always the newest version, whole', async () => {
    const random = seededRandom(faultSeed('mixed faults'));
    const queue = await rig().queue({ maxAttempts: 8 });
    const seen = { checks: 0 };
    for (let run = 0; run < 12; run += 1) {
      const path = media(nextTaskId());
      await rig().source(path);
      const kinds = Array.from({ length: 2 + Math.floor(random() * 3) }, () => (['cutAfter', 'rangeIgnored', 'newVersion'] as const)[Math.floor(random() * 3)] ?? 'cutAfter');
      for (const kind of kinds) rig().sim.control.setFault({ kind, path, times: 1, ...(kind === 'rangeIgnored' ? {} : { bytes: Math.floor(random() * SIZE) }) });
      const id = `mix-${run}`;
      let finalSeen: string | null = null;
      const off = queue.onChange((item) => {
        if (item.id !== id || !existsSync(rig().paths(item.name).final)) return;
        seen.checks += 1;
        finalSeen ??= sha256(readFileSync(rig().paths(item.name).final));
      });
      queue.add(rig().item(id, path));
      const item = await settled(queue, id);
      off();
      rig().sim.control.clearFaults();
      const newest = sha256(await rig().source(path));
      expect(item.state, `run ${run}: ${kinds.join(', ')}`).toBe('done');
      expect(sha256(readFileSync(rig().paths(item.name).final)), `run ${run}: ${kinds.join(', ')}`).toBe(newest);
      expect(finalSeen, `run ${run}: the first final file seen`).toBe(newest);
    }
    expect(seen.checks).toBeGreaterThanOrEqual(12);
  }, 30_000);
});

describe('fault matrix: cuts across concurrent downloads', () => {
  it('three at once under 8 cuts at random places, whichever request they hit: all three whole and right', async () => {
    const queue = await rig().queue({ maxAttempts: 10 });
    const files = await Promise.all([0, 1, 2].map(async (n) => {
      const path = media(nextTaskId());
      return { id: `par-${n}`, path, expected: sha256(await rig().source(path)) };
    }));
    const seen = { checks: 0 };
    queue.onChange((item) => {
      const file = files.find((f) => f.id === item.id);
      if (file) guardFinal(item, file.expected, seen);
    });
    rig().sim.control.setFault({ kind: 'cutAfter', times: 8 }); // no path, no bytes: any media request, anywhere
    for (const f of files) queue.add(rig().item(f.id, f.path));
    const items = await Promise.all(files.map((f) => settled(queue, f.id)));
    expect(items.map((i) => i.state)).toEqual(['done', 'done', 'done']);
    expect(rig().sim.control.getFaults()).toEqual([]); // all 8 cuts landed
    for (const f of files) expect(sha256(readFileSync(rig().paths(`${f.id}.mp4`).final))).toBe(f.expected);
    expect(seen.checks).toBeGreaterThanOrEqual(3);
  });
});

describe('fault matrix: the server or the file changes under the download', () => {
  it('Range ignored (200 to a ranged request) → a clean restart from zero and the right file', async () => {
    const path = media(nextTaskId());
    const expected = sha256(await rig().source(path));
    rig().sim.control.setFault({ kind: 'cutAfter', path, bytes: 70_000, times: 1 });
    rig().sim.control.clearRequests();
    const queue = await rig().queue();
    onFirstWait(queue, 'ri', () => rig().sim.control.setFault({ kind: 'rangeIgnored', path, times: 1 }));
    queue.add(rig().item('ri', path));
    expect(await settled(queue, 'ri')).toMatchObject({ state: 'done', bytesDone: SIZE });
    expect(log(path).map((r) => [r.headers.range, r.status])).toEqual([[null, 200], ['bytes=70000-', 200]]);
    expect(statSync(rig().paths('ri.mp4').final).size).toBe(SIZE);
    expect(sha256(readFileSync(rig().paths('ri.mp4').final))).toBe(expected);
  });

  it('ETag changed mid-way (a new version) → restart from zero; the file is the NEW version, byte for byte', async () => {
    const path = media(nextTaskId());
    const old = await rig().source(path);
    // Cut near the end: the .part then holds more bytes than the (smaller) new version, so a restart
    // that does not truncate would leave a stale tail.
    rig().sim.control.setFault({ kind: 'newVersion', path, bytes: SIZE - 8, times: 1 });
    rig().sim.control.clearRequests();
    const queue = await rig().queue();
    queue.add(rig().item('nv', path));
    const item = await settled(queue, 'nv');
    const fresh = await rig().source(path);
    expect(sha256(fresh)).not.toBe(sha256(old));
    expect(item.state).toBe('done');
    const [first, second] = log(path);
    expect(second?.headers).toMatchObject({ range: `bytes=${SIZE - 8}-`, ifRange: expect.stringMatching(/^"/) });
    expect(second?.status).toBe(200); // If-Range failed: the whole new file
    expect(first?.status).toBe(200);
    expect(sha256(readFileSync(rig().paths('nv.mp4').final))).toBe(sha256(fresh));
    expect(statSync(rig().paths('nv.mp4').final).size).toBe(fresh.length);
  });

  it('slow server (bytes/second cap) → completes, with progress reported at most 10 times a second', { tags: ['slow'] }, async () => {
    const path = media(nextTaskId());
    const expected = sha256(await rig().source(path));
    rig().sim.control.setFault({ kind: 'throttle', path, bytesPerSecond: 200_000, times: 1 });
    const queue = await rig().queue();
    const progress: DownloadItem[] = [];
    queue.onChange((i) => i.state === 'running' && i.bytesDone > 0 && progress.push(i));
    const started = Date.now();
    queue.add(rig().item('slow', path));
    expect(await settled(queue, 'slow')).toMatchObject({ state: 'done', bytesDone: SIZE, bytesTotal: SIZE });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(600); // 160 kB at 200 kB/s
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
    const done = progress.map((p) => p.bytesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.some((p) => p.speed > 50_000 && p.speed < 400_000 && p.etaSeconds !== null && p.bytesTotal === SIZE)).toBe(true);
    expect(sha256(readFileSync(rig().paths('slow.mp4').final))).toBe(expected);
  });
});
