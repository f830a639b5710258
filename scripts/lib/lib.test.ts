import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs helpers without type declarations
import { freePort, isPortFree, startAndWaitFor, stopChild } from './processes.mjs';
// @ts-expect-error plain .mjs helpers without type declarations
import { rendererBuildState } from './renderer-build.mjs';

describe('rendererBuildState', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'yj-build-'));
    mkdirSync(join(root, 'renderer/src'), { recursive: true });
    writeFileSync(join(root, 'renderer/src/main.ts'), '');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is missing, then fresh, then stale after a source changes', () => {
    expect(rendererBuildState(root)).toBe('missing');
    const past = new Date(Date.now() - 60_000);
    for (const path of ['renderer/src/main.ts', 'renderer/src', 'renderer']) utimesSync(join(root, path), past, past);
    mkdirSync(join(root, 'out/renderer'), { recursive: true });
    writeFileSync(join(root, 'out/renderer/index.html'), '<html></html>');
    expect(rendererBuildState(root)).toBe('fresh');
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'renderer/src/main.ts'), future, future);
    expect(rendererBuildState(root)).toBe('stale');
  });
});

describe('process helpers', () => {
  it('waits for the announcing line and stops the child', async () => {
    const script = "console.log('booting'); setTimeout(() => console.log('listening on http://127.0.0.1:4321'), 50); setInterval(() => {}, 1000);";
    const { child, match } = await startAndWaitFor(process.execPath, ['-e', script], { pattern: /listening on (http:\/\/\S+)/, echo: false });
    expect(match[1]).toBe('http://127.0.0.1:4321');
    await stopChild(child);
    expect(child.signalCode ?? child.exitCode).not.toBeNull();
  });

  it('rejects when the child exits before it is ready', async () => {
    await expect(startAndWaitFor(process.execPath, ['-e', 'process.exit(3)'], { pattern: /never/, echo: false })).rejects.toThrow(/exited/);
  });

  it('picks another port when the preferred one is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      expect(await isPortFree(taken)).toBe(false);
      const port = await freePort(taken);
      expect(port).not.toBe(taken);
      expect(await isPortFree(port)).toBe(true);
    } finally {
      blocker.close();
    }
  });
});
