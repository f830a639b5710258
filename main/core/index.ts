/**
 * The composition of main's core, shared by Electron (main/index.ts) and the browser host
 * (main/host): settings, the server address, the cookie jar, the platform client, the session
 * and the account domain, exposed as the handler/schema maps the router serves. No electron
 * import: the outside world arrives through ports.
 */
import type { AppInfo } from '../../preload/contract/models';
import { createAccountRoutes } from '../ipc/handlers/account';
import { createAppRoutes } from '../ipc/handlers/app';
import { createAuthRoutes } from '../ipc/handlers/auth';
import { createClipboardRoutes } from '../ipc/handlers/clipboard';
import { gateHandlers, mergeRouteGroups } from '../ipc/handlers/index';
import { createSettingsRoutes } from '../ipc/handlers/settings';
import type { HandlerMap, SchemaMap } from '../ipc/types';
import { PersistentCookieJar } from '../platform/cookies';
import { createPlatformHttp } from '../platform/http';
import { EventBus } from './bus';
import { notifyRechargeArrivals } from '../services/notices';
import { systemClock, type ClipboardPort, type Clock, type ExternalOpener, type KeyValueStore, type Logger, type Notifier, type SecretBox } from './ports';
import { SecretClipboard } from '../services/secret-clipboard';
import { resolveServer, validateServerUrl } from '../services/server-config';
import { SessionService } from '../services/session';
import { SettingsService } from '../services/settings';

export interface CorePorts {
  store: KeyValueStore;
  secrets: SecretBox;
  opener: ExternalOpener;
  logger: Logger;
  clock?: Clock;
  runtime: 'electron' | 'browser-host';
  version: string;
  /** Build-time setting; '' when unknown. */
  officialServerUrl: string;
  /** YUANJING_SERVER. */
  envServerUrl?: string;
  /** The OS clipboard (Electron); absent in the browser host, whose renderer copies itself. */
  clipboard?: ClipboardPort | null;
  /** System notifications (Electron); absent in the browser host. */
  notifier?: Notifier | null;
}

export interface Core {
  handlers: HandlerMap;
  schemas: SchemaMap;
  bus: EventBus;
  /** Resolves after the persisted session has been restored (never rejects). */
  ready: Promise<void>;
  /** Stops timers, flushes the cookie jar. */
  dispose(): Promise<void>;
}

export function createCore(ports: CorePorts): Core {
  const { logger } = ports;
  const clock = ports.clock ?? systemClock;
  const bus = new EventBus();
  const settings = new SettingsService({ store: ports.store, bus, logger, officialServerUrl: ports.officialServerUrl });

  if (ports.envServerUrl && !validateServerUrl(ports.envServerUrl).ok) {
    logger.warn('YUANJING_SERVER is not a valid http(s) address; ignoring it');
  }
  const server = (current = settings.get()) =>
    resolveServer({ envServerUrl: ports.envServerUrl, officialServerUrl: ports.officialServerUrl, settings: current });
  const serverUrl = () => server().url;

  const jar = new PersistentCookieJar({ secrets: ports.secrets, logger, clock });
  // The session is created after the client it drives; the client reports 401s back to it
  // (the callback runs only once requests flow, long after both exist).
  const http = createPlatformHttp({
    baseUrl: serverUrl,
    jar,
    logger,
    now: () => clock.now(),
    userAgent: `YuanjingDesktop/${ports.version} (${ports.runtime})`,
    onUnauthorized: (info) => sessionService.markExpired(info),
  });
  const sessionService = new SessionService({ http, jar, secrets: ports.secrets, bus, logger, clock, serverUrl });

  // The cookie belongs to the old server: a new address signs the user out locally.
  settings.onChange((next, previous) => {
    if (server(next).url === server(previous).url) return;
    void sessionService.signOutLocally('signedOut').catch((error: unknown) => logger.error('sign-out after server change failed', { error }));
  });

  const appInfo = (): AppInfo => {
    const resolved = server();
    const official = validateServerUrl(ports.officialServerUrl);
    return {
      version: ports.version,
      runtime: ports.runtime,
      officialServerUrl: ports.officialServerUrl.trim() !== '' && official.ok ? official.url : null,
      serverUrl: resolved.url,
      serverSource: resolved.source,
      insecureServer: resolved.insecure,
      sessionPersistence: ports.secrets.mode,
    };
  };

  const account = createAccountRoutes({
    http,
    bus,
    clock,
    opener: ports.opener,
    logger,
    serverUrl,
    settings: () => settings.get(),
    session: sessionService,
  });

  const secretClipboard = new SecretClipboard({ clipboard: ports.clipboard ?? null, clock, logger });
  const stopNotices = notifyRechargeArrivals({ bus, notifier: ports.notifier ?? null, enabled: () => settings.get().notifications });

  const ready = (async () => {
    await jar.restore();
    await sessionService.restore();
  })().catch((error: unknown) => logger.error('session restore failed; starting signed out', { error }));

  const merged = mergeRouteGroups({
    app: createAppRoutes(appInfo),
    settings: createSettingsRoutes(settings),
    auth: createAuthRoutes(sessionService),
    account,
    clipboard: createClipboardRoutes(secretClipboard),
  });

  return {
    handlers: gateHandlers(merged.handlers, ready),
    schemas: merged.schemas,
    bus,
    ready,
    async dispose() {
      stopNotices();
      account.dispose();
      await secretClipboard.dispose();
      await sessionService.dispose();
      await jar.flush();
    },
  };
}
