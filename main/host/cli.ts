/**
 * `tsx main/host/cli.ts --server <url> --port <port> --data <dir>` (what `npm run web` runs).
 * Defaults: port 5188, data .yj-data/web. Test hooks are never enabled from here.
 * `--pick-dir <dir>` / `--pick-files a,b` (or YJ_PICK_FILES): what the studio's "pick images"
 * answers, since the page cannot open a dialog on this machine (a development tool).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserHost } from './server';
import { pickFilesFromEnv } from './system-ports';

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: main/host/cli.ts [--server <url>] [--port <port>] [--data <dir>] [--renderer <dir>] [--pick-dir <dir>] [--pick-files a.jpg,b.png]\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        server: { type: 'string' },
        port: { type: 'string', default: '5188' },
        data: { type: 'string', default: '.yj-data/web' },
        renderer: { type: 'string', default: 'out/renderer' },
        // Development tool: the images "pick images" answers with (there is no dialog here).
        'pick-dir': { type: 'string' },
        'pick-files': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  if (values.help) usage('元境 Desktop browser host (development tool)');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`invalid --port: ${values.port}`);
  if (values.server !== undefined) {
    try {
      const parsed = new URL(values.server);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
    } catch {
      usage(`invalid --server (expected http(s)://…): ${values.server}`);
    }
  }

  const rendererDir = resolve(values.renderer);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    process.stderr.write(`warning: ${join(rendererDir, 'index.html')} is missing — run npm run build (npm run web does it for you)\n`);
  }
  const host = await startBrowserHost({
    port,
    dataDir: resolve(values.data),
    rendererDir,
    ...(values.server ? { serverUrl: values.server } : {}),
    ...(values['pick-dir'] ? { pickDir: resolve(values['pick-dir']) } : {}),
    ...(values['pick-files'] ? { pickFiles: pickFilesFromEnv(values['pick-files']) } : {}),
  });
  // The only place the token leaves the process: open this exact URL (the page then hides it).
  process.stdout.write(`元境 Desktop (browser host) at ${host.pageUrl()}\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping the browser host…\n`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') process.stderr.write('port already in use: pass --port <another port>\n');
  else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
