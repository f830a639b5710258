/**
 * The browser host's SecretBox, mode 'dev-file': secrets (the session cookie jar) are PLAIN
 * files in `<dataDir>/secrets/`. Acceptable only because the browser host is a development
 * tool on a developer's own machine; the folder gets a README saying so, and the host prints a
 * warning at start. The Electron app uses safeStorage instead.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretBox } from '../core/ports';
import { writeFileAtomic, writeFileAtomicSync } from '../lib/atomic-file';

const README = `DEV-ONLY — DO NOT USE FOR REAL ACCOUNTS ON SHARED MACHINES

This folder is written by the 元境 Desktop *browser host* (npm run web / npm run demo), a
development tool. The files here hold secrets such as the platform session cookie in PLAIN
TEXT (not encrypted). The packaged desktop app never writes this folder: it encrypts secrets
with the operating system's keychain.

Delete this folder to sign out everywhere the browser host was used.
`;

/** Secret names become file names: a strict charset keeps them inside the folder. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export class DevFileSecretBox implements SecretBox {
  readonly mode = 'dev-file' as const;
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'secrets');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const readme = join(this.dir, 'README.txt');
    let current = '';
    try {
      current = readFileSync(readme, 'utf8');
    } catch {
      /* not written yet */
    }
    if (current !== README) writeFileAtomicSync(readme, README, { mode: 0o644 });
  }

  private path(name: string): string {
    if (!NAME.test(name) || name.includes('..') || name === 'README.txt') throw new Error(`invalid secret name: ${JSON.stringify(name)}`);
    return join(this.dir, `${name}.secret`);
  }

  async load(name: string): Promise<string | null> {
    try {
      return await readFile(this.path(name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async save(name: string, value: string): Promise<void> {
    await writeFileAtomic(this.path(name), value);
  }

  async remove(name: string): Promise<void> {
    rmSync(this.path(name), { force: true });
  }
}
