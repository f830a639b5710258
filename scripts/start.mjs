#!/usr/bin/env node
/**
 * `npm start [-- --server <url>]`: builds with electron-vite, then runs the app in the Electron
 * runtime. Our build machines cannot download that runtime (toolchain.md), and Electron's own
 * launcher would then try to download it and die with a stack trace; so the runtime is looked
 * for first, and when it is missing one clear sentence says what to do instead.
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
const electron = findElectronBinary();
if (!electron) exitWith(MISSING_RUNTIME);
if (!skipBuild) build();
launch(electron.cli, passThrough, server);
