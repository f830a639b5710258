/**
 * The window's guards. The renderer is our own code, but it shows server text and links, so
 * a mistake (or an injected link) must not turn the privileged window into a browser:
 * - navigation is pinned to the app page; a foreign link never replaces the app;
 * - new windows are always denied; a link that passes the payment allowlist goes to the
 *   system browser instead, anything else is refused and logged;
 * - <webview> cannot be attached; permission requests and checks are denied, except the
 *   clipboard write of our own top frame (copying an API key; Chromium still requires a
 *   user gesture for it).
 */
import type { Session, WebContents } from 'electron';
import { checkExternalUrl } from '../services/external-links';
import type { ExternalOpener, Logger } from '../core/ports';

export interface GuardOptions {
  /** True for the app's own page (see ipc/sender.ts). */
  isAppUrl(url: string): boolean;
  opener: ExternalOpener;
  /** The platform address in use (its own https pages may open), null when none. */
  platformBaseUrl(): Promise<string | null> | string | null;
  logger: Logger;
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Contents already guarded: the app-wide hook and the window factory may both see one. */
const guarded = new WeakSet<object>();

/**
 * Guards every web contents the app ever creates (a window, a devtools host, a stray webview or
 * a window opened by a future feature), not only the main window: hooks 'web-contents-created'.
 */
export function guardEveryWebContents(
  app: { on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents & { session: GuardedSession }) => void): unknown },
  options: GuardOptions,
): void {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, options);
    guardSession(contents.session, options.isAppUrl);
  });
}

export function guardWebContents(contents: GuardedContents, options: GuardOptions): void {
  if (guarded.has(contents)) return; // twice would open an allowed link twice
  guarded.add(contents);
  const pin = (event: { preventDefault(): void; url: string }): void => {
    if (options.isAppUrl(event.url)) return;
    event.preventDefault();
    void openExternally(event.url, options);
  };
  contents.on('will-navigate', (event) => pin(event));
  // Sub-frames (will-navigate covers the main frame): a foreign iframe navigation is just stopped.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !options.isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!options.isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternally(url, options);
    return { action: 'deny' };
  });
}

/** Hands an allowlisted URL to the system browser; refuses (and logs) everything else. */
export async function openExternally(url: string, options: Pick<GuardOptions, 'opener' | 'platformBaseUrl' | 'logger'>): Promise<boolean> {
  try {
    const verdict = checkExternalUrl(url, await options.platformBaseUrl());
    if (!verdict.ok) {
      options.logger.warn('window: refused an external link', { reason: verdict.reason, url: url.slice(0, 200) });
      return false;
    }
    await options.opener.open(verdict.url);
    return true;
  } catch (error) {
    options.logger.warn('window: could not open an external link', { error });
    return false;
  }
}

const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

export function guardSession(session: GuardedSession, isAppUrl: (url: string) => boolean): void {
  if (guarded.has(session)) return;
  guarded.add(session);
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permission === CLIPBOARD_WRITE && details.isMainFrame && isAppUrl(details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) => {
    return permission === CLIPBOARD_WRITE && details.isMainFrame && typeof details.requestingUrl === 'string' && isAppUrl(details.requestingUrl);
  });
  // USB / HID / serial device access: never.
  session.setDevicePermissionHandler(() => false);
}
