import { describe, expect, it } from 'vitest';
import { createEnvProxyResolver } from './proxy-resolver';

describe('createEnvProxyResolver', () => {
  it('answers from HTTPS_PROXY / HTTP_PROXY in PAC format, without credentials', async () => {
    const resolver = createEnvProxyResolver({ HTTPS_PROXY: 'http://bob:pw@proxy.corp:3128', http_proxy: 'plain.corp:80' });
    await expect(resolver.resolve('https://yj.example/x')).resolves.toBe('PROXY proxy.corp:3128');
    await expect(resolver.resolve('http://yj.example/x')).resolves.toBe('PROXY plain.corp:80');
  });

  it('honours NO_PROXY and answers DIRECT without any variable', async () => {
    const resolver = createEnvProxyResolver({ HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: 'localhost,.internal' });
    await expect(resolver.resolve('https://api.internal/x')).resolves.toBe('DIRECT');
    await expect(createEnvProxyResolver({}).resolve('https://yj.example')).resolves.toBe('DIRECT');
  });
});
