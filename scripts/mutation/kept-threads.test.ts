/**
 * The mutation run's pool, driven the way Stryker drives vitest: one vitest, many `start` calls, the
 * test-name filter and the provided values changed between them, `pool: 'threads'` on the command line.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createVitest, type Vitest } from 'vitest/node';
import type { Probe } from './fixtures/probe';
import { endParkedThreads, keepWorkerThreads, parkedThreadCount, type KeptThreadOptions } from './kept-threads';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const forgetLeftover = fileURLToPath(new URL('./fixtures/forget-leftover.ts', import.meta.url));
const silent = { onInit() {} };

let vitest: Vitest | undefined;

afterEach(async () => {
  await vitest?.close();
  vitest = undefined;
  await endParkedThreads();
});

async function startVitest(settings?: Partial<KeptThreadOptions>): Promise<Vitest> {
  vitest = await createVitest(
    'test',
    { root: fixtures, config: false, include: ['*.fixture.ts'], watch: false, cache: false, pool: 'threads', maxWorkers: 1, reporters: [silent] },
    { plugins: [keepWorkerThreads(settings)] },
  );
  return vitest;
}

interface FileProbes {
  file: string;
  probes: Probe[];
}

/** One run as Stryker makes it; returns, file by file, what each test that ran recorded. */
async function run(ctx: Vitest, provided: number, testNamePattern?: RegExp): Promise<FileProbes[]> {
  (ctx.provide as (key: string, value: unknown) => void)('probe', provided);
  for (const project of ctx.projects) project.config.testNamePattern = testNamePattern;
  ctx.state.filesMap.clear();
  await ctx.start();
  expect([...ctx.state.errorsSet]).toEqual([]);
  return ctx.state
    .getFiles()
    .map((file) => ({
      file: file.name,
      probes: file.tasks.flatMap((task) => {
        if (task.result?.state === 'fail') throw new Error(`${file.name} › ${task.name} failed`);
        const probe = (task.meta as { probe?: Probe }).probe;
        return probe ? [probe] : [];
      }),
    }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

const threadsOf = (files: FileProbes[]) => new Set(files.flatMap(({ probes }) => probes.map((probe) => probe.threadId)));

describe('kept-threads: the mutation run keeps its worker threads between runs', () => {
  it('runs every file of every run in one thread, and parks it between runs', { tags: ['slow'] }, async () => {
    const ctx = await startVitest();
    const first = await run(ctx, 1);
    expect(parkedThreadCount()).toBe(1);
    const second = await run(ctx, 2);
    expect(parkedThreadCount()).toBe(1);

    expect(first.map(({ file }) => file)).toEqual(['probe-again.fixture.ts', 'probe.fixture.ts']);
    expect(first.every(({ probes }) => probes.length === 2)).toBe(true);
    const threads = threadsOf([...first, ...second]);
    expect(threads.size).toBe(1);
  });

  it('evaluates the modules afresh for every file, so no module state crosses files or runs', { tags: ['slow'] }, async () => {
    const ctx = await startVitest();
    const runs = [await run(ctx, 1), await run(ctx, 2)];
    for (const files of runs) {
      for (const { probes } of files) expect(probes.map((probe) => probe.calls)).toEqual([1, 2]);
    }
    expect(threadsOf(runs.flat()).size).toBe(1);
  });

  it("gives each run in a kept thread that run's test-name filter and provided values", { tags: ['slow'] }, async () => {
    const ctx = await startVitest();
    const alpha = await run(ctx, 11, /alpha/);
    const beta = await run(ctx, 22, /beta/);
    const all = await run(ctx, 33);

    expect(alpha.flatMap(({ probes }) => probes.map(({ name, provided }) => `${name}:${String(provided)}`))).toEqual(['alpha:11', 'alpha:11']);
    expect(beta.flatMap(({ probes }) => probes.map(({ name, provided }) => `${name}:${String(provided)}`))).toEqual(['beta:22', 'beta:22']);
    expect(all.flatMap(({ probes }) => probes.map(({ provided }) => provided))).toEqual([33, 33, 33, 33]);
    expect(threadsOf([...alpha, ...beta, ...all]).size).toBe(1);
  });

  it('carries globals from file to file, unless a first setup file clears them', { tags: ['slow'] }, async () => {
    const leftovers = (files: FileProbes[]) => files.map(({ probes }) => probes.map((probe) => probe.leftover));

    // Files run in an order of vitest's choosing: only the thread's very first test finds nothing.
    const kept = await startVitest();
    const carried = leftovers([...(await run(kept, 1)), ...(await run(kept, 2))]);
    expect(carried.flat().filter((leftover) => leftover === undefined)).toHaveLength(1);
    expect(carried.every(([, second]) => second === 'alpha')).toBe(true);
    await kept.close();
    await endParkedThreads();

    const cleared = await startVitest({ firstSetupFiles: [forgetLeftover] });
    const fresh = leftovers([...(await run(cleared, 1)), ...(await run(cleared, 2))]);
    expect(fresh).toEqual([[undefined, 'alpha'], [undefined, 'alpha'], [undefined, 'alpha'], [undefined, 'alpha']]);
    expect(threadsOf([...(await run(cleared, 3))]).size).toBe(1);
  });

  it('retires a thread once it has served filesPerThread files', { tags: ['slow'] }, async () => {
    const ctx = await startVitest({ filesPerThread: 2 });
    const first = await run(ctx, 1);
    expect(parkedThreadCount()).toBe(0);
    const second = await run(ctx, 2);

    expect(threadsOf(first).size).toBe(1);
    expect(threadsOf(second).size).toBe(1);
    expect([...threadsOf(first)][0]).not.toBe([...threadsOf(second)][0]);
  });

  it('retires a thread whose heap has passed heapLimitBytes', { tags: ['slow'] }, async () => {
    const ctx = await startVitest({ heapLimitBytes: 1 });
    const files = [...(await run(ctx, 1)), ...(await run(ctx, 2))];

    expect(parkedThreadCount()).toBe(0);
    expect(threadsOf(files).size).toBe(4);
  });
});
