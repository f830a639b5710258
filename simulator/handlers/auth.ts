/** §3.1 SMS code, §3.2 phone login / registration / choose, §3.16 logout. */
import type { Ctx, Handler } from '../core.ts';
import { emptyBody, fail, json, ok, type BufferReply } from '../http.ts';
import type { SmsKey, UserRec } from '../state.ts';
import type { Switches } from '../types.ts';
import { newId, serverTime, strParam } from '../util.ts';

export const genSmsCode: Handler = ({ core, params }) => {
  const phone = strParam(params, 'cellphone');
  if (!phone) return fail('没有收到手机号');
  const failure = core.switches.smsFailure;
  if (failure === 'plain') return fail('发送验证码出错');
  if (failure === 'detail') return fail('发送验证码出错: isv.BUSINESS_LIMIT_CONTROL 触发分钟级流控');
  const entry: SmsKey = { key: newId(), phone, code: core.opts.smsCode, issuedAt: core.timers.now() };
  core.state.addSms(entry);
  return ok({ message: `测试模式: 验证码 ${core.opts.smsCode}`, key: entry.key });
};

/** The account record as the platform returns it (observed: everything, password included). */
export function userRecord(u: UserRec, sw: Switches, registering: boolean): Record<string, unknown> {
  const secret = sw.loginIncludesPassword ? { password: u.password } : {};
  if (registering) {
    return {
      id: u.id, username: u.username, mobile: u.mobile, orgid: u.orgid, user_status: u.user_status,
      created_at: u.created_at, login_fail_count: u.login_fail_count,
      ...(sw.loginIncludesPassword ? { password: u.password, cfm_password: u.password } : {}),
    };
  }
  return {
    id: u.id, username: u.username, orgid: u.orgid, nick_name: u.nick_name ?? null, mobile: u.mobile, email: u.email,
    address: u.address, user_status: u.user_status, created_at: u.created_at, last_login: u.last_login,
    login_fail_count: u.login_fail_count, last_login_fail: u.last_login_fail, sync_from: u.sync_from, ...secret,
  };
}

function loginAs(ctx: Ctx, user: UserRec, registering: boolean): BufferReply {
  const { core } = ctx;
  const record = userRecord(user, core.switches, registering);
  user.last_login = serverTime(core.timers.now());
  const reply = core.switches.loginEmptyBody ? emptyBody() : ok({ user: record });
  reply.cookie = core.sessions.issue(user.id, ctx.ip);
  return reply;
}

function choose(ctx: Ctx, entry: SmsKey, accounts: UserRec[]): BufferReply {
  const { core } = ctx;
  const users = accounts.map((u) => ({
    id: u.id, username: u.username, nick_name: u.nick_name ?? null, orgid: u.orgid,
    ...(core.switches.loginIncludesPassword ? { password: u.password } : {}),
  }));
  if (!core.switches.chooseIncludesKey) return json({ status: 'choose', data: { users } });
  // Spec form: a NEW key for the same code; the original one stops working.
  const next: SmsKey = { key: newId(), phone: entry.phone, code: entry.code, issuedAt: core.timers.now() };
  core.state.sms.delete(entry.key);
  core.state.addSms(next);
  return json({ status: 'choose', data: { key: next.key, users } });
}

function register(ctx: Ctx, phone: string): BufferReply {
  const { core } = ctx;
  const sw = core.switches;
  if (sw.registration === 'closed') return fail('注册暂未开放，请联系管理员');
  const taken = core.state.userByUsername(phone);
  if (sw.registration === 'exists' || taken) {
    const other: UserRec = taken ?? {
      id: newId(), username: phone, orgid: newId(), nick_name: null, mobile: null, email: null, address: null,
      user_status: '0', created_at: '2025-11-08 16:22:05', last_login: null, login_fail_count: 0, last_login_fail: null,
      sync_from: 'legacy-import', password: `pbkdf2_sha256$600000$${newId(undefined, 16)}$${newId(undefined, 43)}=`,
      fresh: false, admin: false,
    };
    return fail(`username(${phone}) exists`, { user: userRecord(other, { ...sw, loginIncludesPassword: true }, false) });
  }
  const org = core.state.addOrg({ id: newId(), name: `${phone} 的团队`, balance: 0 });
  const hash = `pbkdf2_sha256$600000$${newId(undefined, 16)}$${newId(undefined, 43)}=`;
  const user = core.state.addUser({
    id: newId(), username: phone, orgid: org.id, mobile: phone, email: null, address: null, user_status: '0',
    created_at: serverTime(core.timers.now(), true), last_login: null, login_fail_count: 0, last_login_fail: null,
    sync_from: null, password: hash, fresh: true, admin: false,
  });
  return loginAs(ctx, user, true);
}

export const phoneLogin: Handler = (ctx) => {
  const { core, params } = ctx;
  const phone = strParam(params, 'cellphone');
  if (!phone) return fail('需输入手机号');
  const code = strParam(params, 'sms_code');
  if (!code) return fail('需输入验证码');
  const key = strParam(params, 'key');
  if (!key) return fail('需要短信验证key');
  const entry = core.state.sms.get(key);
  if (!entry || entry.phone !== phone || entry.code !== code || core.timers.now() - entry.issuedAt > core.opts.smsCodeTtlMs) {
    return fail('手机短信验证码出错');
  }
  const accounts = core.state.usersByMobile(phone);
  const selected = strParam(params, 'selected_id');
  if (selected !== null) {
    const chosen = accounts.find((u) => u.id === selected);
    // An id that names none of the accounts: the server acts as if the number had none (case c).
    return chosen ? loginAs(ctx, chosen, false) : register(ctx, phone);
  }
  const [only] = accounts;
  if (accounts.length === 1 && only) return loginAs(ctx, only, false);
  if (accounts.length > 1) return choose(ctx, entry, accounts);
  return register(ctx, phone);
};

export const logout: Handler = (ctx) => {
  const { core } = ctx;
  const reply = core.switches.logoutWidget
    ? json({
        widgettype: 'VBox',
        options: { width: '100%', height: '100%' },
        subwidgets: [{ widgettype: 'Text', options: { otext: 'logout success', i18n: true, css: 'h3' } }],
      })
    : ok();
  reply.cookie = core.sessions.issue(null, ctx.ip);
  return reply;
};
