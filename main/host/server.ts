/**
 * The browser host: the built renderer served to a plain browser, with the very same core
 * (router, handlers, services) the Electron app runs, reached over HTTP instead of IPC:
 *   POST /__yj/invoke  {route, input} → the router → Result (JSON)
 *   GET  /__yj/events  server-sent events: core.bus events through the one coalescing publisher
 *                      (core/publisher.ts), keep-alive every 15 s
 *   GET  /yj-bridge.js window.yj for the page (bridge-client.js)
 *   GET  /__yj/media/<relPath>  a library file, Range-capable (media-route.ts); ?token= since <video> sends no headers
 *   GET  /__yj/test/opened  URLs handed to the opener (only with testHooks: never from the CLI)
 *   GET  /__yj/test/files   the library's reveal/open requests (only with testHooks)
 * Every /__yj/ request must carry this start's token (access-token.ts), else 401.
 * A development, demo and end-to-end test tool; never packaged. See guard.ts for the sender check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core';
import { publishBus } from '../core/publisher';
import { createRouter } from '../ipc/router';
import { createLogger } from '../lib/logger';
import type { ExternalOpener, Logger } from '../core/ports';
import { checkAccessToken, newAccessToken, pageUrlWithToken } from './access-token';
import { assertLoopbackBind, checkHost, checkJsonBody, checkSameOrigin, type GuardVerdict } from './guard';
import { recordingOpener, silentOpener, systemOpener } from './opener';
import { folderTrash } from '../services/library/folder-trash';
import { hostMediaUrl, MEDIA_ROUTE_PREFIX, serveMedia } from './media-route';
import { createEnvProxyResolver } from './proxy-resolver';
import { DevFileSecretBox } from './secrets';
import { createStaticHandler } from './static';
import { cancellingFolderPicker, hostDataPaths, hostSaveFilePicker, listedFilePicker, listedFolderPicker, pickFilesFromEnv, printingFileShell, quietSystemEvents, silentProgressBadge } from './system-ports';
import { JsonFileStore } from './store';

export interface BrowserHostOptions {
  /** 0 picks a free port. */
  port: number;
  /** Loopback only; anything else is refused. */
  host?: '127.0.0.1';
  /** Where settings.json and secrets/ live. */
  dataDir: string;
  /** The platform address; wins over YUANJING_SERVER and the settings. */
  serverUrl?: string;
  /** The built renderer (electron-vite build). */
  rendererDir?: string;
  opener?: ExternalOpener;
  logger?: Logger;
  /** Enables GET /__yj/test/opened (end-to-end tests only). */
  testHooks?: boolean;
  /** Lines meant for the person running the host (warnings); stdout by default. */
  print?: (line: string) => void;
  /** Development tool: what "pick images" answers (the host has no dialog). See listedFilePicker. */
  pickFiles?: string[];
  pickDir?: string;
}

export interface BrowserHost {
  /** The origin, without the token: for comparisons and permissions, not for opening. */
  url: string;
  port: number;
  /** This start's key for /__yj/ (see access-token.ts). */
  token: string;
  /** The URL to open in a browser: origin + path with the token (e.g. pageUrl('/#/login')). */
  pageUrl(path?: string): string;
  core: Core;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Past the limit the rest of a body is read and dropped, so the connection stays usable; beyond this it is cut. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;
/** One per open tab is plenty; more is a leak or an attack on the file-descriptor budget. */
export const MAX_EVENT_STREAMS = 8;
const KEEP_ALIVE_MS = 15_000;

export const DEV_SECRETS_WARNING =
  '警告 / WARNING: the browser host is a development tool — the session cookie is stored UNENCRYPTED in <data>/secrets/ (DEV-ONLY).';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function bridgeScript(): string {
  return readFileSync(fileURLToPath(new URL('./bridge-client.js', import.meta.url)), 'utf8');
}

function refuse(res: ServerResponse, verdict: Exclude<GuardVerdict, { ok: true }>): void {
  res.writeHead(verdict.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ ok: false, error: { code: 'forbidden_sender', message: verdict.reason } }));
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}

