/** SessionService + platform client + cookie jar against the simulator: the whole SMS login. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent, SessionState } from '../../preload/contract';
import { startSimulator, type Simulator } from '../../simulator/index';
import { AppError } from '../lib/errors';
import { COOKIE_JAR_SECRET, PersistentCookieJar } from '../platform/cookies';
import { createPlatformHttp } from '../platform/http';
import { EventBus } from '../core/bus';
import type { Logger, SecretBox } from '../core/ports';
import { PROFILE_SECRET, SessionService, type SessionChangeReason } from './session';

const LOGIN = '/rbac/phone_login.dspy';
const SMS = '/rbac/gen_sms_code.dspy';
const BALANCE = '/accounting/mybalance.dspy';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function memoryBox(): SecretBox & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    mode: 'encrypted',
    data,
    load: async (name) => data.get(name) ?? null,
    save: async (name, value) => void data.set(name, value),
    remove: async (name) => void data.delete(name),
  };
}

function stack(baseUrl: string, options: { resendIntervalMs?: number; pendingChooseTtlMs?: number } = {}) {
  const lines: string[] = [];
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(JSON.stringify({ level, message, fields }));
  const logger: Logger = { info: write('info'), warn: write('warn'), error: write('error') };
  const bus = new EventBus();
  const events: AppEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const secrets = memoryBox();
  const jar = new PersistentCookieJar({ secrets, logger, debounceMs: 5 });
  const server = { url: baseUrl };
  const http = createPlatformHttp({
    baseUrl: () => server.url,
    jar,
    logger,
    onUnauthorized: (info) => session.markExpired(info),
    retry: { limit: 0 },
    timeouts: { connectMs: 1_000, responseMs: 3_000, totalMs: 5_000 },
  });
  const session: SessionService = new SessionService({ http, jar, secrets, bus, logger, serverUrl: () => server.url, ...options });
  const reasons: SessionChangeReason[] = [];
  session.onChange((_state, change) => reasons.push(change.reason));
  const named = <K extends AppEvent['event']>(name: K) => events.filter((e) => e.event === name);
  return { session, http, jar, secrets, events, named, reasons, lines, server };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 'demo', quiet: true });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.control.resetSwitches();
  sim.control.clearFaults();
  sim.control.clearRequests();
});

const loginPosts = () => sim.control.requests().filter((r) => r.path === LOGIN);

describe('SMS login', () => {
  it('one account: code, login, signed in; no password anywhere', async () => {
    const s = stack(sim.url);
    const sent = await s.session.sendCode('13900000001');
    expect(sent.resendAfterSeconds).toBe(60);
    expect(sent.notice).toContain('123456');
    const outcome = await s.session.login('13900000001', '123456');
    expect(outcome.kind).toBe('signedIn');
    expect(s.session.isSignedIn()).toBe(true);
    expect(s.session.state()).toMatchObject({ user: { username: '13900000001' }, lastPhone: '13900000001' });
    expect(s.named('session.changed')).toHaveLength(1);
    expect(s.reasons).toEqual(['login']);
    await s.session.dispose();
    const everything = JSON.stringify([outcome, s.events, [...s.secrets.data.values()], s.lines]);
    expect(everything).not.toMatch(/password/i);
    // The profile is persisted next to the jar, without the SMS key or code.
    expect(s.secrets.data.get(PROFILE_SECRET)).toContain('13900000001');
    expect(s.secrets.data.get(PROFILE_SECRET)).not.toContain('123456');
  });

  it('enforces the 60 s resend interval per number without calling the server', async () => {
    const s = stack(sim.url);
    await s.session.sendCode('13900000001');
    const again = await s.session.sendCode('13900000001');
    expect(again.resendAfterSeconds).toBeGreaterThan(55);
    expect(again.resendAfterSeconds).toBeLessThanOrEqual(60);
    expect(again.notice).toBeUndefined();
    expect(sim.control.requests().filter((r) => r.path === SMS)).toHaveLength(1);
    // Once the code has been used, a new one may be requested at once (e.g. sign out, sign in again).
    await s.session.login('13900000001', '123456');
    expect((await s.session.sendCode('13900000001')).notice).toBeDefined();
    expect(sim.control.requests().filter((r) => r.path === SMS)).toHaveLength(2);
  });

  it('validates input and requires a code first', async () => {
    const s = stack(sim.url);
    expect((await rejection(s.session.sendCode('2390000000'))).code).toBe('invalid_input');
    expect((await rejection(s.session.login('13900000001', '12'))).code).toBe('invalid_input');
    expect((await rejection(s.session.login('13900000001', '123456'))).code).toBe('no_pending_login');
    expect(sim.control.requests()).toHaveLength(0);
  });

  it('wrong code → wrong_code with the platform text; the right code still works afterwards', async () => {
    const s = stack(sim.url);
    await s.session.sendCode('13900000001');
    const error = await rejection(s.session.login('13900000001', '000000'));
    expect(error.code).toBe('wrong_code');
    expect(error.message).toBe('手机短信验证码出错');
    expect(s.session.isSignedIn()).toBe(false);
    expect((await s.session.login('13900000001', '123456')).kind).toBe('signedIn');
  });

  it('registration closed / exists are shown as the platform wrote them', async () => {
    const s = stack(sim.url);
    sim.control.setSwitches({ registration: 'closed' });
    await s.session.sendCode('13922220001');
    expect((await rejection(s.session.login('13922220001', '123456'))).message).toBe('注册暂未开放，请联系管理员');
    sim.control.setSwitches({ registration: 'exists' });
    await s.session.sendCode('13922220002');
    const exists = await rejection(s.session.login('13922220002', '123456'));
    expect(exists.message).toBe('username(13922220002) exists');
    expect(JSON.stringify([exists, s.lines])).not.toMatch(/password/i);
  });

  it('smsRequiresLogin → sms_unavailable (no session.expired)', async () => {
    sim.control.setSwitches({ smsRequiresLogin: true });
    const s = stack(sim.url);
    expect((await rejection(s.session.sendCode('13900000001'))).code).toBe('sms_unavailable');
    expect(s.named('session.expired')).toHaveLength(0);
  });

  it('empty-body login: verified through the balance, minimal profile', async () => {
    sim.control.setSwitches({ loginEmptyBody: true });
    const s = stack(sim.url);
    await s.session.sendCode('13900000001');
    const outcome = await s.session.login('13900000001', '123456');
    expect(outcome).toEqual({
      kind: 'signedIn',
      user: { id: '', username: '13900000001', orgid: '', displayName: '13900000001', mobile: '13900000001' },
    });
    expect(sim.control.requests().some((r) => r.path === BALANCE)).toBe(true);
  });

  it('empty-body login that the balance does not confirm → empty_response', async () => {
    sim.control.setSwitches({ loginEmptyBody: true });
    sim.control.setFault({ kind: 'status500', path: BALANCE });
    const s = stack(sim.url);
    await s.session.sendCode('13900000001');
    expect((await rejection(s.session.login('13900000001', '123456'))).code).toBe('empty_response');
    expect(s.session.isSignedIn()).toBe(false);
  });
});

describe('choosing among several accounts', () => {
  for (const chooseIncludesKey of [false, true]) {
    it(`re-posts phone + code + the right key + selected_id (chooseIncludesKey=${chooseIncludesKey})`, async () => {
      sim.control.setSwitches({ chooseIncludesKey });
      const s = stack(sim.url);
      await s.session.sendCode('13900000003');
      const outcome = await s.session.login('13900000003', '123456');
      expect(outcome.kind).toBe('choose');
      if (outcome.kind !== 'choose') return;
      expect(outcome.accounts).toHaveLength(3);
      expect(JSON.stringify(outcome)).not.toMatch(/password/i);
      const picked = outcome.accounts[1]!;
      const chosen = await s.session.choose(picked.id);
      expect(chosen.user.id).toBe(picked.id);

      const [first, second] = loginPosts();
      const originalKey = first!.body!.key;
      expect(second!.body).toMatchObject({ cellphone: '13900000003', sms_code: '123456', selected_id: picked.id });
      if (chooseIncludesKey) expect(second!.body!.key).not.toBe(originalKey);
      else expect(second!.body!.key).toBe(originalKey);
      expect(s.session.state().user?.id).toBe(picked.id);
    });
  }

  it('forgets a pending choice after its TTL', async () => {
    const s = stack(sim.url, { pendingChooseTtlMs: 50 });
    await s.session.sendCode('13900000003');
    const outcome = await s.session.login('13900000003', '123456');
    if (outcome.kind !== 'choose') throw new Error('expected choose');
    await sleep(100);
    expect((await rejection(s.session.choose(outcome.accounts[0]!.id))).code).toBe('no_pending_login');
  });

  it('refuses an id that was not offered, and forgets the choice after cancel', async () => {
    const s = stack(sim.url);
    await s.session.sendCode('13900000003');
    const outcome = await s.session.login('13900000003', '123456');
    if (outcome.kind !== 'choose') throw new Error('expected choose');
    expect((await rejection(s.session.choose('not-offered'))).code).toBe('invalid_input');
    expect(loginPosts()).toHaveLength(1);
    s.session.cancelChoose();
    expect((await rejection(s.session.choose(outcome.accounts[0]!.id))).code).toBe('no_pending_login');
  });

  it('choosing another account later is reported as a user switch', async () => {
    const s = stack(sim.url, { resendIntervalMs: 0 });
    const signInAs = async (index: number) => {
      await s.session.sendCode('13900000003');
      const outcome = await s.session.login('13900000003', '123456');
      if (outcome.kind !== 'choose') throw new Error('expected choose');
      return s.session.choose(outcome.accounts[index]!.id);
    };
    await signInAs(0);
    await signInAs(0);
    await signInAs(2);
    expect(s.reasons).toEqual(['login', 'login', 'switch']);
  });
});

describe('401 handling', () => {
  it('expireSessions(): one session.expired for three parallel 401s; lastPhone kept; user null', async () => {
    const s = stack(sim.url);
    await s.session.sendCode('13900000001');
    await s.session.login('13900000001', '123456');
    sim.control.expireSessions();
    const results = await Promise.allSettled([s.http.get(BALANCE), s.http.get(BALANCE), s.http.get(BALANCE)]);
    expect(results.every((r) => r.status === 'rejected' && (r.reason as AppError).code === 'unauthorized')).toBe(true);
    expect(s.named('session.expired')).toEqual([{ event: 'session.expired', payload: { lastPhone: '13900000001' } }]);
    expect(s.session.state()).toEqual<SessionState>({ user: null, lastPhone: '13900000001' });
    expect(s.named('session.changed').at(-1)).toEqual({ event: 'session.changed', payload: { user: null, lastPhone: '13900000001' } });
    // A later 401 is coalesced too.
    await s.http.get(BALANCE).catch(() => undefined);
    expect(s.named('session.expired')).toHaveLength(1);
    // After a new login a new expiry is reported again.
    sim.control.clearRequests();
    await s.session.sendCode('13900000002');
    await s.session.login('13900000002', '123456');
    sim.control.expireSessions();
    await s.http.get(BALANCE).catch(() => undefined);
    expect(s.named('session.expired')).toHaveLength(2);
  });

  it('ignores a 401 of a request sent before the current login', async () => {
    const s = stack(sim.url);
    await s.session.sendCode('13900000001');
    await s.session.login('13900000001', '123456');
    s.session.markExpired({ startedAt: Date.now() - 60_000 });
    expect(s.session.isSignedIn()).toBe(true);
    expect(s.named('session.expired')).toHaveLength(0);
  });

  it('a 401 while signed out publishes nothing', async () => {
    const s = stack(sim.url);
    await s.http.get(BALANCE).catch(() => undefined);
    expect(s.events).toHaveLength(0);
  });
});

describe('sliding session', () => {
  let short: Simulator;
  beforeAll(async () => {
    // Short enough to keep the test near 3 s; the gaps between calls (200 ms) stay far under the
    // lifetime (800 ms) and the idle wait (1 000 ms) well over it, so a loaded machine cannot flip it.
    short = await startSimulator({ port: 0, seed: 'demo', quiet: true, session: { ttlMs: 800, refreshAfterMs: 160 } });
  });
  afterAll(async () => {
    await short.close();
  });

  it('stays signed in while busy (every Set-Cookie stored), expires once when idle', { tags: ['slow'] }, async () => {
    const s = stack(short.url);
    await s.session.sendCode('13900000001');
    await s.session.login('13900000001', '123456');
    const started = Date.now();
    while (Date.now() - started < 1_800) {
      expect((await s.http.get(BALANCE)).kind).toBe('ok');
      await sleep(200);
    }
    expect(s.named('session.expired')).toHaveLength(0);
    await sleep(1_000);
    const results = await Promise.allSettled([s.http.get(BALANCE), s.http.get(BALANCE), s.http.get(BALANCE)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(s.named('session.expired')).toHaveLength(1);
  });
});

describe('logout', () => {
  it('calls the server, then clears the jar and the user', async () => {
    const s = stack(sim.url);
    await s.session.sendCode('13900000001');
    await s.session.login('13900000001', '123456');
    await s.jar.flush();
    expect(await s.session.logout()).toBeNull();
    expect(sim.control.requests().some((r) => r.path === '/rbac/user/logout.dspy')).toBe(true);
    expect(s.session.state()).toEqual({ user: null, lastPhone: '13900000001' });
    expect(s.secrets.data.has(COOKIE_JAR_SECRET)).toBe(false);
    expect(await s.jar.hasCookiesFor(sim.url)).toBe(false);
    expect(s.reasons.at(-1)).toBe('logout');
  });

  it('clears the jar even when the server is down', async () => {
    const s = stack(sim.url);
    await s.session.sendCode('13900000001');
    await s.session.login('13900000001', '123456');
    await s.jar.flush();
    s.server.url = 'http://127.0.0.1:9'; // nothing listens on the discard port
    expect(await s.session.logout()).toBeNull();
    expect(s.session.isSignedIn()).toBe(false);
    expect(s.secrets.data.has(COOKIE_JAR_SECRET)).toBe(false);
    expect(await s.jar.hasCookiesFor(sim.url)).toBe(false);
  });
});
