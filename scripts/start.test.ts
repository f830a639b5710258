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

/** A stand-in for Electron's install.js: says it ran, and "installs" into $STUB_TARGET if set. */
const installerFile = join(stubDir, 'install.cjs');
writeFileSync(
  installerFile,
  `const fs = require('node:fs');
console.log('stub-installer ran');
if (process.env.STUB_TARGET) {
  fs.writeFileSync(process.env.STUB_TARGET + '/electron', '#!/bin/sh\\necho "stub-electron args=$*"\\n', { mode: 0o755 });
  process.exit(0);
}
process.exit(1);
`,
);

describe('scripts/start.mjs', () => {
  it('without the Electron runtime and with the download turned off: one clear sentence, exit 1, no installer, no stack trace', () => {
    const result = start([], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1', YJ_ELECTRON_INSTALLER: installerFile });
    expect(result.stdout).not.toContain('stub-installer ran');
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Electron 运行时未安装（本机无法下载）。请运行 npm run web 在浏览器中使用本应用。 / The Electron runtime is not installed on this machine; run `npm run web` to use the app in a browser.',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toContain('Downloading');
  });

  it("without the runtime, runs Electron's installer once; when that fails, says so in one sentence", () => {
    const result = start(['--no-build'], { ELECTRON_SKIP_BINARY_DOWNLOAD: undefined, YJ_ELECTRON_INSTALLER: installerFile });
    expect(result.status).toBe(1);
    expect(result.stdout.match(/stub-installer ran/g)).toHaveLength(1);
    expect(result.stdout).toContain('downloading the Electron runtime');
    expect(result.stderr.trim()).toBe(
      'Electron 运行时下载失败。请检查网络后重新运行 npm start，或运行 npm run web 在浏览器中使用本应用。 / The Electron runtime could not be downloaded; check the network and run npm start again, or run `npm run web` to use the app in a browser.',
    );
  });

  it.runIf(process.platform !== 'win32')('without the runtime, launches the app once the installer has put it in place', () => {
    const target = mkdtempSync(join(tmpdir(), 'yj-installed-electron-'));
    try {
      const result = start(['--no-build'], {
        ELECTRON_SKIP_BINARY_DOWNLOAD: undefined,
        YJ_ELECTRON_INSTALLER: installerFile,
        ELECTRON_OVERRIDE_DIST_PATH: target,
        STUB_TARGET: target,
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('stub-installer ran');
      expect(result.stdout.trim().split('\n').at(-1)).toBe('stub-electron args=.');
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
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
