/**
 * Session tickets (§2): an encrypted, opaque cookie value holding the user, the client IP, the
 * issue time and an epoch. Valid for ttlMs after issue; re-issued on an authenticated request
 * once older than refreshAfterMs. Stateless like the platform's encrypted cookie storage, so a
 * ticket stays valid after logout — except that `expireSessions()` bumps the epoch.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const COOKIE_NAME = 'AIOHTTP_SESSION';

interface TicketBody {
  u: string | null;
  ip: string;
  t: number;
  e: number;
  n: string;
}

export interface Ticket {
  userId: string | null;
  issuedAt: number;
}

export class SessionManager {
  private readonly key = randomBytes(32);
  private epochValue = 0;
  private ipShift = 0;
  readonly ttlMs: number;
  readonly refreshAfterMs: number;

  /** The simulator's clock (simulated time in a bench). */
  private readonly now: () => number;

  constructor(ttlMs: number, refreshAfterMs: number, now: () => number = Date.now) {
    this.ttlMs = ttlMs;
    this.refreshAfterMs = refreshAfterMs;
    this.now = now;
  }

  get epoch(): number {
    return this.epochValue;
  }

  /** The client IP as the platform sees it (simulateIpChange makes it look different). */
  clientIp(req: IncomingMessage): string {
    const raw = req.socket.remoteAddress ?? 'unknown';
    const ip = raw.startsWith('::ffff:') ? raw.slice(7) : raw;
    return this.ipShift === 0 ? ip : `${ip}#${this.ipShift}`;
  }

  expireAll(): void {
    this.epochValue += 1;
  }

  changeIp(): void {
    this.ipShift += 1;
  }

  issue(userId: string | null, ip: string, now: number = this.now()): string {
    const body: TicketBody = { u: userId, ip, t: now, e: this.epochValue, n: randomBytes(6).toString('base64url') };
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()]);
    return `gAAAAA${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url')}`;
  }

  /** Returns the ticket when it decrypts, is from this epoch, matches the IP and is within ttl. */
  verify(value: string | undefined, ip: string, now: number = this.now()): Ticket | null {
    if (!value || !value.startsWith('gAAAAA')) return null;
    try {
      const raw = Buffer.from(value.slice(6), 'base64url');
      if (raw.length < 29) return null;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const body = JSON.parse(text) as TicketBody;
      if (body.e !== this.epochValue || body.ip !== ip) return null;
      if (now - body.t >= this.ttlMs || now < body.t - 1000) return null;
      return { userId: body.u, issuedAt: body.t };
    } catch {
      return null;
    }
  }

  needsRefresh(ticket: Ticket, now: number = this.now()): boolean {
    return now - ticket.issuedAt > this.refreshAfterMs;
  }
}

export function setCookieHeader(value: string): string {
  return `${COOKIE_NAME}=${value}; HttpOnly; Path=/`;
}

export function readCookie(req: IncomingMessage, name: string = COOKIE_NAME): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  let found: string | undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) found = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return found;
}
