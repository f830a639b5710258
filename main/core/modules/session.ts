/**
 * The signed-in session: the encrypted cookie jar, the one platform HTTP client, SessionService
 * and the auth routes. `ready` restores the persisted session (every handler waits for it).
 */
import type { BeforeRequestHook } from 'got';
import { createAuthRoutes, type AuthRoute } from '../../ipc/handlers/auth';
import { PersistentCookieJar } from '../../platform/cookies';
import { createPlatformHttp, type PlatformHttpClient } from '../../platform/http';
import { SessionService } from '../../services/session';
import type { CoreModule, Kernel } from '../module';
import type { SettingsModule } from './settings';

export interface SessionModule extends CoreModule<AuthRoute> {
  http: PlatformHttpClient;
  session: SessionService;
  /** Secret values held now (the session cookie), for scrubbing a diagnostics export; never logged. */
  knownSecrets(): Promise<string[]>;
  /** The session cookie for a platform URL as a `Cookie` header (the downloads' /idfile URLs, §10.8); null when none. */
  cookieHeader(url: string): Promise<string | null>;
}

export function createSessionModule(kernel: Kernel, server: SettingsModule, beforeRequest?: BeforeRequestHook): SessionModule {
  const { ports, config, bus, clock, logger } = kernel;
  const jar = new PersistentCookieJar({ secrets: ports.secrets, logger, clock });
  // The session is created after the client it drives; the client reports 401s back to it
  // (the callback runs only once requests flow, long after both exist).
  const http = createPlatformHttp({
    baseUrl: server.serverUrl,
    jar,
    logger,
    now: () => clock.now(),
    userAgent: `YuanjingDesktop/${config.version} (${config.runtime})`,
    onUnauthorized: (info) => session.markExpired(info),
    // Plain http to another machine in a packaged build: refused before a byte is sent unless confirmed.
    guardUrl: (url) => server.plainHttp.guard(url),
    ...(beforeRequest ? { beforeRequest } : {}),
  });
  const session = new SessionService({ http, jar, secrets: ports.secrets, bus, logger, clock, serverUrl: server.serverUrl });

  // The cookie belongs to the old server: a new address signs the user out locally.
  // Not removed on dispose: both belong to this core and go together.
  server.settings.onChange((next, previous) => {
    if (server.server(next).url === server.server(previous).url) return;
    void session.signOutLocally('signedOut').catch((error: unknown) => logger.error('sign-out after server change failed', { error }));
  });

  const ready = (async () => {
    await jar.restore();
    await session.restore();
  })().catch((error: unknown) => logger.error('session restore failed; starting signed out', { error }));

  return {
    routes: createAuthRoutes(session),
    ready,
    http,
    session,
    knownSecrets: () => jar.secretValues(),
    cookieHeader: async (url) => (await jar.getCookieString(url)) || null,
    async dispose() {
      await session.dispose();
      await jar.flush();
    },
  };
}
