/**
 * 测试连接: one GET of the platform address along a route, timed, and the failure named from
 * the first hop outwards (proxy refused, proxy authentication, DNS, TLS, platform unreachable,
 * timeout). Any HTTP answer from the platform counts as reachable. Uses its own agents so that
 * unsaved settings can be tried without touching the app's.
 */
import got, { RequestError } from 'got';
import type { NetworkFailureKind, NetworkTestResult } from '../../preload/contract/models';
import { createProxyAgentCache } from '../platform/proxy-agent';
import type { ProxyRoute } from '../platform/proxy-route';

export const PROBE_TIMEOUT_MS = 10_000;

export interface ProbeOptions {
  url: string;
  route: ProxyRoute;
  certificates: string[] | undefined;
  now: () => number;
  timeoutMs?: number;
}

const MESSAGES: Record<NetworkFailureKind, string> = {
  proxy_refused: '代理服务器拒绝连接 / The proxy refused the connection',
  proxy_auth: '代理服务器拒绝了用户名或密码 / The proxy refused the user name or password',
  dns: '找不到该地址 / The address could not be found (DNS)',
  tls: '证书无效或不受信任 / The TLS certificate is invalid or not trusted',
  unreachable: '无法连接到平台 / The platform cannot be reached',
  timeout: '连接超时 / The connection timed out',
  not_configured: '尚未设置服务器地址 / No server address is configured',
};

function failure(kind: NetworkFailureKind, via: string, detail?: string): NetworkTestResult {
  return { ok: false, kind, via, message: detail ? `${MESSAGES[kind]} (${detail})` : MESSAGES[kind] };
}

/** Names a transport error; `proxyHost` tells a refused proxy from a refused platform. */
export function classifyError(error: unknown, route: ProxyRoute): { kind: NetworkFailureKind; detail: string } {
  const code = (error as { code?: unknown }).code;
  const text = typeof code === 'string' ? code : '';
  const message = error instanceof Error ? error.message : String(error);
  const viaProxy = route.kind === 'proxy';
  const hostname = (error as { hostname?: unknown }).hostname;
  if ((error as { name?: unknown }).name === 'TimeoutError' || text === 'ETIMEDOUT') return { kind: 'timeout', detail: text || 'timeout' };
  if (text === 'ENOTFOUND' || text === 'EAI_AGAIN') return { kind: 'dns', detail: typeof hostname === 'string' ? hostname : text };
  if (text.startsWith('ERR_TLS') || text.includes('CERT') || text === 'DEPTH_ZERO_SELF_SIGNED_CERT' || /certificate/i.test(message)) {
    return { kind: 'tls', detail: text || message };
  }
  // SOCKS reports authentication in its message, not as a status.
  if (viaProxy && /authentication/i.test(message)) return { kind: 'proxy_auth', detail: 'SOCKS' };
  if (text === 'ECONNREFUSED') return { kind: viaProxy ? 'proxy_refused' : 'unreachable', detail: text };
  return { kind: 'unreachable', detail: text || message };
}

export async function probeConnection(options: ProbeOptions): Promise<NetworkTestResult> {
  const { route } = options;
  const agents = createProxyAgentCache();
  const started = options.now();
  try {
    const selected = agents.agentsFor(route);
    const response = await got(options.url, {
      method: 'GET',
      throwHttpErrors: false,
      followRedirect: false,
      retry: { limit: 0 },
      timeout: { request: options.timeoutMs ?? PROBE_TIMEOUT_MS },
      ...(selected ? { agent: { http: selected.http, https: selected.https } } : {}),
      ...(options.certificates ? { https: { certificateAuthority: options.certificates } } : {}),
    });
    if (response.statusCode === 407) return failure('proxy_auth', route.label, 'HTTP 407');
    // 502/504 from a proxy: it could not reach the platform.
    if (route.kind === 'proxy' && (response.statusCode === 502 || response.statusCode === 504)) {
      return failure('unreachable', route.label, `HTTP ${response.statusCode}`);
    }
    return { ok: true, latencyMs: Math.max(0, Math.round(options.now() - started)), via: route.label };
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    const { kind, detail } = classifyError(error, route);
    return failure(kind, route.label, detail);
  } finally {
    agents.clear();
  }
}
