/**
 * SecretBox over Electron's safeStorage (macOS Keychain, Windows DPAPI, libsecret/kwallet).
 * Ciphertext lives in `<userData>/secrets/<name>.bin`, written through lib/atomic-file
 * (temp → fsync → rename → fsync of the folder) so a crash never leaves half a cookie jar.
 *
 * When the OS cannot protect the data (no keyring, or Linux's 'basic_text' backend, which is
 * a fixed key and no protection at all) the box runs in 'memory' mode: nothing is persisted,
 * the session lasts until the app quits, and app.info says so.
 *
 * Where this Electron has them, the asynchronous calls are used: the synchronous ones block the
 * main process while the OS keychain answers (on macOS it may wait for the user to allow
 * access), freezing every window. When the OS says a secret was encrypted with an old key
 * (`shouldReEncrypt`), it is written again with the current one at once.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import type { Logger, SecretBox } from '../core/ports';
import { writeFileAtomic } from '../lib/atomic-file';

type Storage = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: () => string;
  encryptStringAsync?: (plainText: string) => Promise<Buffer>;
  decryptStringAsync?: (encrypted: Buffer) => Promise<{ result: string; shouldReEncrypt: boolean }>;
};

export interface SafeStorageBoxOptions {
  safeStorage: Storage;
  /** app.getPath('userData'). */
  dataDir: string;
  logger: Logger;
  platform?: NodeJS.Platform;
}

/** Secret names become file names: a strict charset keeps them inside the folder. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Must be called after app 'ready' (safeStorage answers false before). */
export function createSecretBox(options: SafeStorageBoxOptions): SecretBox {
  if (!canEncrypt(options.safeStorage, options.platform ?? process.platform)) {
    options.logger.warn('secrets: OS encryption unavailable; the session is kept in memory only');
    return memoryBox;
  }
  return new SafeStorageBox(options.safeStorage, join(options.dataDir, 'secrets'), options.logger);
}

export function canEncrypt(storage: Storage, platform: NodeJS.Platform): boolean {
  try {
    if (!storage.isEncryptionAvailable()) return false;
    if (platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text') return false;
    return true;
  } catch {
    return false;
  }
}

/** Nothing is stored: load finds nothing, save and remove do nothing. */
const memoryBox: SecretBox = {
  mode: 'memory',
  load: async () => null,
  save: async () => {},
  remove: async () => {},
};

class SafeStorageBox implements SecretBox {
  readonly mode = 'encrypted' as const;

  constructor(
    private readonly storage: Storage,
    private readonly dir: string,
    private readonly logger: Logger,
  ) {}

  async load(name: string): Promise<string | null> {
    let data: Buffer;
    try {
      data = await readFile(this.path(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let value: string;
    let reEncrypt = false;
    try {
      if (this.storage.decryptStringAsync) {
        const answer = await this.storage.decryptStringAsync(data);
        value = answer.result;
        reEncrypt = answer.shouldReEncrypt;
      } else {
        value = this.storage.decryptString(data);
      }
    } catch {
      // Another OS user, a reset keychain or a damaged file: behave as if nothing was stored.
      this.logger.warn('secrets: a stored secret could not be decrypted; ignoring it', { name });
      return null;
    }
    if (reEncrypt) {
      // The OS rotated its key: the old ciphertext may stop opening one day. Failing to rewrite
      // is not fatal (the value in hand is good), so it is logged and tried again next load.
      await this.save(name, value).catch((error: unknown) => this.logger.warn('secrets: re-encryption failed', { name, error }));
    }
    return value;
  }

  async save(name: string, value: string): Promise<void> {
    const encrypted = this.storage.encryptStringAsync ? await this.storage.encryptStringAsync(value) : this.storage.encryptString(value);
    await writeFileAtomic(this.path(name), encrypted);
  }

  async remove(name: string): Promise<void> {
    await rm(this.path(name), { force: true });
  }

  private path(name: string): string {
    if (!NAME.test(name) || name.includes('..')) throw new Error('invalid secret name');
    return join(this.dir, `${name}.bin`);
  }
}
