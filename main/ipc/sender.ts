/**
 * Who may call the IPC router: only the top frame of our own window, showing our own page.
 * Pure (no electron) so the rule is table-tested; shell/trust.ts feeds it from the IPC event.
 *
 * Threats it closes: an iframe (ads, a payment page, an injected frame) or a window that was
 * navigated to a foreign site calling privileged routes (balance, keys, recharge).
 */

export interface SenderFrame {
  /** The sending frame's URL; '' or null when the frame is gone. */
  frameUrl: string | null | undefined;
  isMainFrame: boolean;
}

export interface SenderPolicy {
  /** Development: the electron-vite dev server origin(s), e.g. 'http://localhost:5173'. */
  allowedOrigins?: readonly string[];
  /**
   * Packaged: the app's own page on its private scheme (shell/app-protocol.ts), e.g.
   * 'app://bundle/index.html'. Only that page is ours; its query and hash (the router) do not matter.
   */
  appPageUrl?: string;
}

export function isTrustedSender(frame: SenderFrame, policy: SenderPolicy): boolean {
  if (!frame.isMainFrame || typeof frame.frameUrl !== 'string' || frame.frameUrl === '') return false;
  let url: URL;
  try {
    url = new URL(frame.frameUrl);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;

  if (policy.appPageUrl !== undefined && isAppPage(url, policy.appPageUrl)) return true;
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    return (policy.allowedOrigins ?? []).some((origin) => sameOrigin(origin, url));
  }
  return false;
}

/**
 * The one page we load in production. Compared by scheme, host and path: a custom scheme's
 * origin serialises as 'null' in Node's URL, so origins cannot be compared.
 */
function isAppPage(url: URL, appPageUrl: string): boolean {
  try {
    const expected = new URL(appPageUrl);
    return url.protocol === expected.protocol && url.host === expected.host && url.port === expected.port && url.pathname === expected.pathname;
  } catch {
    return false;
  }
}

function sameOrigin(allowed: string, url: URL): boolean {
  try {
    const parsed = new URL(allowed);
    // A file: or opaque origin serialises as 'null'; never treat that as a match.
    return parsed.origin !== 'null' && parsed.origin === url.origin;
  } catch {
    return false;
  }
}
