/** Routing: base path, control routes, faults, session (§2), body parsing (§1.1), replies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleSim } from './control.ts';
import type { Ctx, Handler, SimCore } from './core.ts';
import { faultReply, POST_KINDS, PRE_KINDS, skewDate } from './faults.ts';
import { myBalance, userRecharge } from './handlers/account.ts';
import { genSmsCode, logout, phoneLogin } from './handlers/auth.ts';
import { productQueryPrice, queryOrders } from './handlers/biz.ts';
import { viduInference } from './handlers/inference.ts';
import { applyApikey, downApps, getApikey } from './handlers/keys.ts';
import { getTypeLlms, showIcon, testPricingProgram } from './handlers/models.ts';
import { getAsyncTaskStatus, getMyAsyncTasks } from './handlers/tasks.ts';
import { BODY_LIMIT, emptyBody, notFound, parseParams, readBody, serverError, text, tooLarge, unauthorized, type Reply } from './http.ts';
import { IDFILE_PATHS, MEDIA_RE, mediaFile, serveMedia } from './media.ts';
import { readCookie, setCookieHeader } from './session.ts';
import type { UserRec } from './state.ts';
import type { SimControl } from './types.ts';
import { serverDate, sleep } from './util.ts';

/** 'sms' = public unless the smsRequiresLogin switch is on. */
type Auth = 'required' | 'public' | 'sms';

const ROUTES: Readonly<Record<string, { handler: Handler; auth: Auth }>> = {
  '/rbac/gen_sms_code.dspy': { handler: genSmsCode, auth: 'sms' },
  '/rbac/phone_login.dspy': { handler: phoneLogin, auth: 'public' },
  '/rbac/user/logout.dspy': { handler: logout, auth: 'public' },
  '/unipay/user_recharge.dspy': { handler: userRecharge, auth: 'required' },
  '/dapi/downapps.dspy': { handler: downApps, auth: 'required' },
  '/dapi/apply_apikey.dspy': { handler: applyApikey, auth: 'required' },
  '/dapi/get_apikey.dspy': { handler: getApikey, auth: 'required' },
  '/accounting/mybalance.dspy': { handler: myBalance, auth: 'required' },
  '/platformbiz/product_query_price.dspy': { handler: productQueryPrice, auth: 'required' },
  '/platformbiz/query_orders.dspy': { handler: queryOrders, auth: 'required' },
  '/llmage/vidu_inference.dspy': { handler: viduInference, auth: 'required' },
  '/llmage/get_type_llms.dspy': { handler: getTypeLlms, auth: 'required' },
  '/llmage/get_my_asynctasks.dspy': { handler: getMyAsyncTasks, auth: 'required' },
  '/llmage/get_asynctask_status.dspy': { handler: getAsyncTaskStatus, auth: 'required' },
  '/pricing/test_pricing_program.dspy': { handler: testPricingProgram, auth: 'required' },
  '/appbase/show_icon.dspy': { handler: showIcon, auth: 'required' },
};

/** §9: an API key in Authorization/x-api-key logs its user in (and gets a session cookie). */
function apiKeyUser(core: SimCore, req: IncomingMessage, ip: string): UserRec | null {
  const auth = req.headers.authorization;
  const header = req.headers['x-api-key'];
  const key = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : typeof header === 'string' ? header.trim() : '';
  if (!key) return null;
  const today = serverDate(core.timers.now());
  const rec = core.state.keys.find((k) => k.apikey === key && k.enabled_date <= today && k.expired_date >= today);
  const app = rec ? core.state.apps.get(rec.appid) : undefined;
  if (!rec || !app) return null;
  const allowed = app.allowedips.split(',').map((s) => s.trim()).filter(Boolean);
  if (allowed.length > 0 && !allowed.includes(ip)) return null;
  return core.state.users.get(rec.userid) ?? null;
}

