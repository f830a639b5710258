/**
 * platform/auth.ts beyond the simulator's default answers: choosing an account with the Spec's
 * new key, the answers that carry no usable key or user, which values become secrets, and the
 * options each call sends with (no retry of an SMS, no session expiry on a login).
 */
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, USER, type Simulator } from '../../simulator/index';
import { AppError } from '../lib/errors';
import { silentLogger } from '../lib/logger';
import { secretValues } from '../lib/secret-values';
import { scriptedHttp } from '../testing/scripted-http';
import { LOGOUT_PATH, PHONE_LOGIN_PATH, phoneLogin, sendSmsCode, SMS_CODE_PATH, logout, toAccountChoice, toUser } from './auth';
import { createPlatformHttp, type PlatformHttpClient } from './http';

let sim: Simulator;
let unauthorized = 0;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 'demo', quiet: true });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.control.resetSwitches();
  sim.control.clearRequests();
  unauthorized = 0;
});

function http(): PlatformHttpClient {
  return createPlatformHttp({ baseUrl: () => sim.url, jar: new CookieJar(), logger: silentLogger, onUnauthorized: () => (unauthorized += 1), retry: { limit: 0 } });
}

describe('choosing an account (§3.2 choose)', () => {
  it('the Spec form: the new key is returned (and is a secret); the chosen id signs in as that account', async () => {
    sim.control.setSwitches({ chooseIncludesKey: true });
    const client = http();
    const { key } = await sendSmsCode(client, '13900000003');
    const offered = await phoneLogin(client, { cellphone: '13900000003', key, sms_code: '123456' });
    if (offered.kind !== 'choose') throw new Error(`expected choose, got ${offered.kind}`);
    expect(offered.key).toMatch(/\S{6,}/);
    expect(offered.key).not.toBe(key);
    expect(secretValues.list()).toContain(offered.key);
    expect(offered.users).toEqual(expect.arrayContaining([
      { id: USER.chenStudio, username: 'chen_studio' },
      { id: USER.chenEdu, username: 'chen_edu', nickName: '陈老师' },
    ]));

    const chosen = await phoneLogin(client, { cellphone: '13900000003', key: offered.key ?? '', sms_code: '123456', selected_id: USER.chenStudio });
    expect(chosen).toMatchObject({ kind: 'user', user: { id: USER.chenStudio } });
    const sent = sim.control.requests().filter((r) => r.path === PHONE_LOGIN_PATH).map((r) => r.body);
    expect(sent[0]).not.toHaveProperty('selected_id');
    expect(sent[1]).toMatchObject({ selected_id: USER.chenStudio });
  });

  it('a choice with no usable account is malformed', async () => {
    const none = scriptedHttp(() => ({ kind: 'choose', data: { users: [{ username: 'no id' }, null] } }));
    await expect(phoneLogin(none, { cellphone: '1', key: 'k', sms_code: 'c' })).rejects.toMatchObject({ code: 'malformed', message: expect.stringContaining('no account') });
    const notAList = scriptedHttp(() => ({ kind: 'choose', data: { users: 'x' } }));
    await expect(phoneLogin(notAList, { cellphone: '1', key: 'k', sms_code: 'c' })).rejects.toMatchObject({ code: 'malformed' });
  });
});

