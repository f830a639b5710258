/**
 * The session cookie jar: a tough-cookie CookieJar that persists itself through the SecretBox
 * (encrypted in Electron, a dev file in the browser host, nothing in memory mode).
 *
 * got talks to it through the `getCookieString`/`setCookie` pair, so every Set-Cookie of every
 * response (any status, any body) lands here and schedules a debounced save — this is what keeps
 * the sliding session (platform-api.md §2.2) alive across restarts. Only the jar is written to
 * its secret entry, nothing else.
 */
import { CookieJar } from 'tough-cookie';
import type { Clock, Logger, SecretBox } from '../core/ports';
import { systemClock } from '../core/ports';
import { registerSecret } from '../lib/secret-values';

/** What got needs (its PromiseCookieJar shape). */
export interface CookieSource {
  getCookieString(url: string): Promise<string>;
  setCookie(rawCookie: string, url: string): Promise<unknown>;
  /**
   * The jar as one request should see it: a Set-Cookie that arrives after the jar was cleared
   * while the request was under way (sign-out, server change) is dropped.
   */
  forRequest?(): CookieSource;
}

export interface PersistentCookieJarOptions {
  secrets: SecretBox;
  logger: Logger;
  clock?: Clock;
  /** SecretBox entry name. */
  name?: string;
  /** Coalesces bursts of Set-Cookie into one write. */
  debounceMs?: number;
}

export const COOKIE_JAR_SECRET = 'cookie-jar';

export class PersistentCookieJar implements CookieSource {
  private jar = new CookieJar();
  private readonly secrets: SecretBox;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly name: string;
  private readonly debounceMs: number;
  private saveTimer: unknown = null;
  /** Serialises writes so an older snapshot never overwrites a newer one. */
  private writing: Promise<void> = Promise.resolve();
  /** Bumped by clear(): a request started before it must not bring the old session back. */
  private generation = 0;

  constructor(options: PersistentCookieJarOptions) {
    this.secrets = options.secrets;
    this.logger = options.logger;
    this.clock = options.clock ?? systemClock;
    this.name = options.name ?? COOKIE_JAR_SECRET;
    this.debounceMs = options.debounceMs ?? 250;
  }

  getCookieString(url: string): Promise<string> {
    return this.jar.getCookieString(url);
  }

  async setCookie(rawCookie: string, url: string): Promise<unknown> {
    // A cookie the jar refuses (wrong domain, bad syntax) must not fail the request.
    const stored = await this.jar.setCookie(rawCookie, url, { ignoreError: true });
    // The session ticket is a secret by value: logs and diagnostics must never show it.
    registerSecret(stored?.value);
    this.scheduleSave();
    return stored;
  }

  forRequest(): CookieSource {
    const generation = this.generation;
    return {
      getCookieString: (url) => this.getCookieString(url),
      // A sliding re-issue (§2.2) riding on a poll that was in flight during sign-out would
      // otherwise sign the user back in, on disk too.
      setCookie: async (rawCookie, url) => (generation === this.generation ? this.setCookie(rawCookie, url) : undefined),
    };
  }

  /** Loads the persisted jar; a missing or unreadable entry leaves the jar empty. */
  async restore(): Promise<void> {
    try {
      const saved = await this.secrets.load(this.name);
      if (saved) {
        this.jar = await CookieJar.deserialize(saved);
        for (const cookie of (JSON.parse(saved) as { cookies?: Array<{ value?: unknown }> }).cookies ?? []) {
          if (typeof cookie.value === 'string') registerSecret(cookie.value);
        }
      }
    } catch (error) {
      // Stryker disable next-line StringLiteral: log wording (tests assert what is logged, not the sentence)
      this.logger.warn('cookie jar could not be restored; starting signed out', { error: errorName(error) });
      this.jar = new CookieJar();
    }
  }

  /** True when any cookie applies to the given URL (the session may still be valid). */
  async hasCookiesFor(url: string): Promise<boolean> {
    return (await this.jar.getCookies(url)).length > 0;
  }

  /**
   * The values of every cookie held now, for scrubbing them out of a diagnostics export. Never
   * log what this returns.
   */
  async secretValues(): Promise<string[]> {
    const serialized = await this.jar.serialize();
    return serialized.cookies.map((cookie) => (typeof cookie.value === 'string' ? cookie.value : '')).filter((value) => value !== '');
  }

  /** Empties the jar and its stored copy (logout, server change, sign-out). */
  async clear(): Promise<void> {
    this.generation += 1;
    this.cancelPendingSave();
    await this.jar.removeAllCookies();
    await this.enqueue(() => this.secrets.remove(this.name));
  }

  /** Writes any pending change now (quit). */
  async flush(): Promise<void> {
    if (this.saveTimer === null) return this.writing;
    this.cancelPendingSave();
    await this.enqueue(() => this.save());
  }

  private scheduleSave(): void {
    if (this.saveTimer !== null) return;
    this.saveTimer = this.clock.setTimeout(() => {
      this.saveTimer = null;
      void this.enqueue(() => this.save());
    }, this.debounceMs);
  }

  private cancelPendingSave(): void {
    if (this.saveTimer === null) return;
    this.clock.clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }

  private async save(): Promise<void> {
    const serialized = await this.jar.serialize();
    await this.secrets.save(this.name, JSON.stringify(serialized));
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.writing.then(task).catch((error: unknown) => {
      // Stryker disable next-line StringLiteral: log wording (tests assert what is logged, not the sentence)
      this.logger.warn('cookie jar could not be saved', { error: errorName(error) });
    });
    this.writing = next;
    return next;
  }
}

/**
 * The error's name only: a JSON SyntaxError quotes the text it failed on, which here would be
 * the session cookie.
 */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
