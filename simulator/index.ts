/** 元境 platform simulator: a faithful, stateful stand-in for the platform (node:http only). */
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createControl } from './control.ts';
import { createCore, resolveOptions } from './core.ts';
import { seedDemo, seedModels } from './seed.ts';
import { handleRequest } from './server.ts';
import type { Simulator, SimulatorOptions } from './types.ts';

export type {
  Fault, FaultKind, Faults, LoggedRequest, PaymentInfo, SimControl, SimStateSummary, Simulator, SimulatorOptions,
  SetTaskArgs, Switches, TaskOutcome, TaskStatus, TaskSummary,
} from './types.ts';
export { DEFAULT_SWITCHES, SWITCH_VALUES } from './switches.ts';
export type { SimClock } from './clock.ts';
export { APP, MODEL, ORG, PPID, SEED_PHONES, TEST_SMS_CODE, USER } from './ids.ts';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const opts = resolveOptions(options);
  const core = createCore(opts, options.switches);
  const control = createControl(core);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handleRequest(core, control, req, res).catch((err: unknown) => {
      if (!opts.quiet) process.stderr.write(`[sim] request failed: ${String(err)}\n`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  core.url = `http://${host}:${port}${opts.basePath}`;
  const now = core.timers.now();
  if (opts.seed === 'demo') seedDemo(core.state, core.url, now);
  else seedModels(core.state, now);

  let closing: Promise<void> | null = null;
  return {
    url: core.url,
    port,
    control,
    close() {
      closing ??= new Promise<void>((resolve) => {
        core.timers.clearAll();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