describe('phoneLogin answers', () => {
  it('sends the code once with no session expiry: a 401 is a failed login, not a sign-out', async () => {
    const calls = scriptedHttp(() => ({ user: { id: 'u1', username: 'lin' } }));
    await phoneLogin(calls, { cellphone: '139', key: 'key-1', sms_code: '654321' });
    expect(calls.calls).toEqual([{ method: 'POST', path: PHONE_LOGIN_PATH, params: { cellphone: '139', key: 'key-1', sms_code: '654321' }, options: { noSessionExpiry: true } }]);
    expect(secretValues.list()).toEqual(expect.arrayContaining(['key-1', '654321']));
  });

  it('ok without a usable user record: verify like an empty body, the password hash dropped from it', async () => {
    const user = { username: '', id: '', password: 'hash' };
    await expect(phoneLogin(scriptedHttp(() => ({ user })), { cellphone: '1', key: 'k', sms_code: 'c' })).resolves.toEqual({ kind: 'emptyBody' });
    expect(user).not.toHaveProperty('password');
    await expect(phoneLogin(scriptedHttp(() => null), { cellphone: '1', key: 'k', sms_code: 'c' })).resolves.toEqual({ kind: 'emptyBody' });
  });

  it('the wrong-code text with spaces around it is still a wrong code; other failures pass through', async () => {
    const spaced = new AppError('app', ' 手机短信验证码出错 ');
    await expect(phoneLogin(scriptedHttp(() => { throw spaced; }), { cellphone: '1', key: 'k', sms_code: 'c' })).rejects.toMatchObject({ code: 'wrong_code' });
    const sameTextOtherCode = new AppError('widget', '手机短信验证码出错');
    await expect(phoneLogin(scriptedHttp(() => { throw sameTextOtherCode; }), { cellphone: '1', key: 'k', sms_code: 'c' })).rejects.toBe(sameTextOtherCode);
    const bug = new Error('boom');
    await expect(phoneLogin(scriptedHttp(() => { throw bug; }), { cellphone: '1', key: 'k', sms_code: 'c' })).rejects.toBe(bug);
  });

  it('a wrong code from the server does not count as an expired session', async () => {
    const client = http();
    const { key } = await sendSmsCode(client, '13900000001');
    await expect(phoneLogin(client, { cellphone: '13900000001', key, sms_code: '000000' })).rejects.toMatchObject({ code: 'wrong_code' });
    expect(unauthorized).toBe(0);
  });
});

describe('sendSmsCode answers', () => {
  it('never retried and never a sign-out; the key is a secret; no notice when there is none', async () => {
    const calls = scriptedHttp(() => ({ key: 'sms-key-1', message: '  ' }));
    await expect(sendSmsCode(calls, '139')).resolves.toEqual({ key: 'sms-key-1' });
    expect(calls.calls[0]).toMatchObject({ method: 'GET', path: SMS_CODE_PATH, params: { cellphone: '139' }, options: { noSessionExpiry: true, noRetry: true } });
    expect(secretValues.list()).toContain('sms-key-1');
  });

  it('no key, a blank key or a choose answer: malformed', async () => {
    for (const answer of [{ message: 'x' }, { key: ' ' }, null, { kind: 'choose', data: { key: 'k' } }]) {
      await expect(sendSmsCode(scriptedHttp(() => answer), '139')).rejects.toMatchObject({ code: 'malformed', message: expect.stringContaining('without a key') });
    }
  });

  it('SMS login unavailable keeps the HTTP status; other errors pass through', async () => {
    const expired = new AppError('unauthorized', 'need login', { httpStatus: 401 });
    await expect(sendSmsCode(scriptedHttp(() => { throw expired; }), '139')).rejects.toMatchObject({ code: 'sms_unavailable', httpStatus: 401 });
    const busy = new AppError('busy', 'busy');
    await expect(sendSmsCode(scriptedHttp(() => { throw busy; }), '139')).rejects.toBe(busy);
  });
});

describe('logout', () => {
  it('any 2xx is success, no sign-out event, a short timeout', async () => {
    const calls = scriptedHttp(() => null);
    await logout(calls);
    expect(calls.calls).toEqual([{ method: 'POST', path: LOGOUT_PATH, params: {}, options: { anyOkIsSuccess: true, noSessionExpiry: true, timeoutMs: 5_000 } }]);
  });
});

describe('user records', () => {
  it('an id or a username is enough; neither, or no record, is no user', () => {
    expect(toUser({ id: 'u1' })).toEqual({ id: 'u1', username: '', orgid: '', displayName: '' });
    expect(toUser({ username: 'lin', nick_name: '  ', mobile: '' })).toEqual({ id: '', username: 'lin', orgid: '', displayName: 'lin' });
    expect(toUser({ id: 7, username: 8, orgid: 9 })).toEqual({ id: '7', username: '8', orgid: '9', displayName: '8' });
    expect(toUser({ nick_name: '小林' })).toBeNull();
    expect(toUser('u1')).toBeNull();
    expect(toUser(null)).toBeNull();
  });

  it('an account to choose: its nick name when there is one, the hash dropped; a username that is not text is blank', () => {
    const raw = { id: 'a', username: null, nick_name: '工作室', password: 'h' };
    expect(toAccountChoice(raw)).toEqual({ id: 'a', username: '', nickName: '工作室' });
    expect(raw).not.toHaveProperty('password');
    expect(toAccountChoice({ id: ' ', username: 'x' })).toBeNull();
    expect(toAccountChoice([{ id: 'a' }])).toBeNull();
  });
});
