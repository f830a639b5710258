/**
 * The browser host's key. The host listens on loopback, but loopback is shared by every process
 * of every user on the machine: without a key, `curl 127.0.0.1:<port>/__yj/invoke` could reveal
 * API keys. Each start draws a fresh unguessable token; it leaves the process only inside the
 * printed page URL (`/?token=…`). The page's bridge moves it to sessionStorage, strips it from
 * the address bar, and sends it back as a header (fetch) or a query parameter (EventSource,
 * which cannot set headers).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { GuardVerdict } from './guard';

export const TOKEN_HEADER = 'x-yj-token';
export const TOKEN_QUERY = 'token';

/** 256 bits from the OS CSPRNG, URL-safe so it can sit in a query string unescaped. */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

function presented(req: IncomingMessage): string {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string' && header) return header;
  const query = (req.url ?? '').split('?')[1];
  return query ? (new URLSearchParams(query).get(TOKEN_QUERY) ?? '') : '';
}

/** Constant-time comparison, so the answer's timing says nothing about how much of a guess was right. */
export function checkAccessToken(req: IncomingMessage, token: string): GuardVerdict {
  const given = Buffer.from(presented(req), 'utf8');
  const expected = Buffer.from(token, 'utf8');
  if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  return { ok: false, status: 401, reason: 'missing or wrong browser host token (open the URL the host printed)' };
}

/** The URL to open: the token in the query, before the hash route (the renderer routes by hash). */
export function pageUrlWithToken(origin: string, token: string, path = '/'): string {
  const hashAt = path.indexOf('#');
  const pathname = hashAt >= 0 ? path.slice(0, hashAt) : path;
  const hash = hashAt >= 0 ? path.slice(hashAt) : '';
  const separator = pathname.includes('?') ? '&' : '?';
  return `${origin}${pathname || '/'}${separator}${TOKEN_QUERY}=${token}${hash}`;
}
