import { describe, expect, it } from 'vitest';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import { createProxyAgentCache } from './proxy-agent';
import { customRoute, DIRECT, routeFromPac } from './proxy-route';

describe('createProxyAgentCache', () => {
  it('builds a CONNECT tunnel for http proxies and SOCKS for socks, once per proxy', () => {
    const cache = createProxyAgentCache();
    expect(cache.agentsFor(DIRECT)).toBeUndefined();
    const http = cache.agentsFor(routeFromPac('PROXY p.example:3128'));
    expect(http?.https).toBeInstanceOf(HttpsProxyAgent);
    expect(cache.agentsFor(routeFromPac('PROXY p.example:3128'))).toBe(http);
    const socks = cache.agentsFor(routeFromPac('SOCKS5 s.example:1080'));
    expect(socks?.https).toBeInstanceOf(SocksProxyAgent);
    expect(socks?.https).toBe(socks?.http);
    expect(http?.https).toBe(http?.http);
    expect(cache.size()).toBe(2);
  });

  it('a new password means new agents; forget keeps old agents open, clear closes them', () => {
    const cache = createProxyAgentCache();
    const first = cache.agentsFor(customRoute('http://alice@p.example:3128', 'one'));
    const second = cache.agentsFor(customRoute('http://alice@p.example:3128', 'two'));
    expect(second).not.toBe(first);
    let destroyed = 0;
    const original = second!.http.destroy.bind(second!.http);
    second!.http.destroy = () => {
      destroyed += 1;
      original();
    };
    cache.forget();
    expect(cache.size()).toBe(0);
    expect(destroyed).toBe(0);
    const third = cache.agentsFor(customRoute('http://alice@p.example:3128', 'two'));
    expect(third).not.toBe(second);
    // One agent serves both protocols, so closing it once closes both slots.
    expect(third!.https).toBe(third!.http);
    third!.http.destroy = () => void (destroyed += 1);
    cache.clear();
    expect(destroyed).toBe(1);
    expect(cache.size()).toBe(0);
    expect(cache.agentsFor(customRoute('http://alice@p.example:3128', 'two'))).not.toBe(third);
  });
});
