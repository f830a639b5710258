/**
 * Child-process helpers for the dev scripts: start a process and wait for the line that
 * announces its URL, find a free port, stop children cleanly (SIGTERM, then SIGKILL).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Resolves true when `port` can be bound on 127.0.0.1 right now. */
export function isPortFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** `preferred` when free, else a port the OS picks. */
export async function freePort(preferred) {
  if (preferred && (await isPortFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `command args` and resolves with { child, match } once a stdout line matches
 * `pattern`. Output is echoed with `prefix` unless `echo` is false. Rejects if the process
 * exits first or nothing matches within `timeoutMs`.
 */
export function startAndWaitFor(command, args, { pattern, prefix = '', timeoutMs = 60_000, env = process.env, cwd = process.cwd(), echo = true }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const relay = (stream, target) => {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (echo) target.write(`${prefix}${line}\n`);
        child.emit('line', line);
      }
    });
  };
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      stopChild(child);
      reject(new Error(`${command} ${args.join(' ')}: no line matching ${pattern} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onLine = (line) => {
      const match = line.match(pattern);
      if (!match) return;
      cleanup();
      resolve({ child, match });
    };
    const onExit = (code, signal) => {
      cleanup();
      reject(new Error(`${command} ${args.join(' ')} exited (${signal ?? `code ${code}`}) before it was ready`));
    };
    const onError = (error) => {
      cleanup();
      reject(error);
    };
    function cleanup() {
      clearTimeout(timer);
      child.off('line', onLine);
      child.off('exit', onExit);
      child.off('error', onError);
    }
    child.on('line', onLine);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. */
export function stopChild(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
