import { describe, expect, it } from 'vitest';
import { customRoute, DIRECT, parseBypass, routeFromPac } from './proxy-route';

describe('routeFromPac', () => {
  it('takes the first usable entry and maps PAC keywords to proxy schemes', () => {
    expect(routeFromPac('DIRECT')).toEqual(DIRECT);
    const proxy = routeFromPac('PROXY corp.example:8080; DIRECT');
    expect(proxy).toMatchObject({ kind: 'proxy', label: 'PROXY corp.example:8080' });
    expect(proxy.kind === 'proxy' && proxy.url.protocol).toBe('http:');
    const socks = routeFromPac('SOCKS5 10.0.0.2:1080');
    expect(socks.kind === 'proxy' && socks.url.protocol).toBe('socks5:');
    // Chromium's bare SOCKS is version 4.
    const socks4 = routeFromPac('SOCKS 10.0.0.2:1080');
    expect(socks4.kind === 'proxy' && socks4.url.protocol).toBe('socks4:');
    expect(routeFromPac('HTTPS secure.example:443')).toMatchObject({ label: 'HTTPS secure.example:443' });
  });

  it('skips unknown or malformed entries and falls back to DIRECT', () => {
    expect(routeFromPac('QUIC q.example:443; PROXY p.example:3128')).toMatchObject({ label: 'PROXY p.example:3128' });
    expect(routeFromPac('PROXY ; PROXY [bad:1')).toEqual(DIRECT);
    expect(routeFromPac('')).toEqual(DIRECT);
  });
});

describe('customRoute', () => {
  it('adds the stored password to the URL but keeps it out of the label', () => {
    const route = customRoute('http://alice@proxy.corp:3128', 'p@ss:word');
    expect(route.kind === 'proxy' && decodeURIComponent(route.url.password)).toBe('p@ss:word');
    expect(route.label).toBe('PROXY proxy.corp:3128');
  });

  it('sends no password without a user name', () => {
    const route = customRoute('socks5://proxy.corp:1080', 'secret');
    expect(route.kind === 'proxy' && route.url.password).toBe('');
    expect(route.label).toBe('SOCKS5 proxy.corp:1080');
  });
});

describe('parseBypass', () => {
  const matches = (list: string, url: string) => parseBypass(list).matches(new URL(url));

  it('matches a domain and its subdomains in every spelling', () => {
    for (const entry of ['corp.example', '.corp.example', '*.corp.example']) {
      expect(matches(entry, 'https://api.corp.example/x')).toBe(true);
      expect(matches(entry, 'https://notcorp.example/x')).toBe(false);
    }
    expect(matches('corp.example', 'https://CORP.example')).toBe(true);
  });

  it('honours ports, IPs, CIDR ranges, <local> and *', () => {
    expect(matches('intranet:8443', 'https://intranet:8443')).toBe(true);
    expect(matches('intranet:8443', 'https://intranet')).toBe(false);
    expect(matches('10.0.0.0/8', 'http://10.1.2.3:4010')).toBe(true);
    expect(matches('10.0.0.0/8', 'http://11.1.2.3')).toBe(false);
    expect(matches('::1', 'http://[::1]:4010')).toBe(true);
    expect(matches('<local>', 'http://intranet')).toBe(true);
    expect(matches('<local>', 'http://intranet.corp')).toBe(false);
    expect(matches('*', 'https://anything.example')).toBe(true);
    expect(matches('a.example; b.example,c.example', 'https://c.example')).toBe(true);
    expect(matches('', 'https://a.example')).toBe(false);
  });
});
