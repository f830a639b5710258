/**
 * A TLS-inspecting office gateway in miniature: an https server whose certificate is signed by
 * a root Node does not know (made with openssl for this run), reached through a CONNECT proxy.
 * The target is named `localhost`: https-proxy-agent checks the certificate against a host name
 * (for a bare IP target it falls back to 'localhost').
 * Untrusted, 测试连接 says 'tls'; once that root is among the trusted CAs (as the OS store
 * would supply it), the platform client and the test both get through.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../core/ports';
import { createPlatformHttp } from '../platform/http';
import { capturingLogger } from '../testing/capturing-logger';
import { startLocalProxy, type LocalProxy } from '../testing/local-proxy';
import { memorySecretBox } from '../testing/memory-ports';
import { NetworkService } from './network';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

describe.skipIf(!hasOpenssl)('office TLS gateway', () => {
  let dir: string;
  let cert: string;
  let server: Server;
  let proxy: LocalProxy;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yj-tls-'));
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","data":{}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://localhost:${(server.address() as AddressInfo).port}`;
    proxy = await startLocalProxy();
  });
  afterAll(async () => {
    await proxy.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  function network(certificates: string[] | undefined) {
    return new NetworkService({
      proxy: () => ({ mode: 'custom', url: proxy.url, bypass: '' }),
      onProxyChange: () => () => {},
      secrets: memorySecretBox(),
      resolver: null,
      certificates: { source: certificates ? 'system' : 'bundled', certificates },
      logger: capturingLogger(),
      clock: systemClock,
    });
  }

  it('an untrusted gateway certificate is a TLS failure, named as such', async () => {
    const service = network(undefined);
    expect(await service.test(url)).toMatchObject({ ok: false, kind: 'tls', via: `PROXY 127.0.0.1:${proxy.port}` });
    service.dispose();
  });

  it('with the gateway root trusted, requests tunnel through the proxy and verify', async () => {
    const service = network([cert]);
    expect(await service.test(url)).toMatchObject({ ok: true });
    const http = createPlatformHttp({
      baseUrl: () => url,
      jar: new CookieJar(),
      logger: capturingLogger(),
      onUnauthorized: () => {},
      retry: { limit: 0 },
      beforeRequest: service.beforeRequest,
    });
    await expect(http.get('/anything')).resolves.toMatchObject({ kind: 'ok' });
    expect(proxy.log).toContain(`CONNECT ${new URL(url).host}`);
    service.dispose();
  });
});
