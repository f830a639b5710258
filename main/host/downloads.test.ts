/**
 * Downloads through the browser host as a user meets them: the real host (core, router, HTTP)
 * against the simulator, with real files: killing the host mid-download and starting it again
 * finishes the same file in the host's default folder from its .part, fetching fewer bytes than
 * the file's size. (Auto-download without a call: core/modules/downloads.test.ts.)
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadView, TaskView } from '../../preload/contract';
import { MODEL, startSimulator, type Simulator } from '../../simulator/index';
import { mediaFile } from '../../simulator/media';
import { silentLogger } from '../lib/logger';
import { parseSidecar, sidecarPathFor } from '../services/library/sidecar';
import { startBrowserHost, type BrowserHost } from './server';

let sim: Simulator;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yj-host-dl-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer/index.html'), '<!doctype html><html></html>');
  sim = await startSimulator({ port: 0, quiet: true, taskTimings: { processingAfterMs: 200, succeedAfterMs: 1_500, billingDelayMs: 200 } });
});
afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function invoke<T>(host: BrowserHost, route: string, input?: unknown): Promise<T> {
  const body = await new Promise<string>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path: '/__yj/invoke', method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Yj-Token': host.token } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ route, input }));
  });
  const envelope = JSON.parse(body) as { ok: boolean; data?: T; error?: { code: string; message: string } };
  if (!envelope.ok) throw Object.assign(new Error(envelope.error?.message), { code: envelope.error?.code });
  return envelope.data as T;
}

const startHost = async (dataDir: string) =>
  startBrowserHost({ port: 0, dataDir, serverUrl: sim.url, rendererDir: join(dir, 'renderer'), logger: silentLogger, print: () => {} });

async function until<T>(read: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const downloadOf = (host: BrowserHost, localId: string, state: DownloadView['state']) => () =>
  invoke<DownloadView[]>(host, 'downloads.list').then((list) => list.find((d) => d.localId === localId && d.state === state));

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function signInAndSubmit(host: BrowserHost, prompt: string): Promise<TaskView> {
  await invoke(host, 'auth.sendCode', { phone: '13900000001' });
  await invoke(host, 'auth.login', { phone: '13900000001', code: '123456' });
  return invoke<TaskView>(host, 'video.submit', {
    modelId: MODEL.q3Pro, catalog: 't2v', values: { prompt, duration: 5, resolution: '1080p' }, formId: `host-dl-${Date.now()}`,
  });
}

describe('downloads in the browser host', () => {
  it('killing the host mid-download and starting it again finishes the same file, fetching less than its size', async () => {
    const dataDir = join(dir, 'kill');
    let host = await startHost(dataDir);
    let task: TaskView;
    try {
      // The lines form carries the task to SUCCEEDED (no 20 s poll); auto-download is off so the fault is set first.
      sim.control.setSwitches({ streamForm: 'lines' });
      await invoke(host, 'settings.update', { autoDownload: false });
      // The submit answers once the taskid is stored; the stream then carries the task on to SUCCEEDED.
      const submitted = await signInAndSubmit(host, '夜晚的霓虹街道');
      task = await until(async () => {
        const listed = await invoke<TaskView[]>(host, 'tasks.list', {});
        const found = listed.find((t) => t.localId === submitted.localId);
        return found?.status === 'SUCCEEDED' ? found : undefined;
      }, 30_000);
      // The first fetch is cut half-way; the queue then waits (backoff, 2 s) — and the host is killed.
      const mediaPath = `/media/${task.taskid}.mp4`;
      sim.control.setFault({ kind: 'resetMidBody', path: mediaPath, times: 1 });
      await invoke(host, 'downloads.start', { localId: task.localId });
      const waiting = await until(downloadOf(host, task.localId, 'waiting'));
      expect(waiting.dir).toBe(join(dataDir, 'downloads', '元境'));
      expect(existsSync(join(waiting.dir, `${waiting.name}.part`))).toBe(true);
    } finally {
      await host.close();
    }

    host = await startHost(dataDir);
    try {
      const done = await until(downloadOf(host, task.localId, 'done'));
      const source = mediaFile(task.taskid!).bytes;
      expect(sha256(readFileSync(done.file!))).toBe(sha256(source));
      const fetches = sim.control.requests().filter((r) => r.path === `/media/${task.taskid}.mp4`);
      expect(fetches).toHaveLength(2);
      const resumedFrom = Number(/^bytes=(\d+)-$/.exec(fetches[1]?.headers.range ?? '')?.[1]);
      expect(resumedFrom).toBeGreaterThan(0);
      expect(fetches[1]?.status).toBe(206);
      // Bytes fetched the second time: the rest only.
      expect(source.length - resumedFrom).toBeLessThan(source.length);
      await until(async () => (existsSync(sidecarPathFor(done.file!)) ? true : undefined));
      expect(parseSidecar(readFileSync(sidecarPathFor(done.file!), 'utf8'))).toMatchObject({ taskid: task.taskid, sha256: sha256(source) });
    } finally {
      await host.close();
    }
  });

  it('chooseFolder answers the host\'s --pick-dir and the setting follows', async () => {
    const pickDir = mkdtempSync(join(tmpdir(), 'yj-host-pick-'));
    const host = await startBrowserHost({ port: 0, dataDir: join(dir, 'pick'), serverUrl: sim.url, rendererDir: join(dir, 'renderer'), logger: silentLogger, print: () => {}, pickDir });
    try {
      expect(await invoke(host, 'downloads.chooseFolder')).toEqual({ dir: pickDir });
      expect(await invoke(host, 'settings.get')).toMatchObject({ downloadDir: pickDir });
      await expect(invoke(host, 'downloads.pause', { id: 5 })).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(invoke(host, 'downloads.pause', { id: 'unknown' })).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await host.close();
    }
  });
});
