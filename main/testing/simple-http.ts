/**
 * Test helpers for the account domain: the real platform HTTP client (`createPlatformHttp`)
 * with an in-memory tough-cookie jar, a sign-in against the simulator and a fake session.
 * Tests only.
 */
import { CookieJar } from 'tough-cookie';
import type { SessionState, User } from '../../preload/contract';
import type { Logger } from '../core/ports';
import { createPlatformHttp, type PlatformHttpClient } from '../platform/http';
import { capturingLogger } from './capturing-logger';

/** Kept here too: the account tests import their whole kit from one place. */
export { capturingLogger, type CapturingLogger } from './capturing-logger';

export interface TestHttp extends PlatformHttpClient {
  /** How many times the client reported a 401. */
  unauthorizedCount(): number;
}

/** The production client against `baseUrl`, no retries (tests assert single requests). */
export function createTestHttp(baseUrl: string, logger: Logger = capturingLogger()): TestHttp {
  let unauthorized = 0;
  const client = createPlatformHttp({
    baseUrl: () => baseUrl,
    jar: new CookieJar(),
    logger,
    onUnauthorized: () => {
      unauthorized += 1;
    },
    retry: { limit: 0 },
    timeouts: { connectMs: 2_000, responseMs: 5_000, totalMs: 10_000 },
  });
  return { ...client, unauthorizedCount: () => unauthorized };
}

/** SMS code (test mode: always 123456) + phone login; returns the signed-in user record. */
export async function signIn(http: PlatformHttpClient, phone = '13900000001'): Promise<User> {
  const code = await http.get('/rbac/gen_sms_code.dspy', { cellphone: phone }, { noRetry: true, noSessionExpiry: true });
  const key = (code.data as { key?: unknown } | undefined)?.key;
  if (typeof key !== 'string') throw new Error('simulator sent no SMS key');
  const login = await http.post('/rbac/phone_login.dspy', { cellphone: phone, key, sms_code: '123456' }, { noSessionExpiry: true });
  if (login.kind !== 'ok') throw new Error(`login answered ${login.kind}`);
  const user = (login.data as { user?: Record<string, unknown> } | undefined)?.user ?? {};
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return { id: text(user.id), username: text(user.username), orgid: text(user.orgid), displayName: text(user.nick_name) || text(user.username) };
}

/** The `session` port of AccountDeps, driven by the test. */
export class FakeSession {
  private current: SessionState = { user: null };
  private readonly listeners = new Set<(state: SessionState) => void>();

  isSignedIn(): boolean {
    return this.current.user !== null;
  }

  state(): SessionState {
    return this.current;
  }

  onChange(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(user: User | null): void {
    this.current = { user };
    for (const listener of [...this.listeners]) listener(this.current);
  }

  listenerCount(): number {
    return this.listeners.size;
  }
}
