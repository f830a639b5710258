/**
 * The network settings at work: which route each request takes (system proxy / none / custom
 * with its bypass list), the proxy password in the SecretBox, and the trusted CAs. The system
 * answer is cached per origin (PAC scripts are slow) and forgotten when the network changes
 * (SystemEvents 'online'/'resume'; the resolver re-reads the OS settings and PAC then) or when
 * the settings change. Credentials live only in the route's URL, in memory: logs get labels.
 */
import type { BeforeRequestHook } from 'got';
import type { NetworkTestResult, ProxyPasswordState, ProxySettings } from '../../preload/contract/models';
import type { Clock, Logger, ProxyResolver, SecretBox, SystemEvents } from '../core/ports';
import { registerSecret } from '../lib/secret-values';
import type { CertificateAuthorities } from '../platform/ca-bundle';
import { createNetworkHook } from '../platform/network-hook';
import { createProxyAgentCache, type ProxyAgentCache } from '../platform/proxy-agent';
import { customRoute, DIRECT, parseBypass, routeFromPac, type ProxyRoute } from '../platform/proxy-route';
import { probeConnection } from './network-probe';

export const PROXY_PASSWORD_SECRET = 'proxy-password';
/** How long a system answer is trusted without a network change (PAC may depend on time of day). */
export const SYSTEM_ROUTE_TTL_MS = 5 * 60_000;
const MAX_PASSWORD_CHARS = 1024;

export interface NetworkServiceOptions {
  proxy(): ProxySettings;
  /** Subscribes to proxy setting changes; returns the unsubscribe. */
  onProxyChange(listener: () => void): () => void;
  secrets: SecretBox;
  resolver: ProxyResolver | null;
  systemEvents?: SystemEvents;
  certificates: CertificateAuthorities;
  logger: Logger;
  clock: Clock;
}

export class NetworkService {
  readonly agents: ProxyAgentCache = createProxyAgentCache();
  /** For PlatformHttpOptions.beforeRequest (and the download client). */
  readonly beforeRequest: BeforeRequestHook;
  private password: Promise<string | null> | null = null;
  private readonly systemRoutes = new Map<string, { route: ProxyRoute; at: number }>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly options: NetworkServiceOptions) {
    this.beforeRequest = createNetworkHook({
      routeFor: (url) => this.routeFor(url),
      agents: this.agents,
      certificateAuthorities: () => options.certificates.certificates,
    });
    this.unsubscribe.push(options.onProxyChange(() => this.forgetRoutes()));
    for (const event of ['online', 'resume'] as const) {
      const off = options.systemEvents?.on(event, () => void this.networkChanged());
      if (off) this.unsubscribe.push(off);
    }
    const { certificates } = options;
    if (certificates.source === 'system') options.logger.info('trusting the OS certificate store', { certificates: certificates.certificates?.length });
    else options.logger.warn('OS certificate store not used; trusting the bundled CAs only', { reason: certificates.reason });
  }

  /** The route of one request under the given (by default the saved) proxy settings. */
  async routeFor(url: URL, proxy: ProxySettings = this.options.proxy()): Promise<ProxyRoute> {
    if (proxy.mode === 'none') return DIRECT;
    if (proxy.mode === 'custom') {
      if (!proxy.url || parseBypass(proxy.bypass).matches(url)) return DIRECT;
      return customRoute(proxy.url, await this.loadPassword());
    }
    return this.systemRoute(url);
  }

  async passwordState(): Promise<ProxyPasswordState> {
    return { saved: Boolean(await this.loadPassword()), storage: this.options.secrets.mode };
  }

  async setPassword(password: string): Promise<ProxyPasswordState> {
    if (password.length > MAX_PASSWORD_CHARS) throw new RangeError('proxy password too long');
    if (password === '') await this.options.secrets.remove(PROXY_PASSWORD_SECRET);
    else await this.options.secrets.save(PROXY_PASSWORD_SECRET, password);
    registerSecret(password); // scrubbed by value from every log line and diagnostics export
    // In 'memory' mode the box keeps nothing: the password then lasts until quit, here.
    this.password = Promise.resolve(password === '' ? null : password);
    this.forgetRoutes();
    this.options.logger.info('proxy password changed', { saved: password !== '', storage: this.options.secrets.mode });
    return { saved: password !== '', storage: this.options.secrets.mode };
  }

  /** 测试连接 against `targetUrl` with the given (possibly unsaved) settings. */
  async test(targetUrl: string | null, proxy: ProxySettings = this.options.proxy()): Promise<NetworkTestResult> {
    if (!targetUrl) return { ok: false, kind: 'not_configured', via: 'DIRECT', message: '尚未设置服务器地址 / No server address is configured' };
    const route = await this.routeFor(new URL(targetUrl), proxy);
    const result = await probeConnection({ url: targetUrl, route, certificates: this.options.certificates.certificates, now: () => this.options.clock.now() });
    this.options.logger.info('connection test', { via: result.via, ok: result.ok, kind: result.ok ? undefined : result.kind });
    return result;
  }

  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.agents.clear();
  }

  private loadPassword(): Promise<string | null> {
    this.password ??= this.options.secrets.load(PROXY_PASSWORD_SECRET).then(
      (password) => {
        registerSecret(password);
        return password;
      },
      (error: unknown) => {
        this.options.logger.warn('proxy password could not be read', { error });
        return null;
      },
    );
    return this.password;
  }

  private async systemRoute(url: URL): Promise<ProxyRoute> {
    const { resolver } = this.options;
    if (!resolver) return DIRECT;
    const cached = this.systemRoutes.get(url.origin);
    const now = this.options.clock.now();
    if (cached && now - cached.at < SYSTEM_ROUTE_TTL_MS) return cached.route;
    let route: ProxyRoute;
    try {
      route = routeFromPac(await resolver.resolve(url.href));
    } catch (error) {
      this.options.logger.warn('system proxy lookup failed; going direct', { error });
      route = DIRECT;
    }
    this.systemRoutes.set(url.origin, { route, at: now });
    return route;
  }

  private forgetRoutes(): void {
    this.systemRoutes.clear();
    this.agents.forget();
  }

  private async networkChanged(): Promise<void> {
    this.forgetRoutes();
    try {
      await this.options.resolver?.reload?.();
    } catch (error) {
      this.options.logger.warn('re-reading the system proxy settings failed', { error });
    }
  }
}
