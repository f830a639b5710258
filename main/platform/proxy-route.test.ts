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
    expect(matches('intranet:8443x', 'https://intranet:8443')).toBe(false);
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

describe('labels (what the settings screen and the log show)', () => {
  it('names the kind and always writes the port, the default one when the URL has none', () => {
    const label = (url: string) => customRoute(url, null).label;
    expect(label('http://p.example')).toBe('PROXY p.example:80');
    expect(label('https://p.example')).toBe('HTTPS p.example:443');
    expect(label('socks5://s.example')).toBe('SOCKS5 s.example:1080');
    expect(label('socks5h://s.example:9050')).toBe('SOCKS5 s.example:9050');
    expect(label('socks4://s.example:1081')).toBe('SOCKS4 s.example:1081');
    expect(label('socks://s.example')).toBe('SOCKS5 s.example:1080');
    expect(label('ftp://f.example')).toBe('PROXY f.example:1080');
  });
});

describe('routeFromPac details', () => {
  it('keywords in any case, extra spaces, and a DIRECT after a skipped entry', () => {
    expect(routeFromPac('  proxy   p.example:3128 ')).toMatchObject({ kind: 'proxy', label: 'PROXY p.example:3128' });
    expect(routeFromPac('direct')).toEqual(DIRECT);
    expect(routeFromPac('PROXY; DIRECT; PROXY late.example:1')).toEqual(DIRECT);
    expect(routeFromPac('SOCKS4 s.example:1081')).toMatchObject({ label: 'SOCKS4 s.example:1081' });
    const https = routeFromPac('HTTPS h.example:8443');
    expect(https.kind === 'proxy' && https.url.href).toBe('https://h.example:8443/');
  });
});

describe('customRoute details', () => {
  it('no stored password keeps the URL as the user wrote it; the URL is parsed strictly', () => {
    const route = customRoute('http://alice:typed@p.example:3128', null);
    expect(route.kind === 'proxy' && route.url.password).toBe('typed');
    const blank = customRoute('http://alice@p.example:3128', '');
    expect(blank.kind === 'proxy' && blank.url.password).toBe('');
    expect(() => customRoute('not a url', 'x')).toThrow();
  });
});

describe('parseBypass details', () => {
  const matches = (list: string, url: string) => parseBypass(list).matches(new URL(url));

  it('a port entry uses the scheme\'s default port when the URL has none', () => {
    expect(matches('intranet:443', 'https://intranet/x')).toBe(true);
    expect(matches('intranet:80', 'http://intranet/x')).toBe(true);
    expect(matches('intranet:80', 'https://intranet/x')).toBe(false);
    expect(matches('intranet:443', 'http://intranet/x')).toBe(false);
  });

  it('IPv6 ranges and bracketed addresses; an IPv4 range never matches an IPv6 host', () => {
    expect(matches('fd00::/8', 'http://[fd12::5]/')).toBe(true);
    expect(matches('fd00::/8', 'http://[fe80::1]/')).toBe(false);
    expect(matches('[::1]', 'http://[::1]/')).toBe(true);
    expect(matches('10.0.0.1', 'http://10.0.0.1/')).toBe(true);
    expect(matches('10.0.0.1', 'http://10.0.0.2/')).toBe(false);
    expect(matches('0.0.0.0/0', 'http://[::1]/')).toBe(false);
  });

  it('<local> is names without a dot: not IP addresses, not subdomains', () => {
    expect(matches('<local>', 'http://[::1]/')).toBe(false);
    expect(matches('<local>', 'http://127.0.0.1/')).toBe(false);
    expect(matches('<LOCAL>', 'http://printer/')).toBe(true);
  });

  it('an entry is matched whole: a suffix of another name is not its domain', () => {
    expect(matches('example.com', 'https://badexample.com/')).toBe(false);
    expect(matches('example.com', 'https://a.b.example.com/')).toBe(true);
    expect(matches('EXAMPLE.com:8080', 'https://a.example.com:8080/')).toBe(true);
    expect(matches('*', 'http://10.0.0.1/')).toBe(true);
    // Separators in a row or at the end add no empty entry (which would match any name ending in a dot).
    expect(matches('a.example, ;', 'http://other.example./')).toBe(false);
  });
});
