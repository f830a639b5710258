import { describe, expect, it } from 'vitest';
import { FakeSession } from '../testing/electron-fake';
import { createSessionProxyResolver } from './proxy-resolver';

describe('createSessionProxyResolver', () => {
  it('asks Chromium’s session for each URL and reloads the OS settings on demand', async () => {
    const session = new FakeSession();
    session.proxyAnswer = 'PROXY gw.corp:8080; DIRECT';
    const resolver = createSessionProxyResolver(session);
    await expect(resolver.resolve('https://yj.example/a')).resolves.toBe('PROXY gw.corp:8080; DIRECT');
    expect(session.resolveProxy).toHaveBeenCalledWith('https://yj.example/a');
    await resolver.reload?.();
    expect(session.forceReloadProxyConfig).toHaveBeenCalledTimes(1);
  });
});
