import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger';
import { canEncrypt, createSecretBox } from './secret-box';

/** Reversible stand-in for safeStorage: XOR with a key, refuses data it did not write. */
function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}) {
  const xor = (data: Buffer) => Buffer.from(data.map((byte) => byte ^ 0x5a));
  return {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: (text: string) => Buffer.concat([Buffer.from('v10'), xor(Buffer.from(text))]),
    decryptString: (data: Buffer) => {
      if (data.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return xor(data.subarray(3)).toString();
    },
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yj-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createSecretBox', () => {
  it('stores encrypted files under <userData>/secrets and reads them back', async () => {
    const box = createSecretBox({ safeStorage: fakeSafeStorage(), dataDir: dir, logger: silentLogger });
    expect(box.mode).toBe('encrypted');
    const cookie = 'sessionid=very-secret-cookie-value';
    await box.save('cookies', cookie);
    const raw = await readFile(join(dir, 'secrets', 'cookies.bin'));
    expect(raw.toString('latin1')).not.toContain('very-secret');
    expect(await box.load('cookies')).toBe(cookie);
    await box.save('cookies', 'second');
    expect(await box.load('cookies')).toBe('second');
    expect(await readdir(join(dir, 'secrets'))).toEqual(['cookies.bin']); // no temp files left behind
  });

  it('answers null for a missing secret and after remove', async () => {
    const box = createSecretBox({ safeStorage: fakeSafeStorage(), dataDir: dir, logger: silentLogger });
    expect(await box.load('nothing')).toBeNull();
    await box.save('x', 'y');
    await box.remove('x');
    expect(await box.load('x')).toBeNull();
    await expect(box.remove('x')).resolves.toBeUndefined();
  });

  it('treats a file it cannot decrypt as nothing stored', async () => {
    const box = createSecretBox({ safeStorage: fakeSafeStorage(), dataDir: dir, logger: silentLogger });
    await box.save('cookies', 'a');
    await writeFile(join(dir, 'secrets', 'cookies.bin'), 'garbage');
    expect(await box.load('cookies')).toBeNull();
  });

  it.each(['../escape', 'a/b', '', '.hidden', 'x'.repeat(200)])('refuses the secret name %j', async (name) => {
    const box = createSecretBox({ safeStorage: fakeSafeStorage(), dataDir: dir, logger: silentLogger });
    await expect(box.save(name, 'v')).rejects.toThrow('invalid secret name');
  });

  it('runs in memory mode, writing nothing, when the OS cannot encrypt', async () => {
    const warnings: string[] = [];
    const box = createSecretBox({
      safeStorage: fakeSafeStorage({ available: false }),
      dataDir: dir,
      logger: { ...silentLogger, warn: (message) => void warnings.push(message) },
    });
    expect(box.mode).toBe('memory');
    await box.save('cookies', 'secret');
    expect(await box.load('cookies')).toBeNull();
    expect(await readdir(dir)).toEqual([]);
    expect(warnings).toHaveLength(1);
  });

  it("treats Linux's basic_text backend (a fixed key) as no encryption", () => {
    expect(canEncrypt(fakeSafeStorage({ backend: 'basic_text' }), 'linux')).toBe(false);
    expect(canEncrypt(fakeSafeStorage({ backend: 'kwallet5' }), 'linux')).toBe(true);
    expect(canEncrypt(fakeSafeStorage(), 'darwin')).toBe(true);
    const throwing = { ...fakeSafeStorage(), isEncryptionAvailable: () => { throw new Error('not ready'); } };
    expect(canEncrypt(throwing, 'win32')).toBe(false);
  });
});

describe('the asynchronous safeStorage calls', () => {
  /** Async variant: a 'v11' key is current; 'v10' ciphertext still opens but asks for re-encryption. */
  function asyncSafeStorage() {
    const sync = fakeSafeStorage();
    const xor = (data: Buffer) => Buffer.from(data.map((byte) => byte ^ 0x5a));
    const calls = { encryptAsync: 0, decryptAsync: 0, sync: 0 };
    return {
      calls,
      storage: {
        ...sync,
        encryptString: (text: string) => {
          calls.sync += 1;
          return sync.encryptString(text);
        },
        decryptString: (data: Buffer) => {
          calls.sync += 1;
          return sync.decryptString(data);
        },
        encryptStringAsync: async (text: string) => {
          calls.encryptAsync += 1;
          return Buffer.concat([Buffer.from('v11'), xor(Buffer.from(text))]);
        },
        decryptStringAsync: async (data: Buffer) => {
          calls.decryptAsync += 1;
          const version = data.subarray(0, 3).toString();
          if (version !== 'v10' && version !== 'v11') throw new Error('cannot decrypt');
          return { result: xor(data.subarray(3)).toString(), shouldReEncrypt: version === 'v10' };
        },
      },
    };
  }

  it('are used where Electron has them, so the main process never blocks on the keychain', async () => {
    const { storage, calls } = asyncSafeStorage();
    const box = createSecretBox({ safeStorage: storage, dataDir: dir, logger: silentLogger });
    await box.save('cookies', 'jar');
    expect(await box.load('cookies')).toBe('jar');
    expect(calls).toEqual({ encryptAsync: 1, decryptAsync: 1, sync: 0 });
  });

  it('re-encrypts a secret the OS says was sealed with an old key, keeping its value', async () => {
    const { storage, calls } = asyncSafeStorage();
    const box = createSecretBox({ safeStorage: storage, dataDir: dir, logger: silentLogger });
    await box.save('cookies', 'placeholder');
    // A file written by an older key version.
    await writeFile(join(dir, 'secrets', 'cookies.bin'), fakeSafeStorage().encryptString('old-jar'));
    expect(await box.load('cookies')).toBe('old-jar');
    const rewritten = await readFile(join(dir, 'secrets', 'cookies.bin'));
    expect(rewritten.subarray(0, 3).toString()).toBe('v11');
    expect(await box.load('cookies')).toBe('old-jar');
    expect(calls.encryptAsync).toBe(2); // the first save and the one re-encryption
  });
});
