import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

function run(args: string[]) {
  const child = spawn(tsx, [cli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line; stderr: ${err}`)), 15_000);
    child.stdout.on('data', () => {
      const m = /^元境 simulator listening on (http:\/\/\S+)$/m.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then((code) => reject(new Error(`exited ${String(code)}: ${err}`)));
  });
  listening.catch(() => undefined); // awaited by the tests that expect it; others just check the exit
  return { child, listening, exited, output: () => ({ out, err }) };
}

describe.skipIf(!existsSync(tsx))('cli', () => {
  it('prints the listening line, applies --switch, serves, and closes on SIGTERM', async () => {
    const p = run(['--port', '0', '--fast', '--quiet', '--switch', 'streamForm=lines', '--switch=balanceShape=number', '--session-ttl', '5000']);
    const url = await p.listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const lines = p.output().out.split('\n').filter(Boolean);
    expect(lines.filter((l) => l.includes('listening on'))).toHaveLength(1);
    expect(p.output().out).toContain('123456');
    const state = (await (await fetch(`${url}/__sim/state`)).json()) as { switches: Record<string, unknown> };
    // Someone running the simulator sees videos that play: mediaKind defaults to 'playable' here.
    expect(state.switches).toMatchObject({ streamForm: 'lines', balanceShape: 'number', mediaKind: 'playable' });
    const video = await fetch(`${url}/media/861203947562318336.mp4`);
    expect(video.headers.get('content-type')).toBe('video/webm');
    await video.arrayBuffer();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('--media-bytes or --switch mediaKind=pseudo keeps the pseudo-MP4', async () => {
    for (const args of [['--media-bytes', '4096'], ['--switch', 'mediaKind=pseudo']]) {
      const p = run(['--port', '0', '--quiet', ...args]);
      const url = await p.listening;
      const video = await fetch(`${url}/media/861203947562318336.mp4`);
      expect(video.headers.get('content-type')).toBe('video/mp4');
      await video.arrayBuffer();
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    }
  });

  it('refuses a non-loopback host and unknown switches', async () => {
    const a = run(['--host', '0.0.0.0', '--port', '0']);
    expect(await a.exited).toBe(2);
    expect(a.output().err).toContain('loopback only');
    const b = run(['--switch', 'nope=1']);
    expect(await b.exited).toBe(2);
    expect(b.output().err).toContain("unknown switch 'nope'");
  });
});
