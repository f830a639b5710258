/**
 * The library's file actions on the desktop: show in the file manager (shell.showItemInFolder),
 * open with the system player (shell.openPath) and move to the OS trash (shell.trashItem).
 * Paths come from the library's own index, never from the renderer.
 */
import type { Shell } from 'electron';
import type { FileShell } from '../core/ports';

export function createFileShell(shell: Pick<Shell, 'showItemInFolder' | 'openPath'>): FileShell {
  return {
    reveal: async (path) => shell.showItemInFolder(path),
    // openPath answers '' on success and an error text otherwise.
    openPath: async (path) => (await shell.openPath(path)) === '',
  };
}

export function createTrash(shell: Pick<Shell, 'trashItem'>): (path: string) => Promise<void> {
  return (path) => shell.trashItem(path);
}
