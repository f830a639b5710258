/** `npm start` on a machine without the Electron runtime, and with a stub runtime. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./start.mjs', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));

function start(args: string[], env: Record<string, string | undefined> = {}) {
  const merged: NodeJS.ProcessEnv = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: undefined, YUANJING_SERVER: undefined, ...env };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', env: merged, timeout: 20_000 });
}

const stubDir = mkdtempSync(join(tmpdir(), 'yj-stub-electron-'));
writeFileSync(join(stubDir, 'electron'), '#!/bin/sh\necho "stub-electron args=$* server=$YUANJING_SERVER"\n');
chmodSync(join(stubDir, 'electron'), 0o755);
afterAll(() => rmSync(stubDir, { recursive: true, force: true }));

describe('scripts/start.mjs', () => {
  it('without the Electron runtime: one clear sentence, exit 1, no stack trace', () => {
    const result = start([]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Electron 运行时未安装（本机无法下载）。请运行 npm run web 在浏览器中使用本应用。 / The Electron runtime is not installed on this machine; run `npm run web` to use the app in a browser.',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toContain('Downloading');
  });

  it('refuses a --server that is not an http(s) address', () => {
    const result = start(['--server', 'ftp://example.com']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Not an http(s) address');
  });

  it.runIf(process.platform !== 'win32')('with a runtime present, launches it on the app folder with YUANJING_SERVER from --server', () => {
    const result = start(['--no-build', '--server', 'http://127.0.0.1:4100', '--inspect=0'], { ELECTRON_OVERRIDE_DIST_PATH: stubDir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('stub-electron args=. --inspect=0 server=http://127.0.0.1:4100');
  });

  it.runIf(process.platform !== 'win32')('--server=<url> works too', () => {
    const result = start(['--no-build', '--server=https://yj.example.cn'], { ELECTRON_OVERRIDE_DIST_PATH: stubDir });
    expect(result.stdout.trim()).toBe('stub-electron args=. server=https://yj.example.cn');
  });
});
