/**
 * The browser host as its own process — what `npm run web` runs (`main/host/cli.ts`), started
 * as ONE node process (`node --import tsx`, not the `tsx` launcher, which would put a second
 * process between us and the host), so a SIGKILL kills the host itself, mid-write if need be.
 * The page URL (with this start's token) is read from the line the host prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { RENDERER_DIR } from './harness';

const READY_LINE = /元境 Desktop \(browser host\) at (\S+)/;

export interface HostProcess {
  pid: number;
  /** The origin, e.g. http://127.0.0.1:40927 (a new port on every start). */
  origin: string;
  /** The page URL with this start's token, at a hash route: pageUrl('/#/tasks'). */
  pageUrl(hashPath?: string): string;
  /** Sends `signal` and resolves once the process is gone, with how it ended. */
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What it printed so far (for failure messages). */
  output(): string;
}

export async function spawnHost(options: { serverUrl: string; dataDir: string; pickDir?: string; readyTimeoutMs?: number }): Promise<HostProcess> {
  const args = ['--import', 'tsx', 'main/host/cli.ts', '--server', options.serverUrl, '--port', '0', '--data', options.dataDir, '--renderer', RENDERER_DIR];
  if (options.pickDir) args.push('--pick-dir', options.pickDir);
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const printed = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the browser host printed no URL within ${options.readyTimeoutMs ?? 60_000} ms:\n${output}`));
    }, options.readyTimeoutMs ?? 60_000);
    const look = (): void => {
      const match = READY_LINE.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', look);
      resolve(match[1]);
    };
    child.stdout?.on('data', look);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the browser host exited before it was ready (code ${code}, signal ${signal}):\n${output}`));
    });
  });
  const url = new URL(printed);
  const token = url.searchParams.get('token') ?? '';
  return {
    pid: child.pid ?? -1,
    origin: url.origin,
    pageUrl: (hashPath = '/') => `${url.origin}/?token=${token}${hashPath.startsWith('/#') ? hashPath.slice(1) : ''}`,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    output: () => output,
  };
}
