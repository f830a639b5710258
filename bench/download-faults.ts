/**
 * npm run bench:download-faults — 下载故障矩阵 / the download fault matrix as a table (not part of
 * npm test; the same rows are asserted by main/services/downloads/fault-matrix*.test.ts and
 * queue.crash.test.ts). The real queue + engine against the real simulator over loopback, real
 * files in a temp folder; refusals of the OS through the engine's file-system port. For each row:
 * what must happen, what happened, and whether it held. Exit code 1 when a row did not hold.
 * Usage: npm run bench:download-faults [-- <seed>]
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeDownloadFs, type DownloadFs } from '../main/services/downloads/fs-port';
import type { DownloadItem, DownloadQueue, QueueOptions } from '../main/services/downloads/queue';
import { nextTaskId, seededRandom, settled, sha256, startDownloadRig, type DownloadRig } from '../main/testing/download-rig';
import { Client } from '../simulator/testkit';

const SIZE = 200_000;
const seed = Number(process.argv[2]) || Math.floor(Math.random() * 2 ** 31);
const random = seededRandom(seed);

interface Outcome {
  observed: string;
  held: boolean;
}
interface Row {
  row: string;
  expected: string;
  run: (rig: DownloadRig) => Promise<Outcome>;
}

const epoch = () => Math.floor(Date.now() / 1000);
const fileSha = (rig: DownloadRig, name: string) => (existsSync(rig.paths(name).final) ? sha256(readFileSync(rig.paths(name).final)) : 'none');
const requests = (rig: DownloadRig, path: string) => rig.sim.control.requests().filter((r) => r.path === path);
const trail = (rig: DownloadRig, path: string) => requests(rig, path).map((r) => `${r.headers.range ?? 'full'}→${r.status}`).join(', ');

/** A fresh media file: its path and SHA-256, the request log cleared. */
async function source(rig: DownloadRig): Promise<{ path: string; sha: string }> {
  const path = `/media/${nextTaskId()}.mp4`;
  const sha = sha256(await rig.source(path));
  rig.sim.control.clearRequests();
  return { path, sha };
}

async function one(rig: DownloadRig, id: string, path: string, options: Partial<QueueOptions> & { engineOptions?: { fs?: DownloadFs } } = {}, setup?: (q: DownloadQueue) => void): Promise<DownloadItem> {
  const queue = await rig.queue(options);
  setup?.(queue);
  queue.add(rig.item(id, path));
  return settled(queue, id);
}

const onFirstWait = (queue: DownloadQueue, id: string, fn: () => void) => {
  const off = queue.onChange((i) => i.id === id && i.state === 'waiting' && (off(), fn()));
};

const refusingRename = (refusals: number): DownloadFs & { calls: number } => {
  const fs = {
    ...nodeDownloadFs, calls: 0,
    rename: async (from: string, to: string) => {
      fs.calls += 1;
      if (fs.calls <= refusals) throw Object.assign(new Error('EBUSY'), { code: fs.calls % 2 ? 'EBUSY' : 'EPERM' });
      await nodeDownloadFs.rename(from, to);
    },
  };
  return fs;
};

