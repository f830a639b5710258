/**
 * The browser host's sender check — what Electron's "top frame, our own origin" check is for
 * the desktop app. The host listens on 127.0.0.1 only, but a web page the developer visits can
 * still make the browser send requests to it, so:
 * - DNS rebinding: a foreign name resolving to 127.0.0.1 still carries its own Host header →
 *   every request must name us exactly (`127.0.0.1:<port>` or `localhost:<port>`);
 * - cross-site requests: browsers label them with Origin / Sec-Fetch-Site → the API refuses
 *   anything that is not same-origin;
 * - "simple" cross-site POSTs (form posts, text/plain fetches) skip CORS preflight → invoke
 *   demands `Content-Type: application/json`, which forces a preflight we never answer.
 */
import type { IncomingMessage } from 'node:http';

export type GuardVerdict = { ok: true } | { ok: false; status: number; reason: string };

const OK: GuardVerdict = { ok: true };

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Every request: the Host header must be ours (DNS-rebinding defence). */
export function checkHost(req: IncomingMessage, port: number): GuardVerdict {
  const host = header(req, 'host')?.toLowerCase();
  if (host && allowedHosts(port).includes(host)) return OK;
  return { ok: false, status: 421, reason: 'unexpected Host header' };
}

/** API requests (invoke, events, test hooks): no sign of another site. */
export function checkSameOrigin(req: IncomingMessage, port: number): GuardVerdict {
  const origin = header(req, 'origin');
  if (origin !== undefined && !allowedHosts(port).some((host) => origin === `http://${host}`)) {
    return { ok: false, status: 403, reason: 'foreign Origin' };
  }
  const site = header(req, 'sec-fetch-site');
  // 'none' = typed into the address bar by the user; 'same-origin' = our own page.
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { ok: false, status: 403, reason: `cross-site request (Sec-Fetch-Site: ${site})` };
  }
  return OK;
}

/** Invoke only: JSON bodies only (forces a CORS preflight for any cross-origin caller). */
export function checkJsonBody(req: IncomingMessage): GuardVerdict {
  const type = header(req, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return OK;
  return { ok: false, status: 415, reason: 'Content-Type must be application/json' };
}

/** The address the host may bind to: loopback IPv4 only. */
export function assertLoopbackBind(host: string): void {
  if (host !== '127.0.0.1') throw new Error(`the browser host binds to 127.0.0.1 only (asked for ${JSON.stringify(host)})`);
}