async function send(res: ServerResponse, reply: Reply, cut: boolean): Promise<void> {
  const headers = { ...reply.headers, 'Access-Control-Expose-Headers': 'Set-Cookie', Server: 'Python/3.11 aiohttp/3.9.5' };
  if (reply.cookie) Object.assign(headers, { 'Set-Cookie': setCookieHeader(reply.cookie) });
  if (reply.kind === 'stream') {
    res.writeHead(reply.status, headers);
    res.socket?.setNoDelay(true);
    await reply.run(res, cut);
    return;
  }
  res.writeHead(reply.status, { ...headers, 'Content-Length': reply.body.length });
  if (!cut) {
    res.end(reply.body);
    return;
  }
  if (reply.body.length < 2) {
    res.flushHeaders();
    setTimeout(() => res.destroy(), 10);
    return;
  }
  res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)), () => res.destroy());
}

async function platformReply(
  core: SimCore, req: IncomingMessage, path: string, url: URL, raw: Buffer, size: number,
): Promise<{ reply: Reply; cut: boolean }> {
  const route = Object.prototype.hasOwnProperty.call(ROUTES, path) ? ROUTES[path] : undefined;
  const parsed = parseParams(req.method ?? 'GET', url.searchParams, req.headers['content-type'], raw);
  const logged = core.log.record(req, path, url.searchParams, parsed);
  let reply: Reply = notFound();
  try {
    const slow = core.faults.take(path, 'platform', ['slowHeaders']);
    if (slow) await sleep(slow.delayMs ?? 3000);
    const pre = core.faults.take(path, 'platform', PRE_KINDS);
    if (pre) reply = faultReply(pre, path);
    else if (!route) reply = notFound();
    else if (size > BODY_LIMIT) reply = tooLarge(size);
    else {
      const ip = core.sessions.clientIp(req);
      const ticket = core.sessions.verify(readCookie(req), ip);
      let user = ticket?.userId ? (core.state.users.get(ticket.userId) ?? null) : null;
      let issueFor: string | null = null;
      if (!user) {
        user = apiKeyUser(core, req, ip);
        if (user) issueFor = user.id;
      } else if (ticket && core.sessions.needsRefresh(ticket)) issueFor = user.id;
      const needs = route.auth === 'required' || (route.auth === 'sms' && core.switches.smsRequiresLogin);
      if (needs && !user) reply = unauthorized();
      else if (parsed.broken) reply = serverError();
      else {
        const ctx: Ctx = { core, params: parsed.params, user, ip, req, path };
        reply = await route.handler(ctx);
        // A stream's headers go out before the session could be saved: no refresh there (§2.2).
        if (issueFor && !reply.cookie && reply.kind === 'buffer') reply.cookie = core.sessions.issue(issueFor, ip);
      }
    }
  } catch (err) {
    if (!core.opts.quiet) process.stderr.write(`[sim] handler error on ${path}: ${String(err)}\n`);
    reply = serverError();
  }
  const post = core.faults.take(path, 'platform', POST_KINDS);
  if (post?.kind === 'emptyBody') reply = { ...emptyBody(), ...(reply.cookie ? { cookie: reply.cookie } : {}) };
  if (post?.kind === 'clockSkew') reply = { ...reply, headers: skewDate(reply.headers) };
  // The handler already did its work (a task exists): only the answer is late.
  const held = core.faults.take(path, 'platform', ['slowAnswer']);
  if (held) await sleep(held.delayMs ?? 3000);
  logged.status = reply.status;
  return { reply, cut: post?.kind === 'resetMidBody' };
}

/** A signed vendor URL (§10.8) stops working once its `Expires=<epoch seconds>` has passed. */
function linkExpired(url: URL): boolean {
  const raw = url.searchParams.get('Expires');
  return raw !== null && /^\d+$/.test(raw) && Number(raw) * 1000 <= Date.now();
}

/** What a media request asks for: a vendor video, or a platform file behind the session. */
interface MediaTarget {
  /** Names the bytes (and the version counter). */
  key: string;
  /** Null: whatever the file is (a vendor video: pseudo MP4 or playable WebM, by the mediaKind switch). */
  contentType: string | null;
  needsSession: boolean;
}

