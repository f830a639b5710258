/**
 * Which platform address is in use, and where it comes from.
 * Order: YUANJING_SERVER env > the settings' profile > the build-time official address > none.
 * `none` makes the renderer ask for an address at first start.
 */
import type { AppInfo, Settings } from '../../preload/contract/models';

export type ServerSource = AppInfo['serverSource'];

export interface ServerResolution {
  url: string | null;
  source: ServerSource;
  /** http:// to a non-loopback host: the cookie and keys travel in clear text. */
  insecure: boolean;
}

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/** http/https only, no credentials (got would turn them into an Authorization header), no query or fragment. */
export function validateServerUrl(raw: string): UrlCheck {
  const text = raw.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { ok: false, reason: '地址格式不正确 / Not a valid URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: '仅支持 http:// 或 https:// / Only http:// and https:// addresses are supported' };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return { ok: false, reason: '地址中不能包含用户名或密码 / The address must not contain a user name or password' };
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    return { ok: false, reason: '地址中不能包含查询参数 / The address must not contain a query or fragment' };
  }
  // Canonical form without trailing slashes; a path prefix (reverse proxy) is kept.
  return { ok: true, url: `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}` };
}

/**
 * Loopback = 127.0.0.0/8, ::1 and `localhost` exactly. Not `*.localhost`: whether such a name
 * stays on this machine depends on the OS resolver, and plain http is allowed only where it does.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function isInsecureServer(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname);
  } catch {
    return false;
  }
}

export interface ResolveInput {
  envServerUrl?: string;
  officialServerUrl: string;
  settings: Pick<Settings, 'serverProfile' | 'customServerUrl' | 'simulatorUrl'>;
}

function resolved(url: string, source: ServerSource): ServerResolution {
  return { url, source, insecure: isInsecureServer(url) };
}

function valid(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  const check = validateServerUrl(raw);
  return check.ok ? check.url : null;
}

export function resolveServer(input: ResolveInput): ServerResolution {
  const env = valid(input.envServerUrl);
  if (env) return resolved(env, 'env');

  const official = valid(input.officialServerUrl);
  const { serverProfile, simulatorUrl, customServerUrl } = input.settings;
  if (serverProfile === 'official' && official) return resolved(official, 'build');
  if (serverProfile === 'simulator') {
    const simulator = valid(simulatorUrl);
    if (simulator) return resolved(simulator, 'settings');
  }
  if (serverProfile === 'custom') {
    const custom = valid(customServerUrl);
    if (custom) return resolved(custom, 'settings');
  }

  if (official) return resolved(official, 'build');
  return { url: null, source: 'none', insecure: false };
}
