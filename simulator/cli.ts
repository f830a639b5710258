/**
 * Run the simulator as a process: `tsx simulator/cli.ts [--port 4010] [--host 127.0.0.1]
 * [--session-ttl ms] [--session-refresh ms] [--fast] [--seed demo|empty] [--prefix /base]
 * [--switch key=value]... [--quiet]`. Prints one line `元境 simulator listening on <url>`.
 */
import { parseSwitchArg } from './switches.ts';
import type { Switches } from './types.ts';
import { startSimulator, type SimulatorOptions } from './index.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function parseArgs(argv: string[]): SimulatorOptions {
  const opts: SimulatorOptions = { port: 4010, host: '127.0.0.1', quiet: false };
  const switches: Partial<Switches> = {};
  const session: { ttlMs?: number; refreshAfterMs?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') && arg.startsWith('--') && !arg.startsWith('--switch=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag ?? arg} needs a value`);
      return v;
    };
    const num = (): number => {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag ?? arg} needs a number`);
      return n;
    };
    switch (flag) {
      case '--port': opts.port = num(); break;
      case '--host': opts.host = value(); break;
      case '--session-ttl': session.ttlMs = num(); break;
      case '--session-refresh': session.refreshAfterMs = num(); break;
      case '--fast': opts.taskTimings = { processingAfterMs: 500, succeedAfterMs: 3000, billingDelayMs: 1000 }; opts.paymentNotifyDelayMs = 300; break;
      case '--seed': {
        const s = value();
        if (s !== 'demo' && s !== 'empty') throw new Error('--seed must be demo or empty');
        opts.seed = s;
        break;
      }
      case '--prefix': opts.basePath = value(); break;
      case '--media-bytes': opts.mediaBytes = num(); break;
      case '--quiet': opts.quiet = true; break;
      case '--switch': Object.assign(switches, parseSwitchArg(value())); break;
      default:
        if (arg.startsWith('--switch=')) Object.assign(switches, parseSwitchArg(arg.slice(9)));
        else throw new Error(`unknown argument '${arg}'`);
    }
  }
  if (!LOOPBACK.has(opts.host ?? '')) throw new Error(`refusing to listen on '${opts.host}': loopback only (127.0.0.1, ::1, localhost)`);
  // What someone running the simulator sees should play; --media-bytes asks for sized pseudo files.
  if (switches.mediaKind === undefined && opts.mediaBytes === undefined) switches.mediaKind = 'playable';
  opts.switches = switches;
  if (session.ttlMs !== undefined || session.refreshAfterMs !== undefined) opts.session = session;
  return opts;
}

async function main(): Promise<void> {
  let opts: SimulatorOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`元境 simulator: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const sim = await startSimulator(opts);
  // One write, so that whoever waits for the listening line also has the hints that follow it.
  process.stdout.write(
    `元境 simulator listening on ${sim.url}\n` +
      '  seed phones: 13900000001 (小林), 13900000002 (no nick), 13900000003 (3 accounts → choose), 13900000009 (admin); SMS code 123456\n' +
      `  control: POST ${sim.url}/__sim/control {"action": "...", "args": {...}} · state: GET ${sim.url}/__sim/state\n`,
  );
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`元境 simulator: ${signal}, closing\n`);
    sim.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`元境 simulator failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
