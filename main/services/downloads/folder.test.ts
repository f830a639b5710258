import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryDataPaths } from '../../testing/memory-ports';
import { defaultDownloadDir, downloadDir } from './folder';

describe('download folder', () => {
  it('defaults to a 元境 folder under Videos', () => {
    expect(defaultDownloadDir(memoryDataPaths('/r'))).toBe(join('/r/videos', '元境'));
  });

  it('falls back to Downloads when there is no Videos folder (or the port cannot tell)', () => {
    expect(defaultDownloadDir({ dataDir: () => '/d', downloadsDir: () => '/dl', videosDir: () => null })).toBe(join('/dl', '元境'));
    expect(defaultDownloadDir({ dataDir: () => '/d', downloadsDir: () => '/dl' })).toBe(join('/dl', '元境'));
    expect(defaultDownloadDir({ dataDir: () => '/d', downloadsDir: () => '/dl', videosDir: () => '' })).toBe(join('/dl', '元境'));
  });

  it("uses the setting, '' meaning the default; a relative path is not trusted", () => {
    const paths = memoryDataPaths('/r');
    expect(downloadDir('/chosen/folder', paths)).toBe('/chosen/folder');
    expect(downloadDir('  /chosen/folder ', paths)).toBe('/chosen/folder');
    expect(downloadDir('', paths)).toBe(join('/r/videos', '元境'));
    expect(downloadDir('   ', paths)).toBe(join('/r/videos', '元境'));
    expect(downloadDir('relative/dir', paths)).toBe(join('/r/videos', '元境'));
  });
});
