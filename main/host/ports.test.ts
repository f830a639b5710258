import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingOpener, silentOpener } from './opener';
import { DevFileSecretBox } from './secrets';
import { JsonFileStore } from './store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'yj-ports-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('JsonFileStore (settings.json)', () => {
  it('persists values across instances and leaves no temp files behind', () => {
    const store = new JsonFileStore(dir);
    store.set('settings', { language: 'en', theme: 'dark' });
    store.set('lastPhone', '13900000001');
    expect(new JsonFileStore(dir).get('settings')).toEqual({ language: 'en', theme: 'dark' });
    expect(readdirSync(dir)).toEqual(['settings.json']);
    store.set('lastPhone', undefined);
    expect(new JsonFileStore(dir).get('lastPhone')).toBeUndefined();
  });

  it('returns copies, so callers cannot mutate the stored state', () => {
    const store = new JsonFileStore(dir);
    store.set('a', { n: 1 });
    (store.get('a') as { n: number }).n = 2;
    expect(store.get('a')).toEqual({ n: 1 });
  });

  it('starts empty (and keeps the damaged file aside) when settings.json is not JSON', () => {
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    const store = new JsonFileStore(dir);
    expect(store.get('anything')).toBeUndefined();
    expect(readdirSync(dir).some((name) => name.startsWith('settings.json.damaged-'))).toBe(true);
  });
});

describe('DevFileSecretBox', () => {
  it('stores plain files in secrets/ next to a DEV-ONLY README', async () => {
    const box = new DevFileSecretBox(dir);
    expect(box.mode).toBe('dev-file');
    expect(readFileSync(join(dir, 'secrets/README.txt'), 'utf8')).toContain('DEV-ONLY');
    expect(await box.load('cookies')).toBeNull();
    await box.save('cookies', 'jar-data');
    expect(await new DevFileSecretBox(dir).load('cookies')).toBe('jar-data');
    if (process.platform !== 'win32') expect(statSync(join(dir, 'secrets/cookies.secret')).mode & 0o077).toBe(0);
    await box.remove('cookies');
    expect(await box.load('cookies')).toBeNull();
    expect(existsSync(join(dir, 'secrets/cookies.secret'))).toBe(false);
  });

  it('refuses names that could leave the folder', async () => {
    const box = new DevFileSecretBox(dir);
    await expect(box.save('../escape', 'x')).rejects.toThrow(/invalid secret name/);
    await expect(box.load('a/b')).rejects.toThrow(/invalid secret name/);
    await expect(box.save('.hidden', 'x')).rejects.toThrow(/invalid secret name/);
  });
});

describe('recordingOpener', () => {
  it('remembers every URL and still calls the inner opener', async () => {
    const seen: string[] = [];
    const opener = recordingOpener({ open: async (url) => void seen.push(url) });
    await opener.open('https://openapi.alipay.com/gateway.do?a=1&b=2');
    expect(opener.opened).toEqual(['https://openapi.alipay.com/gateway.do?a=1&b=2']);
    expect(seen).toEqual(opener.opened);
    await expect(silentOpener.open('https://x')).resolves.toBeUndefined();
  });
});
