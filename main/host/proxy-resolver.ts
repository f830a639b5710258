/**
 * The browser host's "system" proxy: the environment, as command-line tools read it
 * (HTTPS_PROXY / HTTP_PROXY, lower case too, and NO_PROXY), answered in PAC format. Credentials
 * in those variables are dropped (a PAC answer has no place for them): use the custom proxy
 * setting for a proxy that asks for a password.
 */
import type { ProxyResolver } from '../core/ports';
import { labelOf, parseBypass } from '../platform/proxy-route';

type Env = Record<string, string | undefined>;

function pick(env: Env, name: string): string {
  return env[name.toLowerCase()] || env[name.toUpperCase()] || '';
}

function pacFor(proxy: string): string | null {
  try {
    const url = new URL(proxy.includes('://') ? proxy : `http://${proxy}`);
    return url.hostname ? labelOf(url) : null;
  } catch {
    return null;
  }
}

export function createEnvProxyResolver(env: Env = process.env): ProxyResolver {
  return {
    resolve: async (target) => {
      const url = new URL(target);
      if (parseBypass(pick(env, 'no_proxy')).matches(url)) return 'DIRECT';
      const proxy = url.protocol === 'https:' ? pick(env, 'https_proxy') || pick(env, 'http_proxy') : pick(env, 'http_proxy');
      return (proxy && pacFor(proxy)) || 'DIRECT';
    },
  };
}
