/**
 * Plain http in a packaged build: loopback only, unless the user confirmed the address.
 *
 * Over `http://` the session cookie and the SMS code travel unencrypted, so anyone on the
 * network can read or change them. A packaged build therefore sends nothing to a non-loopback
 * http origin (scheme + host + port) until the user has confirmed that origin; confirmations are
 * remembered in the settings store and can be revoked. Development builds, the browser host and
 * tests run unpackaged and are not asked (tests pass `packaged: true` to exercise the rule).
 */
import type { PlainHttpState } from '../../preload/contract/models';
import type { KeyValueStore, Logger } from '../core/ports';
import { AppError } from '../lib/errors';
import { isLoopbackHost } from './server-config';

export const PLAIN_HTTP_STORE_KEY = 'plainHttpConfirmed';
/** More than anyone confirms by hand; keeps a tampered store from growing without bound. */
const MAX_CONFIRMED = 50;

/** `http://host:port` of a plain-http URL to a non-loopback host; null for https, loopback or nonsense. */
export function plainHttpOrigin(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' || isLoopbackHost(parsed.hostname)) return null;
  // URL drops the default port; name it so http://h and http://h:80 are one address.
  return `http://${parsed.hostname}:${parsed.port || '80'}`;
}

export interface PlainHttpPolicyOptions {
  store: KeyValueStore;
  /** A packaged app (Electron's app.isPackaged): only then is the rule enforced. */
  packaged: boolean;
  logger: Logger;
}

export class PlainHttpPolicy {
  private confirmedOrigins: string[];

  constructor(private readonly options: PlainHttpPolicyOptions) {
    this.confirmedOrigins = this.load();
  }

  /** `inUse`: the server address in use now, to say whether it still waits for a confirmation. */
  state(inUse: string | null = null): PlainHttpState {
    const unconfirmedInUse = inUse !== null && this.needsConfirmation(inUse) ? plainHttpOrigin(inUse) : null;
    return { enforced: this.options.packaged, confirmed: [...this.confirmedOrigins], unconfirmedInUse };
  }

  /** True when a request to `url` must wait for the user's confirmation. */
  needsConfirmation(url: string): boolean {
    if (!this.options.packaged) return false;
    const origin = plainHttpOrigin(url);
    return origin !== null && !this.confirmedOrigins.includes(origin);
  }

  /** Throws `insecure_server` for an unconfirmed plain-http origin: called before any byte is sent. */
  guard(url: string): void {
    if (!this.needsConfirmation(url)) return;
    const origin = plainHttpOrigin(url)!;
    throw new AppError(
      'insecure_server',
      `未确认以未加密的 http 连接 ${origin} / Plain http to ${origin} has not been confirmed`,
      { detail: origin },
    );
  }

  /** Remembers the origin of `url` (a no-op for https and loopback addresses). */
  confirm(url: string): PlainHttpState {
    const origin = plainHttpOrigin(url);
    if (origin === null) throw new AppError('invalid_input', '不是需要确认的 http 地址 / Not a plain-http address that needs confirming');
    if (!this.confirmedOrigins.includes(origin)) {
      this.confirmedOrigins = [...this.confirmedOrigins, origin].slice(-MAX_CONFIRMED);
      this.save();
      this.options.logger.info('plain http confirmed for an address', { origin });
    }
    return this.state(url);
  }

  revoke(origin: string): PlainHttpState {
    const next = this.confirmedOrigins.filter((item) => item !== origin);
    if (next.length !== this.confirmedOrigins.length) {
      this.confirmedOrigins = next;
      this.save();
      this.options.logger.info('plain http confirmation revoked', { origin });
    }
    return this.state();
  }

  private save(): void {
    this.options.store.set(PLAIN_HTTP_STORE_KEY, this.confirmedOrigins);
  }

  /** Keeps only well-formed origins; anything else in the store is dropped, not trusted. */
  private load(): string[] {
    const stored = this.options.store.get(PLAIN_HTTP_STORE_KEY);
    if (!Array.isArray(stored)) return [];
    const origins = stored.filter((item): item is string => typeof item === 'string' && plainHttpOrigin(item) === item);
    return [...new Set(origins)].slice(-MAX_CONFIRMED);
  }
}
