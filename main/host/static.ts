/**
 * Serves the built renderer (out/renderer) read-only: GET/HEAD, known MIME types, no directory
 * listing, nothing outside the root (`..`, encoded `..`, absolute paths, NUL, symlinks out),
 * `Cache-Control: no-store` for index.html, and the bridge <script> injected into index.html.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, relative, resolve } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.mp4': 'video/mp4',
};

export const BRIDGE_TAG = '<script src="./yj-bridge.js"></script>';

/** Puts the bridge tag before the first <script (so window.yj exists before the app runs). */
export function injectBridge(html: string): string {
  const at = html.search(/<script/i);
  if (at >= 0) return `${html.slice(0, at)}${BRIDGE_TAG}\n    ${html.slice(at)}`;
  const head = html.search(/<\/head>/i);
  if (head >= 0) return `${html.slice(0, head)}${BRIDGE_TAG}\n${html.slice(head)}`;
  return `${BRIDGE_TAG}\n${html}`;
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

/** Maps a request path to a file under root, or null when it must be refused. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // Refuse any `..` segment outright rather than normalising it away: nobody legitimate sends one.
  if (decoded.split('/').some((segment) => segment === '..')) return null;
  const target = resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  const rel = relative(root, target);
  if (rel.startsWith('..') || isAbsolute(rel)) return null;
  return target;
}

export interface StaticOptions {
  rootDir: string;
  /** The bridge script's text, served at /yj-bridge.js. */
  bridgeScript: string;
}

export function createStaticHandler(options: StaticOptions): (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void> {
  const root = resolve(options.rootDir);
  let realRoot: string | null = null;

  return async (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'method not allowed');
    }
    if (pathname === '/yj-bridge.js') {
      res.writeHead(200, { 'Content-Type': MIME['.js'], 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : options.bridgeScript);
      return;
    }
    const wanted = pathname === '/' ? '/index.html' : pathname;
    const file = resolveInside(root, wanted);
    if (!file) return send(res, 400, 'bad path');
    try {
      realRoot ??= await realpath(root);
      const real = await realpath(file);
      const rel = relative(realRoot, real);
      if (rel.startsWith('..') || isAbsolute(rel)) return send(res, 404, 'not found');
      const info = await stat(real);
      if (!info.isFile()) return send(res, 404, 'not found'); // directories: no listing
      const isIndex = real === resolve(realRoot, 'index.html');
      let body: Buffer | string = await readFile(real);
      if (isIndex) body = injectBridge(body.toString('utf8'));
      res.writeHead(200, {
        'Content-Type': MIME[extname(real).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': Buffer.byteLength(body),
        // index.html names the hashed bundles: never cache it; the bundles revalidate.
        'Cache-Control': isIndex ? 'no-store' : 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return send(res, 404, 'not found');
      return send(res, 500, 'cannot read file');
    }
  };
}
