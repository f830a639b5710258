/** main/index.ts as a packaged app started with a remote-debugging port: it refuses to run. */
import { expect, it, vi } from 'vitest';
import type { ElectronFake } from './testing/electron-fake';

vi.mock('electron', async () => (await import('./testing/electron-fake')).createElectronFake());
vi.mock('./shell/settings-store', () => ({ createSettingsStore: () => ({ get: () => undefined, set: () => undefined }) }));
vi.mock('./lib/logger', async (importOriginal) => {
  const original = await importOriginal<typeof import('./lib/logger')>();
  return { ...original, createLogger: () => original.silentLogger };
});

/** The refusal comes first: before the single-instance lock, so before any window or session. */
function expectExitBeforeAnythingElse(electron: ElectronFake): void {
  expect(electron.app.exit).toHaveBeenCalledWith(1);
  const exitedAt = electron.app.exit.mock.invocationCallOrder[0];
  const lockedAt = electron.app.requestSingleInstanceLock.mock.invocationCallOrder[0] ?? Infinity;
  expect(exitedAt).toBeLessThan(lockedAt);
}

it('exits at once when a packaged app is started with --remote-debugging-port', async () => {
  const electron = (await import('electron')) as unknown as ElectronFake;
  electron.app.isPackaged = true;
  electron.app.commandLine.hasSwitch.mockImplementation((name: string) => name === 'remote-debugging-port');
  await import('./index');
  expectExitBeforeAnythingElse(electron);
});

it('exits at once when a packaged app is started with --remote-debugging-pipe', async () => {
  vi.resetModules();
  const electron = (await import('electron')) as unknown as ElectronFake;
  electron.app.isPackaged = true;
  vi.clearAllMocks(); // the fake outlives resetModules: forget the first launch's calls
  electron.app.commandLine.hasSwitch.mockImplementation((name: string) => name === 'remote-debugging-pipe');
  await import('./index');
  expectExitBeforeAnythingElse(electron);
});
