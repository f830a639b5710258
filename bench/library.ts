#!/usr/bin/env -S npx tsx
// Library budget (issue 8, "smooth with 5,000 videos"): a folder with 5,000 videos and their
// sidecars (half of them in year/month subfolders, some videos missing). The scan that builds
// the index (at start, after a reinstall, on "rescan") must take at most 1.5 s; one list, one
// search and one filtered list of the whole index at most 50 ms each. Medians of several runs
// (the machine is shared). Prints the figures next to the budgets; exits 1 when one is exceeded.
// Run: npm run bench:library [-- <folder>]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EventBus } from '../main/core/bus';
import { silentLogger } from '../main/lib/logger';
import { folderTrash } from '../main/services/library/folder-trash';
import { LibraryService } from '../main/services/library/service';
import { writeLibraryVideo } from '../main/testing/library-files';

const ITEMS = 5_000;
const SCAN_BUDGET_MS = 1_500;
const QUERY_BUDGET_MS = 50;
const SCANS = 5;
const QUERIES = 20;
const MODELS = [
  ['m-viduq1', 'Vidu Q1'],
  ['m-kling', 'Kling 2.1'],
  ['m-hailuo', 'Hailuo 02'],
  ['m-wan', '通义万相 2.2'],
] as const;
const WORDS = ['屋顶上的猫', 'a dog on grass', '海边日落', 'city at night', '雨中的街道', 'a dancing robot', '森林里的鹿', 'ＣＡＴ in a box'];

const base = mkdtempSync(join(process.argv[2] ?? tmpdir(), 'yj-bench-library-'));
const root = join(base, 'library');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function populate(): void {
  const start = Date.parse('2025-01-01T00:00:00.000Z');
  for (let i = 0; i < ITEMS; i += 1) {
    const [modelId, modelName] = MODELS[i % MODELS.length]!;
    const created = new Date(start + i * 3_600_000);
    const folder = i % 2 === 0 ? root : join(root, String(created.getUTCFullYear()), String(created.getUTCMonth() + 1).padStart(2, '0'));
    writeLibraryVideo(folder, `${created.toISOString().slice(0, 10)}_${modelId}_${i}.mp4`, {
      // One in fifty videos was moved away by hand: listed as missing.
      bytes: i % 50 === 0 ? null : Buffer.alloc(256, i % 256),
      sidecar: {
        modelId,
        modelName,
        catalog: i % 3 === 0 ? 'i2v' : 't2v',
        prompt: `${WORDS[i % WORDS.length]} #${i} ${'细节描述 '.repeat(i % 7)}`,
        createdAt: created.toISOString(),
        downloadedAt: new Date(created.getTime() + 120_000).toISOString(),
        taskid: String(800_000 + i),
      },
    });
  }
}

function open(): LibraryService {
  return new LibraryService({
    dir: () => root,
    inputsDir: () => join(base, 'data', 'inputs'),
    mediaUrl: (rel) => `yj-media://library/${rel}`,
    trash: folderTrash(join(base, 'data', 'trash')),
    files: null,
    bus: new EventBus(),
    logger: silentLogger,
  });
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function main(): Promise<number> {
  const writing = await timed(async () => populate());
  console.log(`wrote ${ITEMS} videos + sidecars in ${writing.ms.toFixed(0)} ms (${base})`);

  const scans: number[] = [];
  let library: LibraryService | null = null;
  for (let i = 0; i < SCANS; i += 1) {
    library?.dispose();
    const run = await timed(async () => {
      const next = open();
      await next.start();
      return next;
    });
    scans.push(run.ms);
    library = run.value;
  }
  // The first list after a scan sorts the index; later ones reuse the order.
  const first = await timed(() => library!.list());
  const all = first.value;
  const missing = all.filter((item) => item.missing).length;
  if (all.length !== ITEMS) throw new Error(`expected ${ITEMS} items, found ${all.length}`);

  const measure = async (filter: Parameters<LibraryService['list']>[0]) => {
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < QUERIES; i += 1) {
      const run = await timed(() => library!.list(filter));
      times.push(run.ms);
      count = run.value.length;
    }
    return { ms: median(times), count };
  };
  const list = await measure({});
  const search = await measure({ query: 'cat' });
  const filtered = await measure({ modelId: 'm-kling', catalog: 't2v', from: Date.parse('2025-03-01T00:00:00.000Z'), to: Date.parse('2025-06-01T00:00:00.000Z') });
  library!.dispose();

  const rows: [string, number, number, string][] = [
    [`scan of ${ITEMS} sidecars (median of ${SCANS})`, median(scans), SCAN_BUDGET_MS, `${all.length} items, ${missing} missing`],
    ['first list after a scan (sorts the index)', first.ms, QUERY_BUDGET_MS, `${all.length} items`],
    [`list all, newest first (median of ${QUERIES})`, list.ms, QUERY_BUDGET_MS, `${list.count} items`],
    ['search "cat" (NFKC, case-insensitive)', search.ms, QUERY_BUDGET_MS, `${search.count} matches`],
    ['filter model + catalog + date range', filtered.ms, QUERY_BUDGET_MS, `${filtered.count} matches`],
  ];
  let failed = 0;
  for (const [name, ms, budget, note] of rows) {
    const ok = ms <= budget;
    if (!ok) failed += 1;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${ms.toFixed(1)} ms (budget ${budget} ms) — ${note}`);
  }
  return failed === 0 ? 0 : 1;
}

main()
  .then((code) => {
    rmSync(base, { recursive: true, force: true });
    process.exit(code);
  })
  .catch((error: unknown) => {
    rmSync(base, { recursive: true, force: true });
    console.error(error);
    process.exit(1);
  });
