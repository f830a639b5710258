/**
 * Who may call the IPC router: only the top frame of our own window, showing our own page.
 * Pure (no electron) so the rule is table-tested; shell/trust.ts feeds it from the IPC event.
 *
 * Threats it closes: an iframe (ads, a payment page, an injected frame) or a window that was
 * navigated to a foreign site calling privileged routes (balance, keys, recharge).
 */
import { resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface SenderFrame {
  /** The sending frame's URL; '' or null when the frame is gone. */
  frameUrl: string | null | undefined;
  isMainFrame: boolean;
}

export interface SenderPolicy {
  /** Development: the electron-vite dev server origin(s), e.g. 'http://localhost:5173'. */
  allowedOrigins?: readonly string[];
  /** Packaged: the directory holding the built renderer (…/out/renderer); only its index.html is ours. */
  appFileRoot?: string;
  /** Defaults to process.platform; Windows paths compare case-insensitively. */
  platform?: NodeJS.Platform;
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

  if (url.protocol === 'file:') {
    return policy.appFileRoot !== undefined && isAppFile(url, policy.appFileRoot, policy.platform ?? process.platform);
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    return (policy.allowedOrigins ?? []).some((origin) => sameOrigin(origin, url));
  }
  return false;
}

/** The one file we load in production; query and hash (the router's #/path) do not matter. */
function isAppFile(url: URL, root: string, platform: NodeJS.Platform): boolean {
  if (url.host !== '') return false; // file://server/share/… is a network path, never ours
  const expected = pathToFileURL(resolve(root) + sep + 'index.html');
  const a = decodePath(url.pathname);
  const b = decodePath(expected.pathname);
  if (a === null || b === null) return false;
  return platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
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
