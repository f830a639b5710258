/**
 * The OS proxy settings as Chromium sees them: `session.resolveProxy(url)` follows the system
 * configuration, WPAD and PAC scripts and answers in PAC format. After a network change
 * `forceReloadProxyConfig` makes Chromium read the settings and fetch the PAC script again.
 */
import type { Session } from 'electron';
import type { ProxyResolver } from '../core/ports';

export function createSessionProxyResolver(session: Pick<Session, 'resolveProxy' | 'forceReloadProxyConfig'>): ProxyResolver {
  return {
    resolve: (url) => session.resolveProxy(url),
    reload: () => session.forceReloadProxyConfig(),
  };
}
