import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_TAG, createStaticHandler, injectBridge, resolveInside } from './static';

/** Raw request: the path goes on the wire exactly as written (fetch would normalise `..`). */
function raw(port: number, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static serving of the built renderer', () => {
  let base: string;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'yj-static-'));
    const root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>');
    writeFileSync(join(root, 'assets/app.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets/app.css'), 'body{}');
    writeFileSync(join(base, 'secret.txt'), 'TOP-SECRET');
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets/link.txt'));
    const handler = createStaticHandler({ rootDir: root, bridgeScript: 'window.yj = 1;' });
    server = createServer((req, res) => void handler(req, res, (req.url ?? '/').split('?')[0] ?? '/'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(base, { recursive: true, force: true });
  });

  it('serves index.html with the bridge injected before the first script, never cached', async () => {
    const res = await raw(port, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.indexOf(BRIDGE_TAG)).toBeGreaterThan(0);
    expect(res.body.indexOf(BRIDGE_TAG)).toBeLessThan(res.body.indexOf('<script type="module"'));
    expect((await raw(port, '/index.html')).body).toContain(BRIDGE_TAG);
  });

  it('serves the bridge script and assets with their MIME types', async () => {
    const bridge = await raw(port, '/yj-bridge.js');
    expect(bridge.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(bridge.body).toBe('window.yj = 1;');
    expect((await raw(port, '/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await raw(port, '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00index.html'])(
    'refuses %s',
    async (path) => {
      const res = await raw(port, path);
      expect([400, 404]).toContain(res.status);
      expect(res.body).not.toContain('TOP-SECRET');
    },
  );

  it('does not follow a symlink out of the root, lists no directory, allows only GET/HEAD', async () => {
    const link = await raw(port, '/assets/link.txt');
    expect(link.status).toBe(404);
    expect(link.body).not.toContain('TOP-SECRET');
    expect((await raw(port, '/assets/')).status).toBe(404);
    expect((await raw(port, '/assets')).status).toBe(404);
    expect((await raw(port, '/missing.js')).status).toBe(404);
    expect((await raw(port, '/index.html', 'POST')).status).toBe(405);
  });

  it('maps paths inside the root only', () => {
    expect(resolveInside('/srv/r', '/a/b.js')).toBe('/srv/r/a/b.js');
    expect(resolveInside('/srv/r', '/../x')).toBeNull();
    expect(resolveInside('/srv/r', '/%E0%A4%A')).toBeNull(); // malformed escape
  });

  it('injects into pages without scripts too', () => {
    expect(injectBridge('<html><head></head></html>')).toBe(`<html><head>${BRIDGE_TAG}\n</head></html>`);
    expect(injectBridge('<p>x</p>')).toBe(`${BRIDGE_TAG}\n<p>x</p>`);
  });
});
