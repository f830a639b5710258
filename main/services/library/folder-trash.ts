/**
 * The trash where there is no OS trash to ask (the browser host, tests): files and folders are
 * moved into `<dataDir>/trash/<time>-<n>-<name>`, never deleted, so a wrong click can be undone
 * by hand. Electron uses shell.trashItem instead (main/shell/file-shell.ts).
 */
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';

export function folderTrash(trashDir: string, now: () => number = Date.now): (path: string) => Promise<void> {
  let counter = 0;
  return async (path) => {
    await mkdir(trashDir, { recursive: true });
    counter += 1;
    const target = join(trashDir, `${now()}-${counter}-${basename(path)}`);
    try {
      await rename(path, target);
    } catch (error) {
      // Another disk (EXDEV): copy, then remove the original only once the copy is whole.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await cp(path, target, { recursive: true, errorOnExist: true, force: false });
      await rm(path, { recursive: true, force: true });
    }
  };
}