/**
 * null when too large. The oversized body is still consumed (up to MAX_DRAIN_BYTES): answering
 * while the client is still sending leaves the keep-alive connection mid-request, and the next
 * request on it would stall.
 */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_DRAIN_BYTES) {
      req.socket.destroy();
      return null;
    }
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8');
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const bindHost = options.host ?? '127.0.0.1';
  assertLoopbackBind(bindHost);
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const logger = options.logger ?? createLogger({ base: { scope: 'browser-host' } });

  const baseOpener = options.opener ?? (options.testHooks ? silentOpener : systemOpener(print));
  const recorder = options.testHooks ? recordingOpener(baseOpener) : null;
  const store = new JsonFileStore(options.dataDir, logger);
  const secrets = new DevFileSecretBox(options.dataDir);
  print(DEV_SECRETS_WARNING);
  const token = newAccessToken();
  const fileShell = printingFileShell(print);

  const envServerUrl = options.serverUrl ?? (process.env.YUANJING_SERVER || undefined);
  const core = createCore(
    {
      store,
      secrets,
      opener: recorder ?? baseOpener,
      logger,
      dataPaths: hostDataPaths(options.dataDir),
      systemEvents: quietSystemEvents,
      folderPicker: options.pickDir ? listedFolderPicker(options.pickDir) : cancellingFolderPicker,
      filePicker: listedFilePicker({ files: options.pickFiles ?? pickFilesFromEnv(process.env.YJ_PICK_FILES), dir: options.pickDir ?? null }),
      progressBadge: silentProgressBadge,
      proxyResolver: createEnvProxyResolver(),
      saveFilePicker: hostSaveFilePicker(options.dataDir),
      // The library: "deleted" videos go to <data>/trash/, files play through /__yj/media/.
      trash: folderTrash(join(options.dataDir, 'trash')),
      fileShell,
      mediaUrl: hostMediaUrl(token),
      // No log file (the host logs to its terminal), no folder opener, no updater.
    },
    {
      runtime: 'browser-host',
      version: packageVersion(),
      officialServerUrl: process.env.YUANJING_OFFICIAL_SERVER ?? '',
      ...(envServerUrl ? { envServerUrl } : {}),
      ...(options.serverUrl ? { serverFromCommandLine: true } : {}),
    },
  );
  const ready = core.ready.catch((error: unknown) => logger.error('core failed to start', { error }));
  const route = createRouter({ handlers: core.handlers, schemas: core.schemas, logger });
  const serveStatic = createStaticHandler({ rootDir: options.rendererDir ?? 'out/renderer', bridgeScript: bridgeScript() });

  const streams = new Set<ServerResponse>();
  // The same coalescing publisher Electron's IPC uses, so end-to-end tests see what the desktop sees.
  const publisher = publishBus(core.bus, (message) => {
    const frame = `data: ${JSON.stringify(message)}\n\n`;
    for (const res of streams) res.write(frame);
  });
  let port = 0;

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'POST only' } });
    const type = checkJsonBody(req);
    if (!type.ok) return refuse(res, type);
    const text = await readBody(req);
    if (text === null) return sendJson(res, 413, { ok: false, error: { code: 'invalid_input', message: 'request too large' } });
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'body is not JSON' } });
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'body must be {route, input}' } });
    }
    const { route: name, input } = message as { route?: unknown; input?: unknown };
    await ready;
    sendJson(res, 200, await route(name, input));
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'GET only' } });
    if (streams.size >= MAX_EVENT_STREAMS) return sendJson(res, 429, { ok: false, error: { code: 'invalid_input', message: 'too many event streams' } });
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    const stop = (): void => {
      clearInterval(keepAlive);
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const host = checkHost(req, port);
    if (!host.ok) return refuse(res, host);
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname.startsWith('/__yj/')) {
      const origin = checkSameOrigin(req, port);
      if (!origin.ok) return refuse(res, origin);
      const key = checkAccessToken(req, token);
      if (!key.ok) return refuse(res, key);
      if (pathname === '/__yj/invoke') return invoke(req, res);
      if (pathname === '/__yj/events') return events(req, res);
      if (pathname.startsWith(MEDIA_ROUTE_PREFIX)) return serveMedia(req, res, pathname, core.libraryDir());
      if (pathname === '/__yj/test/opened' && recorder && req.method === 'GET') return sendJson(res, 200, { opened: [...recorder.opened] });
      if (pathname === '/__yj/test/files' && options.testHooks && req.method === 'GET') return sendJson(res, 200, { actions: [...fileShell.actions] });
      return sendJson(res, 404, { ok: false, error: { code: 'unknown_route', message: 'not found' } });
    }
    return serveStatic(req, res, pathname);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error('browser host request failed', { error, path: (req.url ?? '').split('?')[0] });
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'browser host error' } });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  await ready;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    pageUrl: (path?: string) => pageUrlWithToken(`http://127.0.0.1:${port}`, token, path),
    core,
    close(): Promise<void> {
      closing ??= (async () => {
        publisher.flush();
        publisher.dispose();
        for (const res of streams) res.end();
        streams.clear();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await core.dispose();
      })();
      return closing;
    },
  };
}
