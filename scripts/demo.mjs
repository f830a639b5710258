#!/usr/bin/env node
/**
 * npm run demo — the simulator (port 4010, or a free one) plus the browser host against it
 * (port 5188, data .yj-data/demo). Ctrl+C stops both.
 * npm run demo -- --electron — the real Electron app against the simulator, where an Electron
 * binary exists (not on our build machines: node_modules/electron/dist is missing there).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startAndWaitFor, stopChild } from './lib/processes.mjs';
import { ensureRendererBuilt } from './lib/renderer-build.mjs';

const root = process.cwd();
const useElectron = process.argv.includes('--electron');
const bin = (name) => join(root, 'node_modules/.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const children = [];
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map((child) => stopChild(child)));
  process.exit(code);
}
/** A child that dies on its own takes the demo down; after Ctrl+C (same process group) it is expected. */
function onUnexpectedExit(child, name) {
  child.on('exit', () =>
    setTimeout(() => {
      if (stopping) return;
      console.error(`${name} stopped`);
      stopAll(1);
    }, 200),
  );
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function main() {
  if (useElectron && !existsSync(join(root, 'node_modules/electron/dist'))) {
    console.error('Electron 运行时未安装 (node_modules/electron/dist 不存在)，无法使用 --electron。请改用 npm run demo（浏览器）。');
    console.error('The Electron runtime is not installed here (node_modules/electron/dist is missing); run `npm run demo` without --electron.');
    process.exit(1);
  }
  await ensureRendererBuilt(root);

  const simPort = await freePort(4010);
  const sim = await startAndWaitFor(bin('tsx'), ['simulator/cli.ts', '--port', String(simPort)], {
    pattern: /listening on (http:\/\/\S+)/,
    prefix: '[simulator] ',
  });
  children.push(sim.child);
  onUnexpectedExit(sim.child, 'the simulator');
  const simUrl = sim.match[1];

  let appLine;
  if (useElectron) {
    const app = spawn(bin('electron'), ['.'], { cwd: root, stdio: 'inherit', env: { ...process.env, YUANJING_SERVER: simUrl } });
    children.push(app);
    app.on('exit', () => stopAll(0));
    appLine = '元境 Desktop (Electron) started';
  } else {
    const hostPort = await freePort(5188);
    const host = await startAndWaitFor(bin('tsx'), ['main/host/cli.ts', '--server', simUrl, '--port', String(hostPort), '--data', '.yj-data/demo'], {
      pattern: /browser host\) at (http:\/\/\S+)/,
      prefix: '[host] ',
    });
    children.push(host.child);
    onUnexpectedExit(host.child, 'the browser host');
    appLine = `元境 Desktop (浏览器 / browser):  ${host.match[1]}`;
  }

  console.log(`
────────────────────────────────────────────────────────────
  ${appLine}
  模拟平台 / simulator:             ${simUrl}

  演示手机号 / demo phones (验证码 / SMS code: 123456)
    13900000001  一个账号 / one account
    13900000003  三个账号 / three accounts (choose one)

  Ctrl+C 停止 / stops both.
────────────────────────────────────────────────────────────`);
}

main().catch((error) => {
  console.error(error.message);
  stopAll(1);
});
