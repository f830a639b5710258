/**
 * Who is signed in, and the sign-in flow. Main owns the session; this store mirrors it from
 * `auth.state` and the `session.changed` / `session.expired` events (fed by events.ts), and tells the rest of the
 * renderer about two things: signing out (so the router can go to the login screen) and a
 * different user signing in (so user-bound stores clear what belonged to the previous one).
 * The SMS code itself never lives here: only the phone, the platform's notice and the resend time.
 */
import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { AccountChoice, ErrorCode, LoginOutcome, SessionState, User } from '@contract';
import { api, isApiError } from '@/api';

/** The client enforces the resend wait itself; the platform does not (platform-api.md §3.1). */
export const MIN_RESEND_SECONDS = 60;

/** Answers to `auth.choose` after which main has dropped the pending login (session.ts). */
const CHOICE_ENDING_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['wrong_code', 'app', 'no_pending_login']);

export type SignOutReason = 'logout' | 'expired' | 'remote';

export interface CodeRequest {
  phone: string;
  /** The platform's own note, e.g. `测试模式: 验证码 123456`. */
  notice?: string;
  /** Epoch ms when another code may be requested. */
  resendAt: number;
}

type UserSwitchListener = (next: User | null, previous: User | null) => void;
type SignOutListener = (reason: SignOutReason) => void;

/** Ids are '' when the platform did not send one (empty-body login); fall back to the username. */
export function sameUser(a: User, b: User): boolean {
  if (a.id && b.id) return a.id === b.id;
  return a.username === b.username;
}

function emit<A extends unknown[]>(listeners: Set<(...args: A) => void>, ...args: A): void {
  for (const listener of [...listeners]) listener(...args);
}

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null);
  const lastPhone = ref('');
  /** Set by `session.expired`: the login screen says why the user is there. */
  const expired = ref(false);
  /** The route the user was on when the session expired. */
  const returnTo = ref<string | null>(null);
  const codeRequest = ref<CodeRequest | null>(null);
  /** Accounts to pick from after a `choose` outcome. */
  const choices = ref<AccountChoice[] | null>(null);
  const signedIn = computed(() => user.value !== null);

  /** The last user who was signed in; survives expiry so a different account can be detected. */
  let previousUser: User | null = null;
  const switchListeners = new Set<UserSwitchListener>();
  const signOutListeners = new Set<SignOutListener>();
  let loading: Promise<void> | null = null;

  function setUser(next: User): void {
    const before = previousUser;
    user.value = next;
    previousUser = next;
    expired.value = false;
    if (next.mobile) lastPhone.value = next.mobile;
    if (before && !sameUser(before, next)) emit(switchListeners, next, before);
  }

  function clearUser(reason: SignOutReason): void {
    const wasSignedIn = user.value !== null;
    user.value = null;
    if (wasSignedIn || reason === 'expired') emit(signOutListeners, reason);
  }

  function applyState(state: SessionState): void {
    if (state.lastPhone) lastPhone.value = state.lastPhone;
    if (state.user) setUser(state.user);
    else if (user.value) clearUser('remote');
  }

  /** `session.expired`: a 401 somewhere; the login screen says why the user is there. */
  function applyExpired(payload: { lastPhone?: string }): void {
    if (payload.lastPhone) lastPhone.value = payload.lastPhone;
    expired.value = true;
    clearUser('expired');
  }

  async function load(): Promise<void> {
    try {
      applyState(await api.call('auth.state'));
    } catch {
      // Stays signed out: the login screen reports any real problem when the user acts.
    }
  }

  /** Re-reads the state from main, e.g. after a server change signed the session out there. */
  async function reload(): Promise<void> {
    applyState(await api.call('auth.state'));
  }

  /** First call loads the state; later calls share that promise. */
  function ensureLoaded(): Promise<void> {
    return (loading ??= load());
  }

  async function sendCode(phone: string): Promise<CodeRequest> {
    const sent = await api.call('auth.sendCode', { phone });
    // Main answers the remaining wait without sending again when asked too early; keep the
    // earlier notice then, it still describes the code that is valid.
    const wait = sent.resendAfterSeconds > 0 ? sent.resendAfterSeconds : MIN_RESEND_SECONDS;
    const earlier = codeRequest.value?.phone === phone ? codeRequest.value : null;
    lastPhone.value = phone;
    codeRequest.value = { phone, notice: sent.notice ?? earlier?.notice, resendAt: Date.now() + wait * 1000 };
    return codeRequest.value;
  }

  function finishSignIn(next: User): void {
    choices.value = null;
    codeRequest.value = null;
    setUser(next);
  }

  async function login(phone: string, code: string): Promise<LoginOutcome> {
    lastPhone.value = phone;
    const outcome = await api.call('auth.login', { phone, code });
    if (outcome.kind === 'signedIn') finishSignIn(outcome.user);
    else choices.value = outcome.accounts;
    return outcome;
  }

  async function choose(accountId: string): Promise<User> {
    try {
      const outcome = await api.call('auth.choose', { accountId });
      finishSignIn(outcome.user);
      return outcome.user;
    } catch (error) {
      // Main forgets the pending login when the platform refuses the code (or it is gone):
      // the choice cannot be retried, only a new code helps. Transport errors keep it.
      if (isApiError(error) && CHOICE_ENDING_CODES.has(error.code)) choices.value = null;
      throw error;
    }
  }

  async function cancelChoose(): Promise<void> {
    choices.value = null;
    await api.call('auth.cancelChoose');
  }

  /** Signs out here at once (the UI must not wait for the network), then tells main. */
  async function logout(): Promise<void> {
    const before = previousUser;
    previousUser = null;
    expired.value = false;
    returnTo.value = null;
    clearUser('logout');
    if (before) emit(switchListeners, null, before);
    try {
      await api.call('auth.logout');
    } catch {
      // Main clears its cookie jar even when the platform's logout call fails.
    }
  }

  /** Runs `fn` when a different user signs in, or the user signs out; returns the unsubscribe. */
  function onUserSwitch(fn: UserSwitchListener): () => void {
    switchListeners.add(fn);
    return () => switchListeners.delete(fn);
  }

  function onSignOut(fn: SignOutListener): () => void {
    signOutListeners.add(fn);
    return () => signOutListeners.delete(fn);
  }

  return {
    user,
    lastPhone,
    expired,
    returnTo,
    codeRequest,
    choices,
    signedIn,
    ensureLoaded,
    reload,
    applyState,
    applyExpired,
    sendCode,
    login,
    choose,
    cancelChoose,
    logout,
    onUserSwitch,
    onSignOut,
  };
});
