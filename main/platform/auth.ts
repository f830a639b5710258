/**
 * SMS login endpoints (platform-api.md §3.1, §3.2, §3.16), normalised into the contract's
 * `User` / `AccountChoice`. Password hashes are deleted the moment a body is parsed (§9).
 */
import type { AccountChoice, User } from '../../preload/contract/models';
import { AppError, isAppError } from '../lib/errors';
import type { PlatformHttpClient } from './http';
import { asRecord, asString, nonEmptyString, stripUserSecrets } from './normalize';
import type { PlatformHttp } from './types';
import { registerSecret } from '../lib/secret-values';

export const SMS_CODE_PATH = '/rbac/gen_sms_code.dspy';
export const PHONE_LOGIN_PATH = '/rbac/phone_login.dspy';
export const LOGOUT_PATH = '/rbac/user/logout.dspy';

const WRONG_CODE_MESSAGE = '手机短信验证码出错';

export interface SmsCodeResult {
  key: string;
  /** e.g. `测试模式: 验证码 123456` — worth showing as a notice. */
  message?: string;
}

export interface PhoneLoginRequest {
  cellphone: string;
  key: string;
  sms_code: string;
  selected_id?: string;
}

export type PhoneLoginResult =
  | { kind: 'user'; user: User }
  | { kind: 'choose'; users: AccountChoice[]; key?: string }
  /** Older deployments: HTTP 200, empty body, cookie set — the caller verifies with §3.7. */
  | { kind: 'emptyBody' };

/** §3.1. GETs are normally retried; this one is not, as each attempt would send another SMS. */
export async function sendSmsCode(http: PlatformHttpClient, phone: string): Promise<SmsCodeResult> {
  let answer;
  try {
    answer = await http.get(SMS_CODE_PATH, { cellphone: phone }, { noSessionExpiry: true, noRetry: true });
  } catch (error) {
    // §2.5: this server only gives codes to signed-in users — SMS login cannot work here.
    if (isAppError(error) && error.code === 'unauthorized') {
      throw new AppError('sms_unavailable', '此服务器不支持短信登录 / SMS login is unavailable on this server', {
        httpStatus: error.httpStatus,
      });
    }
    throw error;
  }
  const data = asRecord(answer.data) ?? {};
  const key = nonEmptyString(data.key);
  if (answer.kind !== 'ok' || key === null) {
    throw new AppError('malformed', '验证码接口返回了无法识别的数据 / The SMS endpoint answered without a key');
  }
  const message = nonEmptyString(data.message);
  registerSecret(key);
  return message === null ? { key } : { key, message };
}

export function toUser(raw: unknown): User | null {
  const record = asRecord(raw);
  if (!record) return null;
  stripUserSecrets(record);
  const username = asString(record.username) ?? '';
  const id = asString(record.id) ?? '';
  if (id === '' && username === '') return null;
  const user: User = {
    id,
    username,
    orgid: asString(record.orgid) ?? '',
    displayName: nonEmptyString(record.nick_name) ?? username,
  };
  const mobile = nonEmptyString(record.mobile);
  if (mobile !== null) user.mobile = mobile;
  return user;
}

export function toAccountChoice(raw: unknown): AccountChoice | null {
  const record = asRecord(raw);
  if (!record) return null;
  stripUserSecrets(record);
  const id = nonEmptyString(record.id);
  if (id === null) return null;
  const choice: AccountChoice = { id, username: asString(record.username) ?? '' };
  const nickName = nonEmptyString(record.nick_name);
  if (nickName !== null) choice.nickName = nickName;
  return choice;
}

/** §3.2, every variant: a user, a choice of accounts, or the empty-body registration. */
export async function phoneLogin(http: PlatformHttp, request: PhoneLoginRequest): Promise<PhoneLoginResult> {
  // The SMS code and key are secrets by value (a code of 4–5 digits is scrubbed as a whole token only).
  registerSecret(request.key);
  registerSecret(request.sms_code);
  // JSON leaves out a selected_id that is undefined (the first attempt, before a choice).
  const body = { cellphone: request.cellphone, key: request.key, sms_code: request.sms_code, selected_id: request.selected_id };

  let answer;
  try {
    // A 401 here is a failed login, not an expired session.
    answer = await http.post(PHONE_LOGIN_PATH, body, { noSessionExpiry: true });
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === 'empty_response') return { kind: 'emptyBody' };
    if (error.code === 'app' && error.message.trim() === WRONG_CODE_MESSAGE) {
      throw new AppError('wrong_code', error.message);
    }
    // 注册暂未开放…, username(…) exists (its data.user was never read), raw exceptions: as written.
    throw error;
  }

  const data = asRecord(answer.data) ?? {};
  if (answer.kind === 'choose') {
    const rawUsers = Array.isArray(data.users) ? data.users : [];
    const users = rawUsers.map(toAccountChoice).filter((choice): choice is AccountChoice => choice !== null);
    if (users.length === 0) throw new AppError('malformed', '账号列表为空 / The platform offered no account to choose');
    const key = nonEmptyString(data.key);
    registerSecret(key);
    return key === null ? { kind: 'choose', users } : { kind: 'choose', users, key };
  }

  // toUser strips the password hashes from the record even when it is not a usable user.
  const user = toUser(data.user);
  if (user) return { kind: 'user', user };
  // `ok` without a user record: the cookie may be set anyway — verify like an empty body.
  return { kind: 'emptyBody' };
}

/** §3.16: best-effort; any HTTP 200 is success whatever the body. */
export async function logout(http: PlatformHttp): Promise<void> {
  await http.post(LOGOUT_PATH, {}, { anyOkIsSuccess: true, noSessionExpiry: true, timeoutMs: 5_000 });
}
