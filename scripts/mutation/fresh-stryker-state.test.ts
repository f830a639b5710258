import { afterEach, describe, expect, it, vi } from 'vitest';

const globals = globalThis as Record<string, unknown>;

afterEach(() => {
  for (const name of ['__stryker__', '__stryker2__', '__notStryker__']) delete globals[name];
});

describe('fresh-stryker-state (first setup file of every mutation-run test file)', () => {
  it("removes both of Stryker's namespaces from the thread's globals, and nothing else", async () => {
    globals.__stryker__ = { activeMutant: '12', mutantCoverage: { static: { 3: 1 }, perTest: {} } };
    globals.__stryker2__ = { hitCount: 99 };
    globals.__notStryker__ = 'kept';

    vi.resetModules();
    await import('./fresh-stryker-state');

    expect('__stryker__' in globals).toBe(false);
    expect('__stryker2__' in globals).toBe(false);
    expect(globals.__notStryker__).toBe('kept');
  });
});
