/**
 * The app killed mid-download and started again (issue 8 item 5): a child process runs the real
 * DownloadQueue against a slow simulator file, the test SIGKILLs it once bytes are on disk (at a
 * seeded random moment after that), starts a new child on the same data folder, and the download
 * must finish from the .part: the server sees a Range that starts exactly where the .part ended,
 * and the file's SHA-256 is the source's.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultSeed, nextTaskId, seededRandom, sha256, startDownloadRig, type DownloadRig } from '../../testing/download-rig';

const CHILD = resolve(import.meta.dirname, '../../testing/download-crash-child.ts');
const SIZE = 240_000;
const RATE = 160_000; // bytes per second: a full download takes 1.5 s
let rig: DownloadRig;

beforeAll(async () => {
  rig = await startDownloadRig(SIZE);
});
afterAll(async () => rig.close());

interface Child {
  proc: ChildProcessWithoutNullStreams;
  lines: string[];
  waitFor(prefix: string, timeoutMs?: number): Promise<string>;
  exited: Promise<void>;
}

function startChild(args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: 'pipe' });
  const lines: string[] = [];
  let buffered = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  proc.stdout.on('data', (chunk: Buffer) => {
    const parts = (buffered + chunk.toString('utf8')).split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
    for (const l of listeners) l();
  });
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((r) => proc.on('exit', () => r()));
  const waitFor = (prefix: string, timeoutMs = 20_000) =>
    new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`no "${prefix}" from the child; said ${lines.join(' | ')}; stderr ${stderr}`)), timeoutMs);
      const check = () => {
        const line = lines.find((l) => l.startsWith(prefix));
        if (!line) return;
        clearTimeout(timer);
        listeners.delete(check);
        res(line);
      };
      listeners.add(check);
      void exited.then(() => setTimeout(() => rej(new Error(`child exited before "${prefix}": ${stderr}`)), 50));
      check();
    });
  return { proc, lines, waitFor, exited };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe('DownloadQueue after SIGKILL', () => {
  it('finishes the same file from its .part after kills at random moments (3 files, 4 kills)', async () => {
    const random = seededRandom(faultSeed('download crash'));
    for (let run = 0; run < 3; run += 1) {
      const path = `/media/${nextTaskId()}.mp4`;
      const expected = sha256(await rig.source(path));
      rig.sim.control.clearFaults();
      rig.sim.control.setFault({ kind: 'throttle', path, bytesPerSecond: RATE });
      rig.sim.control.clearRequests();
      const dataDir = join(rig.root, `crash-data-${run}`);
      const name = `crash-${run}.mp4`;
      const args = [dataDir, `${rig.sim.url}${path}`, rig.dir, name];
      const { part, meta, final } = rig.paths(name);
      const keptAtKill: number[] = [];
      for (let kill = 0; kill < 1 + (run % 2); kill += 1) {
        const child = startChild(args);
        await child.waitFor('ready');
        const before = keptAtKill.at(-1) ?? 0;
        // Bytes of THIS run on disk (beyond what the last one left), then a random moment more.
        await until(() => existsSync(meta) && existsSync(part) && statSync(part).size > before, 'bytes on disk');
        await new Promise((r) => setTimeout(r, Math.floor(random() * 400)));
        child.proc.kill('SIGKILL');
        await child.exited;
        expect(child.lines.some((l) => l.startsWith('done')), `run ${run}: finished before the kill`).toBe(false);
        expect(existsSync(final), `run ${run}: a final file after the kill`).toBe(false);
        keptAtKill.push(statSync(part).size);
      }
      const last = startChild(args);
      expect(await last.waitFor('done')).toBe(`done ${final}`);
      last.proc.kill('SIGKILL');
      await last.exited;

      const ranges = rig.sim.control.requests().filter((r) => r.path === path).map((r) => [r.headers.range, r.status]);
      // One request per child: the first from zero, each later one from exactly where the .part ended.
      expect(ranges, `run ${run}`).toEqual([[null, 200], ...keptAtKill.map((k) => [`bytes=${k}-`, 206])]);
      expect(keptAtKill.every((k) => k > 0 && k < SIZE)).toBe(true);
      expect(sha256(readFileSync(final)), `run ${run}`).toBe(expected);
      expect(existsSync(part)).toBe(false);
    }
  }, 60_000);
});
