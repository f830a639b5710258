import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../lib/logger';
import { createElectronUpdater, releaseNotesText } from './updater';

const fakeAutoUpdater = Object.assign(new EventEmitter(), {
  autoDownload: true,
  autoInstallOnAppQuit: false,
  logger: null as unknown,
  checkForUpdates: vi.fn(async () => ({ isUpdateAvailable: true, updateInfo: { version: '0.2.0', releaseNotes: [{ version: '0.2.0', note: '<p>后台任务</p>' }], releaseDate: '2026-12-01' } })),
  downloadUpdate: vi.fn(async function (this: EventEmitter) {
    fakeAutoUpdater.emit('download-progress', { percent: 55 });
    return [];
  }),
  quitAndInstall: vi.fn(),
});
vi.mock('electron-updater', () => ({ default: { autoUpdater: fakeAutoUpdater } }));

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const resources = (withProvider: boolean) => {
  const dir = mkdtempSync(join(tmpdir(), 'yj-updater-'));
  folders.push(dir);
  if (withProvider) writeFileSync(join(dir, 'app-update.yml'), 'provider: generic\nurl: https://updates.example.cn/\n');
  return dir;
};
const app = (isPackaged: boolean) => ({ isPackaged, getVersion: () => '0.1.0' });

describe('releaseNotesText', () => {
  it('keeps a string, joins per-version notes, and is empty for none', () => {
    expect(releaseNotesText('修复')).toBe('修复');
    expect(releaseNotesText([{ version: '0.2.0', note: 'a' }, { version: '0.1.1', note: null }])).toBe('0.2.0\na\n\n0.1.1');
    expect(releaseNotesText(null)).toBe('');
  });
});

describe('createElectronUpdater', () => {
  it('is off in a development build', async () => {
    expect(await createElectronUpdater(app(false), silentLogger, resources(true))).toEqual({ updater: null, disabledReason: 'development' });
  });

  it('is off when the build carries no update provider', async () => {
    expect(await createElectronUpdater(app(true), silentLogger, resources(false))).toEqual({ updater: null, disabledReason: 'no-provider' });
  });

  it('drives electron-updater: no automatic download, checks, downloads with progress, installs on request', async () => {
    const setup = await createElectronUpdater(app(true), silentLogger, resources(true));
    expect(fakeAutoUpdater.autoDownload).toBe(false);
    const updater = setup.updater;
    expect(updater).not.toBeNull();
    expect(await updater?.check()).toEqual({ version: '0.2.0', notes: '0.2.0\n<p>后台任务</p>', releaseDate: '2026-12-01' });
    const progress: number[] = [];
    await updater?.download((percent) => progress.push(percent));
    expect(progress).toEqual([55]);
    expect(fakeAutoUpdater.listenerCount('download-progress')).toBe(0);
    updater?.install();
    expect(fakeAutoUpdater.quitAndInstall).toHaveBeenCalledWith(false, true);
  });

  it('reports no update when electron-updater finds none', async () => {
    fakeAutoUpdater.checkForUpdates.mockResolvedValueOnce({ isUpdateAvailable: false, updateInfo: { version: '0.1.0', releaseNotes: [], releaseDate: '' } });
    const setup = await createElectronUpdater(app(true), silentLogger, resources(true));
    expect(await setup.updater?.check()).toBeNull();
  });
});
