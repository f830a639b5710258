import { describe, expect, it, vi } from 'vitest';
import { createFileShell, createTrash } from './file-shell';

describe('the desktop file shell', () => {
  it('reveals with showItemInFolder, opens with openPath (false when the OS answered an error)', async () => {
    const shell = { showItemInFolder: vi.fn(), openPath: vi.fn(async (path: string) => (path.endsWith('ok.mp4') ? '' : 'No application')) };
    const files = createFileShell(shell);
    await files.reveal('/v/a.mp4');
    expect(shell.showItemInFolder).toHaveBeenCalledWith('/v/a.mp4');
    expect(await files.openPath('/v/ok.mp4')).toBe(true);
    expect(await files.openPath('/v/odd.xyz')).toBe(false);
  });

  it('moves to the OS trash with trashItem and passes its failure on', async () => {
    const shell = { trashItem: vi.fn(async (path: string) => (path.includes('locked') ? Promise.reject(new Error('EPERM')) : undefined)) };
    const trash = createTrash(shell);
    await trash('/v/a.mp4');
    expect(shell.trashItem).toHaveBeenCalledWith('/v/a.mp4');
    await expect(trash('/v/locked.mp4')).rejects.toThrow('EPERM');
  });
});
