import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cancellingFolderPicker, hostDataPaths, quietSystemEvents, silentProgressBadge } from './system-ports';

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
});