const TYPES: Readonly<Record<string, string>> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };

function mediaTarget(path: string, url: URL): MediaTarget | null {
  const media = MEDIA_RE.exec(path);
  if (media?.[1]) return { key: media[1], contentType: null, needsSession: false };
  if (!IDFILE_PATHS.has(path)) return null;
  const file = url.searchParams.get('path') ?? '';
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  return { key: `idfile:${file}`, contentType: TYPES[ext] ?? 'video/mp4', needsSession: true };
}

async function mediaReply(core: SimCore, req: IncomingMessage, res: ServerResponse, path: string, url: URL, target: MediaTarget): Promise<number> {
  const logged = core.log.record(req, path, url.searchParams, null);
  const answer = async (reply: Reply): Promise<number> => {
    await send(res, reply, false);
    logged.status = reply.status;
    return reply.status;
  };
  const slow = core.faults.take(path, 'media', ['slowHeaders']);
  if (slow) await sleep(slow.delayMs ?? 3000);
  const pre = core.faults.take(path, 'media', PRE_KINDS);
  if (pre) return answer(faultReply(pre, path));
  if (target.needsSession) {
    // §10.8: the platform's own files need the session cookie (which is why only they may get it).
    if (!core.sessions.verify(readCookie(req), core.sessions.clientIp(req))) return answer(unauthorized());
    if (!url.searchParams.get('path')) return answer(notFound());
  } else if (linkExpired(url)) {
    return answer(text(403, '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>', 'application/xml'));
  }
  const rangeIgnored = core.faults.take(path, 'media', ['rangeIgnored']) !== null;
  const reset = core.faults.take(path, 'media', ['resetMidBody']) !== null;
  const cut = core.faults.take(path, 'media', ['cutAfter']);
  const change = core.faults.take(path, 'media', ['newVersion']);
  const throttle = core.faults.take(path, 'media', ['throttle']);
  const version = core.mediaVersions.get(target.key) ?? 0;
  // Platform files (uploads, images) stay pseudo; vendor videos follow the mediaKind switch.
  const kind = target.needsSession ? 'pseudo' : core.switches.mediaKind;
  const file = mediaFile(target.key, version, core.opts.mediaBytes ?? undefined, kind);
  // newVersion: this answer still carries the old file and breaks off; every later one gets the new file.
  if (change) core.mediaVersions.set(target.key, version + 1);
  const cutAfter = change ? (change.bytes ?? Math.floor(file.bytes.length / 2)) : cut ? (cut.bytes ?? 'random') : null;
  logged.status = serveMedia(req, res, file, { rangeIgnored, reset, cutAfter, bytesPerSecond: throttle?.bytesPerSecond ?? null, alwaysCut: change !== null }, target.contentType ?? file.contentType);
  return logged.status;
}

export async function handleRequest(core: SimCore, control: SimControl, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const url = new URL(req.url ?? '/', 'http://simulator.local');
  let path = url.pathname;
  const base = core.opts.basePath;
  let status = 404;
  if (base && path !== base && !path.startsWith(`${base}/`)) {
    await readBody(req);
    await send(res, notFound(), false);
  } else {
    path = base ? path.slice(base.length) || '/' : path;
    if (path.startsWith('/__sim/')) {
      status = await handleSim(core, control, req, res, path);
    } else {
      const { raw, size } = await readBody(req);
      const media = req.method === 'GET' || req.method === 'HEAD' ? mediaTarget(path, url) : null;
      if (media) {
        status = await mediaReply(core, req, res, path, url, media);
      } else {
        const { reply, cut } = await platformReply(core, req, path, url, raw, size);
        status = reply.status;
        await send(res, reply, cut);
      }
    }
  }
  if (!core.opts.quiet) process.stderr.write(`[sim] ${req.method ?? 'GET'} ${path} → ${status} (${Date.now() - started} ms)\n`);
}
