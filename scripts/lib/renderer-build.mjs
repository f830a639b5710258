/**
 * Is the built renderer (out/renderer/index.html) present and newer than its sources? If not,
 * build it with electron-vite (which also builds main and preload — cheap, ~5 s).
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Sources whose change makes the renderer bundle out of date. */
const SOURCES = ['renderer', 'preload/contract', 'electron.vite.config.ts', 'package.json'];

function newestMtime(path) {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** 'missing' | 'stale' | 'fresh' */
export function rendererBuildState(root = process.cwd()) {
  let built;
  try {
    built = statSync(join(root, 'out/renderer/index.html')).mtimeMs;
  } catch {
    return 'missing';
  }
  const sources = Math.max(...SOURCES.map((source) => newestMtime(join(root, source))));
  return sources > built ? 'stale' : 'fresh';
}

/** Runs `electron-vite build`; resolves on success, rejects with the exit code otherwise. */
export function buildRenderer(root = process.cwd()) {
  return new Promise((resolve, reject) => {
    const bin = join(root, 'node_modules/.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
    const child = spawn(bin, ['build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`electron-vite build failed (${signal ?? `exit ${code}`})`))));
  });
}

/** Builds when needed, saying so; returns the state found. */
export async function ensureRendererBuilt(root = process.cwd(), log = (line) => console.log(line)) {
  const state = rendererBuildState(root);
  if (state === 'fresh') return state;
  log(state === 'missing' ? '未找到 out/renderer — 正在构建 (npx electron-vite build)… / renderer not built yet, building…' : '渲染进程源码已更新 — 正在重新构建 (npx electron-vite build)… / renderer sources changed, rebuilding…');
  await buildRenderer(root);
  return state;
}
