/**
 * The acceptance, in the browser host: with a local proxy that requires a password and
 * the custom proxy setting, the app signs in through it, and 测试连接 reports the proxy's
 * refusal while the stored password is wrong. The password is on no disk file in plain form
 * beside the settings, and in no log line.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/index';
import { capturingLogger } from '../testing/capturing-logger';
import { startLocalProxy, type LocalProxy } from '../testing/local-proxy';
import { startBrowserHost, type BrowserHost } from './server';

const PASSWORD = 'Corp-Proxy-Pw-7!';

function invoke(host: BrowserHost, route: string, input?: unknown): Promise<{ ok: boolean; data?: Record<string, unknown>; error?: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path: '/__yj/invoke', method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Yj-Token': host.token } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(JSON.parse(body)));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ route, input }));
  });
}

describe('browser host behind an office proxy', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let proxy: LocalProxy;
  let host: BrowserHost;
  let dir: string;
  const logger = capturingLogger();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yj-proxy-host-'));
    sim = await startSimulator({ port: 0, quiet: true });
    proxy = await startLocalProxy({ credentials: { user: 'alice', password: PASSWORD } });
    host = await startBrowserHost({ port: 0, dataDir: join(dir, 'data'), serverUrl: sim.url, testHooks: true, logger, print: () => {} });
  });
  afterAll(async () => {
    await host?.close();
    await proxy?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('测试连接 names the proxy refusal with a wrong password, then signs in through the proxy', async () => {
    const saved = await invoke(host, 'settings.update', { proxy: { mode: 'custom', url: proxy.url.replace('http://', 'http://alice@'), bypass: '' } });
    expect(saved).toMatchObject({ ok: true, data: { proxy: { mode: 'custom' } } });

    expect(await invoke(host, 'network.setProxyPassword', { password: 'wrong' })).toMatchObject({ ok: true, data: { saved: true } });
    expect(await invoke(host, 'network.test', {})).toMatchObject({ ok: true, data: { ok: false, kind: 'proxy_auth' } });
    expect((await invoke(host, 'auth.sendCode', { phone: '13900000001' })).ok).toBe(false);
    expect(proxy.log).toEqual([]);

    await invoke(host, 'network.setProxyPassword', { password: PASSWORD });
    expect(await invoke(host, 'network.test', {})).toMatchObject({ ok: true, data: { ok: true, via: `PROXY 127.0.0.1:${proxy.port}` } });
    expect((await invoke(host, 'auth.sendCode', { phone: '13900000001' })).ok).toBe(true);
    expect(await invoke(host, 'auth.login', { phone: '13900000001', code: '123456' })).toMatchObject({ ok: true, data: { kind: 'signedIn' } });
    expect(proxy.log.length).toBeGreaterThan(0);
    expect(proxy.log.every((line) => line === `CONNECT ${new URL(sim.url).host}`)).toBe(true);

    expect(readFileSync(join(dir, 'data', 'settings.json'), 'utf8')).not.toContain(PASSWORD);
    expect(logger.lines.join('\n')).not.toContain(PASSWORD);
    expect(await invoke(host, 'network.passwordState')).toMatchObject({ ok: true, data: { saved: true, storage: 'dev-file' } });
  });
});
