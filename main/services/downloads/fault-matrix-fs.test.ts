/**
 * The download fault matrix, file-system rows (issue 8 item 5): the OS refuses the rename for a
 * while or for good, the disk is full before the download (free-space check) or fills up half-way
 * (ENOSPC from a write). The REAL queue and engine against the REAL simulator; the refusals come
 * through the engine's injected file-system port, everything else is real files.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { nextTaskId, settled, sha256, mediaPath, requestsTo } from '../../testing/download-rig';
import { useDownloadRig } from '../../testing/download-rig-hooks';
import { nodeDownloadFs, type DownloadFs } from './fs-port';
import type { DownloadQueue } from './queue';

const SIZE = 150_000;
const rig = useDownloadRig(SIZE);

const media = mediaPath;
const log = (path: string) => requestsTo(rig(), path);
const refusal = (code: string) => Object.assign(new Error(`${code}: operation not permitted, rename`), { code });

async function prepare(): Promise<{ path: string; expected: string }> {
  const path = media(nextTaskId());
  const expected = sha256(await rig().source(path));
  rig().sim.control.clearRequests();
  return { path, expected };
}

/** Resumes a failed item and waits for the outcome. */
async function resumed(queue: DownloadQueue, id: string) {
  queue.resume(id);
  return settled(queue, id);
}

describe('fault matrix: the rename is refused', () => {
  it('EPERM/EBUSY a few times (antivirus) → retried briefly, then done', async () => {
    const { path, expected } = await prepare();
    const codes = ['EPERM', 'EBUSY', 'EPERM'];
    let calls = 0;
    const fs: DownloadFs = {
      ...nodeDownloadFs,
      rename: async (from, to) => {
        const code = codes[calls];
        calls += 1;
        if (code) throw refusal(code);
        await nodeDownloadFs.rename(from, to);
      },
    };
    const queue = await rig().queue({ engineOptions: { fs } });
    queue.add(rig().item('rn', path));
    expect(await settled(queue, 'rn')).toMatchObject({ state: 'done', error: null, attempts: 0 });
    expect(calls).toBe(4);
    expect(log(path)).toHaveLength(1); // the bytes were fetched once
    expect(sha256(readFileSync(rig().paths('rn.mp4').final))).toBe(expected);
  });

  it('refused for good → a clear rename_failed, the complete .part kept; later it finishes without fetching again', async () => {
    const { path, expected } = await prepare();
    let locked = true;
    let calls = 0;
    const fs: DownloadFs = {
      ...nodeDownloadFs,
      rename: async (from, to) => {
        calls += 1;
        if (locked) throw refusal('EBUSY');
        await nodeDownloadFs.rename(from, to);
      },
    };
    const queue = await rig().queue({ engineOptions: { fs } });
    queue.add(rig().item('rf', path));
    const failed = await settled(queue, 'rf');
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'rename_failed' } });
    expect(failed.error?.message).toMatch(/无法完成文件.*Could not finish the file.*EBUSY/);
    expect(calls).toBe(5);
    expect(existsSync(rig().paths('rf.mp4').final)).toBe(false);
    expect(statSync(rig().paths('rf.mp4').part).size).toBe(SIZE);
    expect(sha256(readFileSync(rig().paths('rf.mp4').part))).toBe(expected);

    locked = false; // the other program let go of the file
    expect(await resumed(queue, 'rf')).toMatchObject({ state: 'done' });
    expect(log(path).map((r) => [r.headers.range, r.status])).toEqual([[null, 200], [`bytes=${SIZE}-`, 416]]);
    expect(sha256(readFileSync(rig().paths('rf.mp4').final))).toBe(expected);
    expect(existsSync(rig().paths('rf.mp4').part)).toBe(false);
  });
});

describe('fault matrix: the disk is full', () => {
  it('free-space check fails → disk_full, the .part kept as it was; resumable once there is room', async () => {
    const { path, expected } = await prepare();
    rig().sim.control.setFault({ kind: 'cutAfter', path, bytes: 60_000, times: 1 });
    let free = Number.MAX_SAFE_INTEGER;
    const fs: DownloadFs = { ...nodeDownloadFs, freeBytes: async () => free };
    const queue = await rig().queue({ engineOptions: { fs } });
    // The first answer is cut; by the retry the disk has filled up.
    queue.onChange((item) => item.state === 'waiting' && (free = 10_000));
    queue.add(rig().item('full', path));
    const failed = await settled(queue, 'full');
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'disk_full' } });
    expect(failed.error?.message).toMatch(/磁盘空间不足.*Not enough disk space/);
    expect(statSync(rig().paths('full.mp4').part).size).toBe(60_000);
    expect(existsSync(rig().paths('full.mp4').final)).toBe(false);

    free = Number.MAX_SAFE_INTEGER;
    expect(await resumed(queue, 'full')).toMatchObject({ state: 'done' });
    expect(log(path).map((r) => r.headers.range)).toEqual([null, 'bytes=60000-', 'bytes=60000-']);
    expect(sha256(readFileSync(rig().paths('full.mp4').final))).toBe(expected);
  });

  it('ENOSPC half-way through the writes → disk_full, the bytes written so far kept; resumed from there', async () => {
    const { path, expected } = await prepare();
    const LIMIT = 90_000;
    let room = LIMIT;
    const fs: DownloadFs = {
      ...nodeDownloadFs,
      // A disk with `room` bytes left: a write that does not fit writes what fits, then fails like the OS does.
      async openPart(file, flags) {
        const handle = await open(file, flags);
        const writev = handle.writev.bind(handle);
        handle.writev = (async (buffers: Buffer[], position: number) => {
          const all = Buffer.concat(buffers);
          if (all.length <= room) {
            room -= all.length;
            return writev([all], position);
          }
          await writev([all.subarray(0, room)], position);
          room = 0;
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }) as typeof handle.writev;
        return handle;
      },
    };
    const queue = await rig().queue({ engineOptions: { fs } });
    queue.add(rig().item('enospc', path));
    const failed = await settled(queue, 'enospc');
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'disk_full' } });
    expect(failed.error?.message).toMatch(/磁盘空间不足.*Not enough disk space/);
    expect(statSync(rig().paths('enospc.mp4').part).size).toBe(LIMIT);
    expect(existsSync(rig().paths('enospc.mp4').final)).toBe(false);

    room = Number.MAX_SAFE_INTEGER; // the user made room
    expect(await resumed(queue, 'enospc')).toMatchObject({ state: 'done' });
    expect(log(path).map((r) => r.headers.range)).toEqual([null, `bytes=${LIMIT}-`]);
    expect(sha256(readFileSync(rig().paths('enospc.mp4').final))).toBe(expected);
  });
});
