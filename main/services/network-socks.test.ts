import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../simulator/index';
import { systemClock } from '../core/ports';
import { capturingLogger } from '../testing/capturing-logger';
import { startLocalSocks, type LocalSocks } from '../testing/local-socks';
import { memorySecretBox } from '../testing/memory-ports';
import { NetworkService, PROXY_PASSWORD_SECRET } from './network';

describe('a custom SOCKS5 proxy with a password', () => {
  let sim: Simulator;
  let socks: LocalSocks;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, quiet: true });
    socks = await startLocalSocks({ user: 'alice', password: 'socks-pw' });
  });
  afterAll(async () => {
    await Promise.all([sim.close(), socks.close()]);
  });

  function network(password: string) {
    const secrets = memorySecretBox();
    secrets.data.set(PROXY_PASSWORD_SECRET, password);
    return new NetworkService({
      proxy: () => ({ mode: 'custom', url: socks.url.replace('socks5://', 'socks5://alice@'), bypass: '' }),
      onProxyChange: () => () => {},
      secrets,
      resolver: null,
      certificates: { source: 'bundled', certificates: undefined },
      logger: capturingLogger(),
      clock: systemClock,
    });
  }

  it('reaches the platform through it, and names a wrong password proxy_auth', async () => {
    const good = network('socks-pw');
    expect(await good.test(sim.url)).toMatchObject({ ok: true, via: `SOCKS5 127.0.0.1:${socks.port}` });
    expect(socks.log).toEqual([new URL(sim.url).host]);
    good.dispose();

    const bad = network('wrong');
    expect(await bad.test(sim.url)).toMatchObject({ ok: false, kind: 'proxy_auth' });
    expect(socks.refused).toBe(1);
    bad.dispose();
  });
});
