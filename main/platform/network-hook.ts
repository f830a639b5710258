/**
 * got's `beforeRequest` hook that sends a request the way the network settings say: the proxy
 * agents for its route and the trusted certificates. The HTTP client knows nothing of proxies;
 * it calls this hook (PlatformHttpOptions.beforeRequest), and so will the download client.
 */
import type { BeforeRequestHook } from 'got';
import type { ProxyAgentCache } from './proxy-agent';
import type { ProxyRoute } from './proxy-route';

export interface NetworkHookDeps {
  routeFor(url: URL): Promise<ProxyRoute>;
  agents: ProxyAgentCache;
  /** undefined keeps Node's default CAs. */
  certificateAuthorities(): string[] | undefined;
}

export function createNetworkHook(deps: NetworkHookDeps): BeforeRequestHook {
  return async (options) => {
    // got has made the URL a URL object by now; a copy keeps the route lookup off the request's own.
    const url = new URL(String(options.url));
    const agents = deps.agents.agentsFor(await deps.routeFor(url));
    // Both are set on every attempt, also to "none": a retry after the settings changed must not
    // keep the proxy or the extra certificates of its first attempt (undefined = Node's defaults).
    options.agent = { http: agents?.http, https: agents?.https };
    options.https.certificateAuthority = deps.certificateAuthorities();
  };
}
