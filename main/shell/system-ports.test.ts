import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDataPaths, createFilePicker, createFolderOpener, createFolderPicker, createProgressBadge, createSaveFilePicker, createSystemEvents } from './system-ports';

describe('Electron system ports', () => {
  afterEach(() => vi.useRealTimers());

  it('DataPaths: app data under userData, downloads in the OS Downloads folder', () => {
    const paths = createDataPaths({ getPath: (name: string) => `/os/${name}` } as never);
    expect(paths.dataDir()).toBe(join('/os/userData', 'data'));
    expect(paths.downloadsDir()).toBe('/os/downloads');
  });

  it('DataPaths: the Videos folder when it exists, else null (missing, or getPath throws)', () => {
    const existing = tmpdir();
    expect(createDataPaths({ getPath: () => existing } as never).videosDir?.()).toBe(existing);
    expect(createDataPaths({ getPath: () => join(existing, 'no-such-videos-folder-yj') } as never).videosDir?.()).toBeNull();
    const throwing = { getPath: (name: string) => { if (name === 'videos') throw new Error("Failed to get 'videos' path"); return '/os'; } };
    expect(createDataPaths(throwing as never).videosDir?.()).toBeNull();
  });

  it('SystemEvents: relays suspend/resume and reports online/offline changes of net.isOnline', () => {
    vi.useFakeTimers();
    const power = new EventEmitter();
    let online = true;
    const events = createSystemEvents(power as never, { isOnline: () => online }, 1_000);
    const seen: string[] = [];
    for (const name of ['suspend', 'resume', 'online', 'offline'] as const) events.on(name, () => seen.push(name));
    power.emit('suspend');
    power.emit('resume');
    online = false;
    vi.advanceTimersByTime(1_000);
    vi.advanceTimersByTime(1_000); // unchanged: no second 'offline'
    online = true;
    vi.advanceTimersByTime(1_000);
    expect(seen).toEqual(['suspend', 'resume', 'offline', 'online']);
    events.dispose();
    power.emit('suspend');
    expect(power.listenerCount('suspend')).toBe(0);
    expect(seen).toHaveLength(4);
  });

  it('FolderPicker: a directory dialog on our window; cancel is null', async () => {
    const window = { isDestroyed: () => false };
    const showOpenDialog = vi
      .fn()
      .mockResolvedValueOnce({ canceled: false, filePaths: ['/home/u/Videos'] })
      .mockResolvedValueOnce({ canceled: true, filePaths: [] });
    const picker = createFolderPicker({ showOpenDialog } as never, () => window as never);
    expect(await picker.pickFolder({ title: '下载位置', defaultPath: '/home/u' })).toBe('/home/u/Videos');
    expect(showOpenDialog).toHaveBeenCalledWith(window, expect.objectContaining({ title: '下载位置', defaultPath: '/home/u', properties: ['openDirectory', 'createDirectory'] }));
    expect(await picker.pickFolder({ title: '下载位置' })).toBeNull();
  });

  it('ProgressBadge: clamps to [0, 1], clears with -1, skips a destroyed window', () => {
    const window = { destroyed: false, isDestroyed() { return this.destroyed; }, setProgressBar: vi.fn() };
    const badge = createProgressBadge(() => window);
    badge.setProgress(0.25);
    badge.setProgress(3);
    badge.setProgress(null);
    window.destroyed = true;
    badge.setProgress(0.5);
    expect(window.setProgressBar.mock.calls).toEqual([[0.25], [1], [-1]]);
  });

  it('FilePicker: the open dialog on our window, one or several files, [] on cancel', async () => {
    const window = { isDestroyed: () => false };
    const showOpenDialog = vi.fn()
      .mockResolvedValueOnce({ canceled: false, filePaths: ['/p/a.png', '/p/b.jpg'] })
      .mockResolvedValueOnce({ canceled: true, filePaths: [] });
    const picker = createFilePicker({ showOpenDialog } as never, () => window as never);
    const filters = [{ name: 'Images', extensions: ['png', 'jpg'] }];
    expect(await picker.pickFiles({ title: '选择图片', filters, multiple: true })).toEqual(['/p/a.png', '/p/b.jpg']);
    expect(showOpenDialog).toHaveBeenCalledWith(window, { title: '选择图片', filters, properties: ['openFile', 'multiSelections'] });
    expect(await picker.pickFiles({ title: '选择图片', filters, multiple: false })).toEqual([]);
    expect(showOpenDialog).toHaveBeenLastCalledWith(window, { title: '选择图片', filters, properties: ['openFile'] });
  });

  it('ProgressBadge: the running-task count goes to app.setBadgeCount, never negative', () => {
    const app = { setBadgeCount: vi.fn() };
    const badge = createProgressBadge(() => null, app);
    badge.setBadgeCount(3);
    badge.setBadgeCount(-1);
    expect(app.setBadgeCount.mock.calls).toEqual([[3], [0]]);
  });

  it('SaveFilePicker: a save dialog in Documents on our window; cancel or no path is null', async () => {
    const window = { isDestroyed: () => false };
    const showSaveDialog = vi
      .fn()
      .mockResolvedValueOnce({ canceled: false, filePath: '/home/u/Documents/d.zip' })
      .mockResolvedValueOnce({ canceled: true, filePath: '' });
    const picker = createSaveFilePicker({ showSaveDialog } as never, { getPath: (name: string) => `/home/u/${name}` } as never, () => window as never);
    expect(await picker.pickSaveFile({ title: '导出', defaultName: 'd.zip' })).toBe('/home/u/Documents/d.zip');
    expect(showSaveDialog).toHaveBeenCalledWith(window, expect.objectContaining({ title: '导出', defaultPath: join('/home/u/documents', 'd.zip') }));
    expect(await picker.pickSaveFile({ title: '导出', defaultName: 'd.zip' })).toBeNull();
  });

  it('FolderOpener: shell.openPath succeeds with an empty error text', async () => {
    const openPath = vi.fn().mockResolvedValueOnce('').mockResolvedValueOnce('Failed to open path');
    const opener = createFolderOpener({ openPath } as never);
    expect(await opener.openFolder('/logs')).toBe(true);
    expect(await opener.openFolder('/gone')).toBe(false);
    expect(openPath).toHaveBeenCalledWith('/logs');
  });
});
