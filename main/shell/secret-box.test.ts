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