const ROWS: Row[] = [
  {
    row: 'cut at random offsets ×20',
    expected: 'each resumes from its .part; final file only whole, SHA-256 = source',
    async run(rig) {
      let whole = 0;
      let partialFinals = 0;
      let cuts = 0;
      for (let run = 0; run < 20; run += 1) {
        const { path, sha } = await source(rig);
        const n = 1 + Math.floor(random() * 3);
        for (let i = 0; i < n; i += 1) rig.sim.control.setFault({ kind: 'cutAfter', path, bytes: Math.floor(random() * SIZE), times: 1 });
        const item = await one(rig, `cut${run}`, path, { maxAttempts: 6 }, (q) => q.onChange((i) => {
          if (i.state === 'waiting') cuts += 1;
          if (i.id === `cut${run}` && i.state !== 'done' && existsSync(rig.paths(i.name).final) && fileSha(rig, i.name) !== sha) partialFinals += 1;
        }));
        if (item.state === 'done' && fileSha(rig, item.name) === sha) whole += 1;
      }
      return { observed: `${whole}/20 whole, ${cuts} cuts, ${partialFinals} partial finals`, held: whole === 20 && partialFinals === 0 };
    },
  },
  {
    row: 'Range ignored',
    expected: 'clean restart from zero, right file',
    async run(rig) {
      const { path, sha } = await source(rig);
      rig.sim.control.setFault({ kind: 'cutAfter', path, bytes: 80_000, times: 1 });
      const item = await one(rig, 'ri', path, {}, (q) => onFirstWait(q, 'ri', () => rig.sim.control.setFault({ kind: 'rangeIgnored', path, times: 1 })));
      const ok = item.state === 'done' && fileSha(rig, item.name) === sha && statSync(rig.paths(item.name).final).size === SIZE;
      return { observed: `${item.state}; ${trail(rig, path)}; sha ${ok ? 'ok' : 'WRONG'}`, held: ok };
    },
  },
  {
    row: 'ETag changed mid-way',
    expected: 'restart from zero, the new version\'s bytes',
    async run(rig) {
      const { path, sha: old } = await source(rig);
      rig.sim.control.setFault({ kind: 'newVersion', path, bytes: 90_000, times: 1 });
      const item = await one(rig, 'nv', path);
      const log = trail(rig, path);
      const fresh = sha256(await rig.source(path));
      const ok = item.state === 'done' && fresh !== old && fileSha(rig, item.name) === fresh;
      return { observed: `${item.state}; ${log}; ${ok ? 'new version' : 'WRONG bytes'}`, held: ok };
    },
  },
  {
    row: 'slow server (150 kB/s)',
    expected: 'completes, progress ≤ 10/s',
    async run(rig) {
      const { path, sha } = await source(rig);
      rig.sim.control.setFault({ kind: 'throttle', path, bytesPerSecond: 150_000, times: 1 });
      let reports = 0;
      const started = Date.now();
      const item = await one(rig, 'slow', path, {}, (q) => q.onChange((i) => i.state === 'running' && i.bytesDone > 0 && (reports += 1)));
      const ms = Date.now() - started;
      const ok = item.state === 'done' && fileSha(rig, item.name) === sha && reports >= 3 && reports <= Math.ceil(ms / 100) + 2;
      return { observed: `${item.state} in ${ms} ms, ${reports} progress reports`, held: ok };
    },
  },
  {
    row: 'expired link (Expires passed)',
    expected: 'refreshUrl once, the new link finishes',
    async run(rig) {
      const { path, sha } = await source(rig);
      let refreshes = 0;
      const fresh = `${rig.sim.url}${path}?Expires=${epoch() + 3600}`;
      const item = await one(rig, 'exp', `${path}?Expires=${epoch() - 5}`, { refreshUrl: async () => ((refreshes += 1), fresh) });
      const ok = item.state === 'done' && refreshes === 1 && item.url === fresh && fileSha(rig, item.name) === sha;
      return { observed: `${item.state}; refresh ×${refreshes}; ${trail(rig, path)}`, held: ok };
    },
  },
  {
    row: '403 before expiry',
    expected: 'refresh once, then expired_link ("open in browser"); task untouched',
    async run(rig) {
      const { path } = await source(rig);
      const tasks = rig.sim.control.tasks().length;
      rig.sim.control.setFault({ kind: 'forbidden', path });
      let refreshes = 0;
      const item = await one(rig, 'f403', `${path}?Expires=${epoch() + 3600}`, { refreshUrl: async (i) => ((refreshes += 1), i.url) });
      rig.sim.control.clearFaults();
      const others = rig.sim.control.requests().filter((r) => r.path !== path).length;
      const ok = item.state === 'failed' && item.error?.code === 'expired_link' && refreshes === 1 && others === 0 && rig.sim.control.tasks().length === tasks;
      return { observed: `${item.state} ${item.error?.code ?? ''}; refresh ×${refreshes}; ${trail(rig, path)}; platform requests ${others}`, held: ok };
    },
  },
  {
    row: 'rename refused ×3 (EBUSY/EPERM)',
    expected: 'retried briefly, done',
    async run(rig) {
      const { path, sha } = await source(rig);
      const fs = refusingRename(3);
      const item = await one(rig, 'rn', path, { engineOptions: { fs } });
      return { observed: `${item.state} after ${fs.calls} renames`, held: item.state === 'done' && fs.calls === 4 && fileSha(rig, item.name) === sha };
    },
  },
  {
    row: 'rename refused for good',
    expected: 'rename_failed, .part kept; finishes later without refetching',
    async run(rig) {
      const { path, sha } = await source(rig);
      const fs = refusingRename(Number.MAX_SAFE_INTEGER);
      const queue = await rig.queue({ engineOptions: { fs } });
      queue.add(rig.item('rf', path));
      const failed = await settled(queue, 'rf');
      const kept = existsSync(rig.paths('rf.mp4').part) ? statSync(rig.paths('rf.mp4').part).size : 0;
      fs.rename = (from, to) => nodeDownloadFs.rename(from, to);
      queue.resume('rf');
      const item = await settled(queue, 'rf');
      const ok = failed.error?.code === 'rename_failed' && kept === SIZE && item.state === 'done' && fileSha(rig, 'rf.mp4') === sha;
      return { observed: `${failed.error?.code ?? failed.state}, .part ${kept} B; then ${item.state}: ${trail(rig, path)}`, held: ok };
    },
  },
  {
    row: 'full disk (free-space check)',
    expected: 'disk_full, .part kept, resumable',
    async run(rig) {
      const { path, sha } = await source(rig);
      rig.sim.control.setFault({ kind: 'cutAfter', path, bytes: 70_000, times: 1 });
      let free = Number.MAX_SAFE_INTEGER;
      const fs: DownloadFs = { ...nodeDownloadFs, freeBytes: async () => free };
      const queue = await rig.queue({ engineOptions: { fs } });
      onFirstWait(queue, 'full', () => (free = 1_000));
      queue.add(rig.item('full', path));
      const failed = await settled(queue, 'full');
      const kept = statSync(rig.paths('full.mp4').part).size;
      free = Number.MAX_SAFE_INTEGER;
      queue.resume('full');
      const item = await settled(queue, 'full');
      const ok = failed.error?.code === 'disk_full' && kept === 70_000 && item.state === 'done' && fileSha(rig, 'full.mp4') === sha;
      return { observed: `${failed.error?.code ?? failed.state}, .part ${kept} B; then ${item.state}: ${trail(rig, path)}`, held: ok };
    },
  },
  {
    row: 'full disk (ENOSPC half-way)',
    expected: 'disk_full, bytes so far kept, resumable',
    async run(rig) {
      const { path, sha } = await source(rig);
      let room = 100_000;
      const fs: DownloadFs = {
        ...nodeDownloadFs,
        async openPart(file, flags) {
          const handle = await open(file, flags);
          const writev = handle.writev.bind(handle);
          handle.writev = (async (buffers: Buffer[], position: number) => {
            const all = Buffer.concat(buffers);
            if (all.length <= room) return (room -= all.length, writev([all], position));
            await writev([all.subarray(0, room)], position);
            room = 0;
            throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
          }) as typeof handle.writev;
          return handle;
        },
      };
      const queue = await rig.queue({ engineOptions: { fs } });
      queue.add(rig.item('nospc', path));
      const failed = await settled(queue, 'nospc');
      const kept = statSync(rig.paths('nospc.mp4').part).size;
      room = Number.MAX_SAFE_INTEGER;
      queue.resume('nospc');
      const item = await settled(queue, 'nospc');
      const ok = failed.error?.code === 'disk_full' && kept === 100_000 && item.state === 'done' && fileSha(rig, 'nospc.mp4') === sha;
      return { observed: `${failed.error?.code ?? failed.state}, .part ${kept} B; then ${item.state}: ${trail(rig, path)}`, held: ok };
    },
  },
  {
    row: 'platform cookie',
    expected: 'vendor URL never gets it; /idfile does',
    async run(rig) {
      const login = new Client(rig.sim.url);
      await login.login('13900000001');
      rig.cookie = `AIOHTTP_SESSION=${login.cookie ?? ''}`;
      const { path } = await source(rig);
      const idfile = '/idfile?path=/results/bench.mp4';
      await one(rig, 'vendor', path);
      await one(rig, 'platform', idfile);
      rig.cookie = null;
      const vendorCookie = requests(rig, path).some((r) => r.headers.cookie);
      const platformCookie = requests(rig, '/idfile').every((r) => r.headers.cookie && r.status === 200);
      return { observed: `vendor: ${vendorCookie ? 'COOKIE SENT' : 'no cookie'}; /idfile: ${platformCookie ? 'cookie, 200' : 'no cookie'}`, held: !vendorCookie && platformCookie };
    },
  },
  {
    row: 'app killed mid-download',
    expected: 'restart finishes from the .part (Range > 0), right SHA-256',
    async run(rig) {
      const { path, sha } = await source(rig);
      rig.sim.control.setFault({ kind: 'throttle', path, bytesPerSecond: 150_000 });
      const name = 'killed.mp4';
      const args = [join(rig.root, 'killed-data'), `${rig.sim.url}${path}`, rig.dir, name];
      const child = join(import.meta.dirname, '../main/testing/download-crash-child.ts');
      const first = spawn(process.execPath, ['--import', 'tsx', child, ...args], { stdio: 'ignore' });
      const { part, meta } = rig.paths(name);
      while (!(existsSync(meta) && existsSync(part) && statSync(part).size > 0)) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, Math.floor(random() * 400)));
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const kept = statSync(part).size;
      const second = spawn(process.execPath, ['--import', 'tsx', child, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
      await new Promise<void>((resolve) => second.stdout.on('data', (c: Buffer) => c.toString().includes('done') && resolve()));
      second.kill('SIGKILL');
      rig.sim.control.clearFaults();
      const log = trail(rig, path);
      return { observed: `killed at ${kept} B; ${log}`, held: log.endsWith(`bytes=${kept}-→206`) && fileSha(rig, name) === sha };
    },
  },
];

const rig = await startDownloadRig(SIZE);
console.log(`下载故障矩阵 / download fault matrix — ${SIZE} B files, seed ${seed}\n`);
const results: (Row & Outcome)[] = [];
for (const row of ROWS) {
  rig.sim.control.clearFaults();
  rig.sim.control.clearRequests();
  const outcome = await row.run(rig).catch((error: unknown) => ({ observed: `threw: ${String(error)}`, held: false }));
  await rig.closeQueues();
  results.push({ ...row, ...outcome });
}
await rig.close();

const widths = [31, 68, 0];
const line = (cells: string[]) => cells.map((c, i) => (widths[i] ? c.padEnd(widths[i] ?? 0) : c)).join(' | ');
console.log(line(['row', 'expected', 'held | observed']));
console.log('-'.repeat(140));
for (const r of results) console.log(line([r.row, r.expected, `${r.held ? 'yes ' : 'NO  '} | ${r.observed}`]));
const broken = results.filter((r) => !r.held).length;
console.log(`\n${results.length - broken}/${results.length} rows held`);
process.exit(broken === 0 ? 0 : 1);
