/**
 * got agents for a proxy route: an HTTP CONNECT tunnel (https-proxy-agent: TLS to the target
 * inside the tunnel, Basic Proxy-Authorization from the URL's credentials) or SOCKS
 * (socks-proxy-agent), cached per proxy so keep-alive sockets are reused across requests.
 * Plain-http targets (a local simulator) go through the CONNECT tunnel too: http-proxy-agent
 * (v7–v9) sent a POST's request head twice under got 14 in our tests, and the platform itself
 * is https, which offices' proxies tunnel anyway.
 */
import type { Agent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import type { ProxyRoute } from './proxy-route';

export interface ProxyAgents {
  http: Agent;
  https: HttpsAgent;
}

/**
 * agent-base's agents serve both protocols but are typed as http.Agent; got types its https
 * slot as https.Agent (whose extra `options` field it never reads from a custom agent).
 */
const asHttpsAgent = (agent: Agent): HttpsAgent => agent as HttpsAgent;

export interface ProxyAgentCache {
  /** undefined for a direct route (got uses Node's global agents). */
  agentsFor(route: ProxyRoute): ProxyAgents | undefined;
  /**
   * Forgets the cached agents without closing them (settings, password or network changed):
   * requests under way, a video stream among them, finish on their old route; the agents do
   * not keep idle sockets, so nothing lingers.
   */
  forget(): void;
  /** Closes every cached agent's sockets too (quitting, a finished probe). */
  clear(): void;
  size(): number;
}

function buildAgents(url: URL): ProxyAgents {
  if (url.protocol.startsWith('socks')) {
    const socks = new SocksProxyAgent(url);
    return { http: socks, https: asHttpsAgent(socks) };
  }
  const tunnel = new HttpsProxyAgent(url);
  return { http: tunnel, https: asHttpsAgent(tunnel) };
}

export function createProxyAgentCache(): ProxyAgentCache {
  // Keyed by the full URL (credentials included) so a new password gets new agents; in memory only.
  const cache = new Map<string, ProxyAgents>();
  return {
    agentsFor(route) {
      if (route.kind === 'direct') return undefined;
      const key = route.url.href;
      let agents = cache.get(key);
      if (!agents) {
        agents = buildAgents(route.url);
        cache.set(key, agents);
      }
      return agents;
    },
    forget() {
      cache.clear();
    },
    clear() {
      // Both slots hold the one agent buildAgents made: destroying it once closes everything.
      for (const agents of cache.values()) agents.http.destroy();
      cache.clear();
    },
    size: () => cache.size,
  };
}
