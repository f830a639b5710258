/**
 * 下载引擎 / the download engine on loopback (not part of npm test):
 * - 256 MiB, engine vs `curl -s -o` to the same disk: throughput ratio (budget ≥ 0.6; the engine
 *   also fsyncs, curl does not);
 * - 256 MiB from a server capped at 40 MiB/s: engine throughput / cap (budget ≥ 0.95);
 * - extra memory of this process while downloading, peak RSS over the baseline (budget ≤ 64 MiB:
 *   the body is streamed, never buffered whole).
 * Usage: npm run bench:download [-- <folder>] (default: the OS temp folder).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createMediaClient } from '../main/platform/media';
import { createDownloadEngine } from '../main/services/downloads/engine';

const MiB = 1024 * 1024;
const SIZE = 256 * MiB;
const CAP = 40 * MiB;

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'download.server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  return { url: line.trim(), stop: () => child.kill('SIGTERM') };
}

function curl(url: string, file: string): number {
  const started = performance.now();
  const result = spawnSync('curl', ['-s', '-o', file, url]);
  if (result.status !== 0) throw new Error(`curl failed: ${result.status}`);
  const seconds = (performance.now() - started) / 1000;
  if (statSync(file).size !== SIZE) throw new Error('curl wrote a wrong size');
  rmSync(file);
  return SIZE / seconds;
}

async function engineRun(url: string, dir: string, name: string, size = SIZE): Promise<{ rate: number; extraRss: number }> {
  const engine = createDownloadEngine({ media: createMediaClient({ platformBaseUrl: () => 'https://platform.invalid', cookieHeader: () => null }) });
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const result = await engine.download({ url, dir, name });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (result.size !== size) throw new Error('engine wrote a wrong size');
  rmSync(result.file);
  return { rate: size / seconds, extraRss: peak - baseline };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const fmt = (bytesPerSecond: number) => `${(bytesPerSecond / MiB).toFixed(0)} MiB/s`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER BUDGET');

const dir = mkdtempSync(join(process.argv[2] ?? tmpdir(), 'yj-bench-dl-'));
const server = await startServer();
try {
  const full = `${server.url}/file?size=${SIZE}`;
  // Warm-up: module and JIT memory are not the download's; the baseline is taken after it.
  await engineRun(`${server.url}/file?size=${16 * MiB}`, dir, 'warm.bin', 16 * MiB);
  // Medians of five each, alternating, so a noisy moment on a shared machine does not decide.
  const curlRates: number[] = [];
  const engineRuns: { rate: number; extraRss: number }[] = [];
  for (let i = 0; i < 5; i += 1) {
    curlRates.push(curl(full, join(dir, 'curl.bin')));
    engineRuns.push(await engineRun(full, dir, 'engine.bin'));
  }
  const capped = await engineRun(`${full}&cap=${CAP}`, dir, 'capped.bin');
  if (process.env.BENCH_VERBOSE) console.log({ curl: curlRates.map(fmt), engine: engineRuns.map((r) => [fmt(r.rate), (r.extraRss / MiB).toFixed(1)]), capped: (capped.extraRss / MiB).toFixed(1) });
  const curlBest = median(curlRates);
  const engineBest = median(engineRuns.map((r) => r.rate));
  const ratio = engineBest / curlBest;
  const capRatio = capped.rate / CAP;
  const extra = Math.max(capped.extraRss, ...engineRuns.map((r) => r.extraRss)) / MiB;
  console.log('下载引擎 / download engine, 256 MiB on loopback');
  console.log(`  curl -s -o (median of 5)   ${fmt(curlBest)}`);
  console.log(`  engine, with fsync (med.)  ${fmt(engineBest)}  ratio ${ratio.toFixed(2)}  budget ≥ 0.60  ${verdict(ratio >= 0.6)}`);
  console.log(`  engine, server at 40 MiB/s ${fmt(capped.rate)}  ratio ${capRatio.toFixed(3)} budget ≥ 0.95  ${verdict(capRatio >= 0.95)}`);
  console.log(`  extra memory (peak RSS)    ${extra.toFixed(1)} MiB  budget ≤ 64 MiB  ${verdict(extra <= 64)}`);
  process.exitCode = ratio >= 0.6 && capRatio >= 0.95 && extra <= 64 ? 0 : 1;
} finally {
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}
