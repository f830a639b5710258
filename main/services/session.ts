/**
 * The SMS-login session (platform-api.md §2, §3.1, §3.2, §3.16).
 *
 * Holds the signed-in `User`, the pending SMS `{phone, key}` and the pending account choice
 * `{phone, code, key}` — the last two in memory only, cleared after success, cancel or a TTL.
 * Persists only the non-secret profile (user, lastPhone) in its own SecretBox entry, next to
 * the cookie jar's entry, so both share the same protection and fate.
 * (A little over 300 lines: the login state machine and its persistence read best together.)
 */
import type { LoginOutcome, SessionState, User } from '../../preload/contract/models';
import { PHONE_PATTERN, SMS_CODE_PATTERN } from '../../preload/contract/limits';
import { AppError, isAppError } from '../lib/errors';
import { logout as logoutRequest, phoneLogin, sendSmsCode, type PhoneLoginResult } from '../platform/auth';
import type { PlatformHttpClient } from '../platform/http';
import type { EventBus } from '../core/bus';
import { systemClock, type Clock, type Logger, type SecretBox } from '../core/ports';

export const PROFILE_SECRET = 'session-profile';
const BALANCE_PATH = '/accounting/mybalance.dspy';

export type SessionChangeReason = 'restore' | 'login' | 'switch' | 'logout' | 'expired' | 'signedOut';
export type SessionListener = (state: SessionState, change: { reason: SessionChangeReason }) => void;

/** The parts of the cookie jar the session drives. */
export interface SessionJar {
  clear(): Promise<void>;
  hasCookiesFor(url: string): Promise<boolean>;
}

export interface SessionServiceOptions {
  http: PlatformHttpClient;
  jar: SessionJar;
  secrets: SecretBox;
  bus: EventBus;
  logger: Logger;
  serverUrl: () => string | null;
  clock?: Clock;
  resendIntervalMs?: number;
  pendingCodeTtlMs?: number;
  pendingChooseTtlMs?: number;
}

interface PersistedProfile {
  serverUrl: string | null;
  user: User | null;
  lastPhone?: string;
  /** The last signed-in account, kept through expiry/logout to detect a user switch. */
  lastUser?: { id: string; username: string };
}

interface PendingCode { phone: string; key: string; sentAt: number }
interface PendingChoose { phone: string; code: string; key: string; accountIds: Set<string> }

/** A value that forgets itself after a TTL (SMS key, pending choice: memory only, short-lived). */
class Expiring<T> {
  private value: T | null = null;
  private timer: unknown = null;

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  get(): T | null {
    return this.value;
  }

  set(value: T): void {
    this.clear();
    this.value = value;
    this.timer = this.clock.setTimeout(() => {
      this.value = null;
      this.timer = null;
    }, this.ttlMs);
  }

  clear(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.value = null;
    this.timer = null;
  }
}

export class SessionService {
  private user: User | null = null;
  private lastPhone: string | undefined;
  private lastUser: { id: string; username: string } | undefined;
  /** Set by the first 401 after a login; later 401s are coalesced into it. */
  private expired = false;
  /** When the current session began (for ignoring 401s of requests sent before it). */
  private signedInAt = Number.NEGATIVE_INFINITY;
  private readonly pendingCode: Expiring<PendingCode>;
  private readonly pendingChoose: Expiring<PendingChoose>;
  private readonly listeners = new Set<SessionListener>();
  private readonly clock: Clock;
  private persisting: Promise<void> = Promise.resolve();

  constructor(private readonly options: SessionServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.pendingCode = new Expiring(this.clock, options.pendingCodeTtlMs ?? 10 * 60_000);
    this.pendingChoose = new Expiring(this.clock, options.pendingChooseTtlMs ?? 5 * 60_000);
  }

  state(): SessionState {
    const state: SessionState = { user: this.user ? { ...this.user } : null };
    if (this.lastPhone !== undefined) state.lastPhone = this.lastPhone;
    return state;
  }

  isSignedIn(): boolean {
    return this.user !== null;
  }

