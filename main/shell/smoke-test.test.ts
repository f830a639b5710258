import { describe, expect, it } from 'vitest';
import { isSmokeTest, runSmokeTest, type SmokeTestPorts } from './smoke-test';

/** A clock that moves only when the code sleeps, and a page that becomes ready at `readyAt`. */
function fakePorts(readyAt: number | null, failuresFirst = 0) {
  let now = 300;
  let calls = 0;
  const printed: string[] = [];
  const exits: number[] = [];
  const ports: SmokeTestPorts = {
    sinceLaunchMs: () => now,
    mainMemoryBytes: () => 87 * 1024 * 1024,
    isReady: async () => {
      calls += 1;
      if (calls <= failuresFirst) throw new Error('no page yet');
      return readyAt !== null && now >= readyAt;
    },
    print: (line) => printed.push(line),
    exit: (code) => exits.push(code),
    sleep: async (ms) => void (now += ms),
  };
  return { ports, printed, exits };
}

describe('smoke test', () => {
  it('is on only with --smoke-test', () => {
    expect(isSmokeTest(['app', '--smoke-test'])).toBe(true);
    expect(isSmokeTest(['app', '--smoke-tests'])).toBe(false);
    expect(isSmokeTest(['app'])).toBe(false);
  });

  it('reports the time to the ready screen and the memory, then exits 0', async () => {
    const { ports, printed, exits } = fakePorts(1_250, 3);
    await runSmokeTest(ports);
    expect(printed).toEqual(['smoke-test: ready 1300 ms after launch, main process memory 87 MB']);
    expect(exits).toEqual([0]);
  });

  it('exits 1 with a sentence when the screen never gets ready', async () => {
    const { ports, printed, exits } = fakePorts(null);
    await runSmokeTest(ports, 5_000);
    expect(printed).toEqual(['smoke-test: the sign-in screen was not ready within 5000 ms']);
    expect(exits).toEqual([1]);
  });
});
