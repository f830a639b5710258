#!/usr/bin/env node
/**
 * `npm start [-- --server <url>]`: builds with electron-vite, then runs the app in the Electron
 * runtime. Electron 45 downloads its runtime on first use rather than at install time. When it
 * is missing, Electron's own installer (node_modules/electron/install.js) runs once, in the
 * foreground with its progress; only when that cannot help (ELECTRON_SKIP_BINARY_DOWNLOAD is set,
 * as on our build machines, or the download fails) does one clear sentence say what to do
 * instead — never Electron's launcher dying with a stack trace.
 * --server <url> (or --server=<url>) sets YUANJING_SERVER for the app; --no-build launches the
 * existing out/ as is; other arguments are passed to Electron.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

const MISSING_RUNTIME =
  'Electron 运行时未安装（本机无法下载）。请运行 npm run web 在浏览器中使用本应用。 / ' +
  'The Electron runtime is not installed on this machine; run `npm run web` to use the app in a browser.';
const DOWNLOAD_FAILED =
  'Electron 运行时下载失败。请检查网络后重新运行 npm start，或运行 npm run web 在浏览器中使用本应用。 / ' +
  'The Electron runtime could not be downloaded; check the network and run npm start again, or run `npm run web` to use the app in a browser.';
const INSTALLING = '首次运行：正在下载 Electron 运行时（约 100 MB）… / First run: downloading the Electron runtime (about 100 MB)…';

function exitWith(message, code = 1) {
  console.error(message);
  process.exit(code);
}

function parseArgs(argv) {
  const passThrough = [];
  let skipBuild = false;
  let server = process.env.YUANJING_SERVER;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log('Usage: npm start [-- --server <http(s) url>] [--no-build] [electron arguments]');
      process.exit(0);
    } else if (arg === '--server') {
      server = argv[i + 1];
      i += 1;
      if (!server) exitWith('--server needs an address, e.g. npm start -- --server http://127.0.0.1:4100');
    } else if (arg === '--no-build') {
      skipBuild = true;
    } else if (arg.startsWith('--server=')) {
      server = arg.slice('--server='.length);
    } else {
      passThrough.push(arg);
    }
  }
  if (server !== undefined && server !== '' && !isHttpUrl(server)) {
    exitWith(`服务器地址无效 / Not an http(s) address: ${server}`);
  }
  return { server, passThrough, skipBuild };
}

function isHttpUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Where Electron's launcher would look (node_modules/electron/index.js), without its
 * download-on-miss: path.txt names the executable inside dist/ (or ELECTRON_OVERRIDE_DIST_PATH).
 */
function findElectronBinary() {
  let electronDir;
  try {
    electronDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  let executable = '';
  try {
    executable = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    // never installed
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, executable || 'electron') : executable ? join(electronDir, 'dist', executable) : null;
  if (!candidate || !existsSync(candidate)) return null;
  return { cli: join(electronDir, 'cli.js') };
}

/** Electron's own rule for the variable: any value but '' turns the download off. */
function downloadSkipped() {
  const value = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  return value !== undefined && value !== '';
}

/**
 * Runs Electron's installer once. YJ_ELECTRON_INSTALLER names another script (the tests use a
 * stub; this is a development script, never shipped).
 */
function installRuntime() {
  let installer = process.env.YJ_ELECTRON_INSTALLER;
  if (!installer) {
    try {
      installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
    } catch {
      return false;
    }
  }
  console.log(INSTALLING);
  const result = spawnSync(process.execPath, [installer], { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

function build() {
  let bin;
  try {
    bin = require.resolve('electron-vite/bin/electron-vite.js');
  } catch {
    exitWith('electron-vite is not installed; run npm ci first.');
  }
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) exitWith('构建失败 / The build failed (see above).', result.status ?? 1);
}

function launch(cli, passThrough, server) {
  const env = { ...process.env };
  if (server) env.YUANJING_SERVER = server;
  const child = spawn(process.execPath, [cli, '.', ...passThrough], { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => exitWith(`Electron could not start: ${error.message}`));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const { server, passThrough, skipBuild } = parseArgs(process.argv.slice(2));
let electron = findElectronBinary();
if (!electron) {
  if (downloadSkipped()) exitWith(MISSING_RUNTIME);
  installRuntime();
  electron = findElectronBinary();
  if (!electron) exitWith(DOWNLOAD_FAILED);
}
if (!skipBuild) build();
launch(electron.cli, passThrough, server);