  onChange(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A persisted jar + profile for the same server count as signed in; a later 401 says otherwise. */
  async restore(): Promise<void> {
    const profile = await this.loadProfile();
    if (!profile) return;
    this.lastPhone = profile.lastPhone;
    this.lastUser = profile.lastUser;
    const serverUrl = this.options.serverUrl();
    if (!profile.user || !serverUrl || profile.serverUrl !== serverUrl) return;
    if (!(await this.options.jar.hasCookiesFor(serverUrl))) return;
    this.user = profile.user;
    this.signedInAt = this.clock.now();
    this.emit('restore');
  }

  async sendCode(phone: string): Promise<{ notice?: string; resendAfterSeconds: number }> {
    const cellphone = checkPhone(phone);
    const intervalMs = this.options.resendIntervalMs ?? 60_000;
    const now = this.clock.now();
    // The server does not rate-limit SMS; we do (§1.6) while the earlier code is still pending
    // (its key stays valid). Once it was used or dropped (signed in, signed out), a new one may go.
    const outstanding = this.pendingCode.get();
    if (outstanding?.phone === cellphone && now - outstanding.sentAt < intervalMs) {
      return { resendAfterSeconds: Math.ceil((intervalMs - (now - outstanding.sentAt)) / 1000) };
    }
    const result = await sendSmsCode(this.options.http, cellphone);
    this.pendingChoose.clear();
    this.pendingCode.set({ phone: cellphone, key: result.key, sentAt: this.clock.now() });
    const answer: { notice?: string; resendAfterSeconds: number } = { resendAfterSeconds: Math.ceil(intervalMs / 1000) };
    if (result.message !== undefined) answer.notice = result.message;
    return answer;
  }

  async login(phone: string, code: string): Promise<LoginOutcome> {
    const cellphone = checkPhone(phone);
    const smsCode = checkCode(code);
    const pending = this.pendingCode.get();
    if (!pending || pending.phone !== cellphone) {
      throw new AppError('no_pending_login', '请先获取验证码 / Request an SMS code first');
    }
    this.pendingChoose.clear();
    const result = await phoneLogin(this.options.http, { cellphone, key: pending.key, sms_code: smsCode });
    if (result.kind === 'choose') {
      // Re-post with the key of the choose answer when it has one, else the original (§8 #3).
      const accountIds = new Set(result.users.map((user) => user.id));
      this.pendingChoose.set({ phone: cellphone, code: smsCode, key: result.key ?? pending.key, accountIds });
      return { kind: 'choose', accounts: result.users };
    }
    return this.finishLogin(result, cellphone);
  }

  async choose(accountId: string): Promise<{ kind: 'signedIn'; user: User }> {
    const pending = this.pendingChoose.get();
    if (!pending) throw new AppError('no_pending_login', '没有待选择的账号，请重新登录 / No pending login; sign in again');
    // An id outside the offered list would make the server register a new account (§3.2 b).
    if (!pending.accountIds.has(accountId)) throw new AppError('invalid_input', '所选账号不在列表中 / Unknown account');
    let result: PhoneLoginResult;
    try {
      result = await phoneLogin(this.options.http, {
        cellphone: pending.phone,
        key: pending.key,
        sms_code: pending.code,
        selected_id: accountId,
      });
    } catch (error) {
      // A refused code will not get better: start over. Transport errors may be retried.
      if (isAppError(error) && (error.code === 'wrong_code' || error.code === 'app')) this.pendingChoose.clear();
      throw error;
    }
    if (result.kind === 'choose') {
      throw new AppError('malformed', '服务器再次要求选择账号 / The server asked to choose an account again');
    }
    return this.finishLogin(result, pending.phone);
  }

  cancelChoose(): null {
    this.pendingChoose.clear();
    return null;
  }

  /** Best-effort server logout, then the jar and the user are cleared in any case (§2.8). */
  async logout(): Promise<null> {
    try {
      await logoutRequest(this.options.http);
    } catch (error) {
      this.options.logger.warn('logout request failed; signing out locally', { error: isAppError(error) ? error.code : 'unknown' });
    }
    await this.signOutLocally('logout');
    return null;
  }

  /** Drops the session without asking the server (server address changed, logout). */
  async signOutLocally(reason: SessionChangeReason = 'signedOut'): Promise<void> {
    this.pendingChoose.clear();
    this.pendingCode.clear();
    this.user = null;
    this.expired = false;
    await this.options.jar.clear();
    this.persist();
    this.emit(reason);
  }

  /**
   * A 401 (or "need login") anywhere (§2.6). Publishes ONE session.expired per session:
   * later 401s, and 401s of requests sent before the current login, are ignored.
   */
  markExpired(info?: { startedAt?: number }): void {
    if (this.expired || !this.user) return;
    if (info?.startedAt !== undefined && info.startedAt < this.signedInAt) return;
    this.expired = true;
    this.user = null;
    this.persist();
    const payload: { lastPhone?: string } = {};
    if (this.lastPhone !== undefined) payload.lastPhone = this.lastPhone;
    this.options.bus.publish('session.expired', payload);
    this.emit('expired');
  }

  /** Waits for pending profile writes; clears timers. */
  async dispose(): Promise<void> {
    this.pendingChoose.clear();
    this.pendingCode.clear();
    await this.persisting;
  }

  private async finishLogin(result: Exclude<PhoneLoginResult, { kind: 'choose' }>, phone: string): Promise<{ kind: 'signedIn'; user: User }> {
    const user = result.kind === 'user' ? result.user : await this.verifyEmptyBodyLogin(phone);
    const previous = this.lastUser;
    const switched =
      previous !== undefined && (user.id !== '' && previous.id !== '' ? user.id !== previous.id : user.username !== previous.username);
    this.user = user;
    this.lastPhone = phone;
    this.lastUser = { id: user.id, username: user.username };
    this.expired = false;
    this.signedInAt = this.clock.now();
    this.pendingChoose.clear();
    this.pendingCode.clear();
    this.persist();
    this.emit(switched ? 'switch' : 'login');
    return { kind: 'signedIn', user: { ...user } };
  }

  /** §3.2 c, older deployments: empty body but the cookie is set — confirm with the balance. */
  private async verifyEmptyBodyLogin(phone: string): Promise<User> {
    try {
      await this.options.http.get(BALANCE_PATH, undefined, { noSessionExpiry: true });
    } catch (error) {
      this.options.logger.warn('empty-body login could not be confirmed', { error: isAppError(error) ? error.code : 'unknown' });
      throw new AppError('empty_response', '服务器返回空响应，登录未完成 / empty response: the login could not be confirmed');
    }
    return { id: '', username: phone, orgid: '', displayName: phone, mobile: phone };
  }

  private emit(reason: SessionChangeReason): void {
    const state = this.state();
    for (const listener of [...this.listeners]) {
      try {
        listener(state, { reason });
      } catch (error) {
        this.options.logger.error('session listener failed', { error });
      }
    }
    this.options.bus.publish('session.changed', state);
  }

  private persist(): void {
    const profile: PersistedProfile = { serverUrl: this.options.serverUrl(), user: this.user };
    if (this.lastPhone !== undefined) profile.lastPhone = this.lastPhone;
    if (this.lastUser !== undefined) profile.lastUser = this.lastUser;
    const json = JSON.stringify(profile);
    this.persisting = this.persisting
      .then(() => this.options.secrets.save(PROFILE_SECRET, json))
      .catch((error: unknown) => this.options.logger.warn('session profile could not be saved', { error }));
  }

  private async loadProfile(): Promise<PersistedProfile | null> {
    try {
      const text = await this.options.secrets.load(PROFILE_SECRET);
      if (!text) return null;
      const parsed = JSON.parse(text) as unknown;
      return isProfile(parsed) ? parsed : null;
    } catch (error) {
      this.options.logger.warn('session profile could not be read', { error });
      return null;
    }
  }
}

function checkPhone(phone: string): string {
  const cellphone = phone.trim();
  if (!PHONE_PATTERN.test(cellphone)) throw new AppError('invalid_input', '请输入 11 位手机号 / Enter an 11-digit mobile number');
  return cellphone;
}

function checkCode(code: string): string {
  const smsCode = code.trim();
  if (!SMS_CODE_PATTERN.test(smsCode)) throw new AppError('invalid_input', '请输入短信验证码 / Enter the SMS code (4–8 digits)');
  return smsCode;
}

function isUser(value: unknown): value is User {
  if (typeof value !== 'object' || value === null) return false;
  const user = value as Record<string, unknown>;
  return typeof user.id === 'string' && typeof user.username === 'string' && typeof user.orgid === 'string' && typeof user.displayName === 'string';
}

function isProfile(value: unknown): value is PersistedProfile {
  if (typeof value !== 'object' || value === null) return false;
  const profile = value as Record<string, unknown>;
  return (profile.user === null || isUser(profile.user)) && (profile.serverUrl === null || typeof profile.serverUrl === 'string');
}
