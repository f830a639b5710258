import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cancellingFolderPicker, hostDataPaths, hostSaveFilePicker, quietSystemEvents, silentProgressBadge } from './system-ports';

describe('browser-host system ports', () => {
  it('keeps data and downloads inside the host data folder', () => {
    const paths = hostDataPaths('/work/.yj-data/web');
    expect(paths.dataDir()).toBe(join('/work/.yj-data/web', 'data'));
    expect(paths.downloadsDir()).toBe(join('/work/.yj-data/web', 'downloads'));
  });

  it('has no dialog, badge or power signal: the picker answers cancelled, the rest are no-ops', async () => {
    expect(await cancellingFolderPicker.pickFolder({ title: 'x' })).toBeNull();
    expect(() => silentProgressBadge.setProgress(0.5)).not.toThrow();
    let fired = false;
    const off = quietSystemEvents.on('resume', () => (fired = true));
    off();
    expect(fired).toBe(false);
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
});
