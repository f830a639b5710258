/** §3.4 downstream apps, §3.5 apply for a key, §3.6 get one key. */
import type { Ctx, Handler } from '../core.ts';
import { fail, ok } from '../http.ts';
import type { AppRec, KeyRec, UserRec } from '../state.ts';
import { ID_RE, newId, serverDate, serverTime, strParam } from '../util.ts';

function validKey(ctx: Ctx, user: UserRec, app: AppRec): KeyRec | undefined {
  const today = serverDate();
  return ctx.core.state.keys.find(
    (k) => k.appid === app.id && k.userid === user.id && k.enabled_date <= today && k.expired_date >= today,
  );
}

function requireUser(ctx: Ctx): UserRec {
  if (!ctx.user) throw new Error('protected handler without a user');
  return ctx.user;
}

function fullRecord(app: AppRec, key: KeyRec): Record<string, unknown> {
  return {
    id: app.id, name: app.name, description: app.description, secretkey: key.secretkey,
    allowedips: app.allowedips, orgid: app.orgid, apikey: key.apikey,
  };
}

export const downApps: Handler = (ctx) => {
  const user = requireUser(ctx);
  const sw = ctx.core.switches;
  if (sw.downappsError) {
    return fail(`(1054, "Unknown column 'b.expire_date' in 'where clause'"),today='${serverDate()}'`);
  }
  const apikeys: Record<string, unknown>[] = [];
  for (const app of ctx.core.state.apps.values()) {
    if (app.orgid !== user.orgid) continue;
    const key = validKey(ctx, user, app);
    if (!key) continue;
    apikeys.push(sw.downappsNameKey === 'name' ? { id: app.id, name: app.name, apikeyid: key.id } : { id: app.id, appname: app.name });
  }
  return ok({ apikeys });
};

export const applyApikey: Handler = (ctx) => {
  const user = requireUser(ctx);
  const { state, switches } = ctx.core;
  const name = strParam(ctx.params, 'appname');
  if (!name) return fail(`(1048, "Column 'name' cannot be null")`);
  const wanted = strParam(ctx.params, 'id');
  if (wanted && state.apps.has(wanted)) return fail(`(1062, "Duplicate entry '${wanted}' for key 'downapp.PRIMARY'")`);
  const id = wanted && ID_RE.test(wanted) ? wanted : newId();
  const today = serverDate();
  const app: AppRec = {
    id, name, description: strParam(ctx.params, 'description') ?? '', allowedips: strParam(ctx.params, 'allowedips') ?? '',
    orgid: user.orgid, created_at: serverTime(),
  };
  const key: KeyRec = {
    id: newId(), appid: id, userid: user.id, apikey: `ak_${newId(undefined, 24).replace(/[-_]/g, 'k')}`,
    secretkey: Buffer.from(`secret-${newId(undefined, 18)}`).toString('base64'), enabled_date: today, expired_date: '9999-12-31',
  };
  state.apps.set(id, app);
  state.keys.push(key);
  return switches.applyReturnsRecord ? ok(fullRecord(app, key)) : ok();
};

export const getApikey: Handler = (ctx) => {
  const user = requireUser(ctx);
  const sw = ctx.core.switches;
  const id = strParam(ctx.params, 'id');
  const app = id ? ctx.core.state.apps.get(id) : undefined;
  const key = app && app.orgid === user.orgid ? validKey(ctx, user, app) : undefined;
  if (!app || !key) return fail('没有找到用户apikey');
  const rec = fullRecord(app, key);
  if (sw.apikeyKey === 'aapikey') {
    rec['aapikey'] = rec['apikey'];
    delete rec['apikey'];
  }
  if (sw.appNameKey === 'appname') {
    rec['appname'] = rec['name'];
    delete rec['name'];
  }
  return ok(rec);
};
