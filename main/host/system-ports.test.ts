import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cancellingFolderPicker, hostDataPaths, hostSaveFilePicker, listedFilePicker, listedFolderPicker, pickFilesFromEnv, printingFileShell, quietSystemEvents, silentProgressBadge } from './system-ports';

describe('browser-host system ports', () => {
  it('keeps data and downloads inside the host data folder', () => {
    const paths = hostDataPaths('/work/.yj-data/web');
    expect(paths.dataDir()).toBe(join('/work/.yj-data/web', 'data'));
    expect(paths.downloadsDir()).toBe(join('/work/.yj-data/web', 'downloads'));
    expect(paths.videosDir?.()).toBeNull();
  });

  it('has no dialog, badge or power signal: the picker answers cancelled, the rest are no-ops', async () => {
    expect(await cancellingFolderPicker.pickFolder({ title: 'x' })).toBeNull();
    expect(await listedFolderPicker('/picked/folder').pickFolder({ title: 'x' })).toBe('/picked/folder');
    expect(await listedFolderPicker(null).pickFolder({ title: 'x' })).toBeNull();
    expect(() => silentProgressBadge.setProgress(0.5)).not.toThrow();
    expect(() => silentProgressBadge.setBadgeCount(2)).not.toThrow();
    let fired = false;
    const off = quietSystemEvents.on('resume', () => (fired = true));
    off();
    expect(fired).toBe(false);
  });

  it('picks files from the command line and the pick folder (a development tool), filtered like the dialog', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yj-pick-dir-'));
    for (const name of ['b.png', 'a.JPG', 'notes.txt']) writeFileSync(join(dir, name), 'x');
    mkdirSync(join(dir, 'sub.png'));
    const filters = [{ name: 'Images', extensions: ['jpg', 'png'] }];
    const picker = listedFilePicker({ files: ['/x/listed.webp'], dir });
    expect(await picker.pickFiles({ title: 't', filters, multiple: true })).toEqual(['/x/listed.webp', join(dir, 'a.JPG'), join(dir, 'b.png')]);
    expect(await picker.pickFiles({ title: 't', filters, multiple: false })).toEqual(['/x/listed.webp']);
    expect(await listedFilePicker({}).pickFiles({ title: 't', filters, multiple: true })).toEqual([]);
    expect(await listedFilePicker({ dir: join(dir, 'missing') }).pickFiles({ title: 't', filters, multiple: true })).toEqual([]);
    expect(pickFilesFromEnv(' a.png, ,b.jpg ')).toEqual(['a.png', 'b.jpg']);
  });

  it('"saves" files into <data>/exports/ under the proposed name, creating the folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yj-host-save-'));
    try {
      const path = await hostSaveFilePicker(dataDir).pickSaveFile({ title: 'x', defaultName: 'diag.zip' });
      expect(path).toBe(join(dataDir, 'exports', 'diag.zip'));
      expect(existsSync(join(dataDir, 'exports'))).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('prints and remembers the library\'s reveal/open requests (no file manager to drive)', async () => {
    const lines: string[] = [];
    const files = printingFileShell((line) => lines.push(line));
    await files.reveal('/lib/a.mp4');
    expect(await files.openPath('/lib/b.mp4')).toBe(true);
    expect(files.actions).toEqual([{ action: 'reveal', path: '/lib/a.mp4' }, { action: 'open', path: '/lib/b.mp4' }]);
    expect(lines).toEqual(['在文件夹中显示 / Show in folder: /lib/a.mp4', '用系统播放器打开 / Open with the system player: /lib/b.mp4']);
  });
});
