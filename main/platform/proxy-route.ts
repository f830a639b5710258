/**
 * Which way one request goes: straight to the server, or through a proxy. The system resolver
 * (Electron's `resolveProxy`, following the OS settings and PAC) answers in PAC format
 * ("PROXY a:8080; DIRECT"); a custom proxy is the user's URL plus the password kept in the
 * SecretBox. The route's `url` may carry credentials: log `label`, never `url`.
 */
import { BlockList, isIP } from 'node:net';

export type ProxyRoute = { kind: 'direct'; label: 'DIRECT' } | { kind: 'proxy'; url: URL; label: string };

export const DIRECT: ProxyRoute = { kind: 'direct', label: 'DIRECT' };

/** PAC keywords → the scheme of the proxy URL agents understand. Chromium's `SOCKS` means SOCKS v4. */
const PAC_SCHEMES: Record<string, string> = { PROXY: 'http:', HTTPS: 'https:', SOCKS5: 'socks5:', SOCKS4: 'socks4:', SOCKS: 'socks4:' };
const LABELS: Record<string, string> = { 'http:': 'PROXY', 'https:': 'HTTPS', 'socks5:': 'SOCKS5', 'socks5h:': 'SOCKS5', 'socks4:': 'SOCKS4', 'socks:': 'SOCKS5' };

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** `PROXY host:port` for a proxy URL (the port always written, as PAC does): what the UI and the log may show. */
export function labelOf(url: URL): string {
  return `${LABELS[url.protocol] ?? 'PROXY'} ${url.hostname}:${url.port || DEFAULT_PORTS[url.protocol] || '1080'}`;
}

/**
 * The first usable entry of a PAC result. We take no failover to later entries: got cannot
 * retry a POST on another route without risking it twice, and offices list one proxy.
 */
export function routeFromPac(pac: string): ProxyRoute {
  for (const entry of pac.split(';')) {
    const [keyword = '', hostPort = ''] = entry.trim().split(/\s+/);
    const upper = keyword.toUpperCase();
    if (upper === 'DIRECT') return DIRECT;
    try {
      // An unknown keyword (no scheme) or a missing host makes no URL: the entry is skipped.
      const url = new URL(`${PAC_SCHEMES[upper]}//${hostPort}`);
      return { kind: 'proxy', url, label: labelOf(url) };
    } catch {
      // a malformed entry: try the next one
    }
  }
  return DIRECT;
}

/** The user's proxy URL with the stored password; throws on a URL the settings schema should have refused. */
export function customRoute(proxyUrl: string, password: string | null): ProxyRoute {
  const url = new URL(proxyUrl);
  if (password && url.username) url.password = encodeURIComponent(password);
  return { kind: 'proxy', url, label: labelOf(url) };
}

export interface BypassList {
  matches(target: URL): boolean;
}

/**
 * A bypass list in the forms offices write in NO_PROXY and in the OS dialogs: `*` (all),
 * `<local>` (names without a dot), `example.com` / `.example.com` / `*.example.com` (the
 * domain and its subdomains), `host:port`, IPs and IPv4/IPv6 CIDR ranges (`10.0.0.0/8`).
 */
export function parseBypass(text: string): BypassList {
  const entries = text.toLowerCase().split(/[\s,;]/).filter(Boolean);
  const ranges = new BlockList();
  const names: { domain: string; port: string | null }[] = [];
  let all = false;
  let local = false;
  for (const entry of entries) {
    if (entry === '*') all = true;
    else if (entry === '<local>') local = true;
    else if (!addRange(ranges, entry)) names.push(splitPort(entry.replace(/^\*?\./, '')));
  }
  return {
    matches(target) {
      if (all) return true;
      const host = target.hostname.toLowerCase().replace(/[[\]]/g, '');
      const port = target.port || (target.protocol === 'https:' ? '443' : '80');
      if (local && !host.includes('.') && !host.includes(':')) return true;
      const family = isIP(host);
      if (family && ranges.check(host, family === 6 ? 'ipv6' : 'ipv4')) return true;
      return names.some((name) => (name.domain === host || host.endsWith(`.${name.domain}`)) && (name.port === null || name.port === port));
    },
  };
}

function addRange(ranges: BlockList, entry: string): boolean {
  const [address = '', bits] = entry.replace(/[[\]]/g, '').split('/');
  const family = isIP(address);
  if (!family) return false;
  const type = family === 6 ? 'ipv6' : 'ipv4';
  if (bits === undefined) ranges.addAddress(address, type);
  else ranges.addSubnet(address, Number(bits), type);
  return true;
}

function splitPort(entry: string): { domain: string; port: string | null } {
  const match = /^(.*):(\d+)$/.exec(entry);
  return match ? { domain: match[1] ?? '', port: match[2] ?? null } : { domain: entry, port: null };
}
