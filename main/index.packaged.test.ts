/** main/index.ts as a packaged app started with a remote-debugging port: it refuses to run. */
import { expect, it, vi } from 'vitest';
import type { ElectronFake } from './testing/electron-fake';

vi.mock('electron', async () => (await import('./testing/electron-fake')).createElectronFake());
vi.mock('./shell/settings-store', () => ({ createSettingsStore: () => ({ get: () => undefined, set: () => undefined }) }));
vi.mock('./lib/logger', async (importOriginal) => {
  const original = await importOriginal<typeof import('./lib/logger')>();
  return { ...original, createLogger: () => original.silentLogger };
});

it('exits at once when a packaged app is started with --remote-debugging-port', async () => {
  const electron = (await import('electron')) as unknown as ElectronFake;
  electron.app.isPackaged = true;
  electron.app.commandLine.hasSwitch.mockImplementation((name: string) => name === 'remote-debugging-port');
  await import('./index');
  expect(electron.app.exit).toHaveBeenCalledWith(1);
});
