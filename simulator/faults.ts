/** Fault injection: a list of faults, each hitting an exact path (or every platform path) N times. */
import type { Fault, FaultKind, Faults } from './types.ts';
import type { OutgoingHttpHeaders } from 'node:http';
import { bufferReply, forbidden, HTML_TYPE, JSON_TYPE, serverError, widget, type Reply } from './http.ts';

const KINDS: readonly FaultKind[] = [
  'status500', 'slowHeaders', 'resetMidBody', 'emptyBody', 'widgetError', 'forbidden', 'rangeIgnored', 'plainText',
  'badGatewayHtml', 'tooManyRequests', 'unauthorizedPlain', 'redirectLogin', 'truncatedJson', 'invalidUtf8', 'oversizedBody',
  'trickleBody', 'clockSkew', 'slowAnswer', 'cutAfter', 'newVersion', 'throttle',
];
/** Faults that also hit media downloads when no path is given. */
const MEDIA_KINDS: readonly FaultKind[] = ['rangeIgnored', 'resetMidBody', 'cutAfter', 'newVersion', 'throttle'];
/** Faults that only shape a media body (never a platform answer). */
export const MEDIA_BODY_KINDS: readonly FaultKind[] = ['cutAfter', 'newVersion', 'throttle'];
/** Answer instead of the handler: nothing happens on the server (no order, no app). */
export const PRE_KINDS: readonly FaultKind[] = [
  'status500', 'forbidden', 'widgetError', 'plainText', 'badGatewayHtml', 'tooManyRequests', 'unauthorizedPlain', 'redirectLogin',
  'truncatedJson', 'invalidUtf8', 'oversizedBody', 'trickleBody',
];
/** After the handler ran: the server did its work and the answer is damaged or odd. */
export const POST_KINDS: readonly FaultKind[] = ['emptyBody', 'resetMidBody', 'clockSkew'];
/** What clockSkew moves the Date header by. */
export const CLOCK_SKEW_MS = 2 * 60 * 60_000;
/** oversizedBody's size: more than any platform answer, to see what the client does with it. */
export const OVERSIZED_BYTES = 50 * 1024 * 1024;

export type Area = 'platform' | 'media';

export function validateFault(input: unknown): Fault {
  if (typeof input !== 'object' || input === null) throw new Error('fault must be an object');
  const f = input as Record<string, unknown>;
  const kind = f['kind'];
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    throw new Error(`fault.kind must be one of ${KINDS.join(', ')}`);
  }
  const out: Fault = { kind: kind as FaultKind };
  if (f['path'] !== undefined) {
    if (typeof f['path'] !== 'string' || !f['path'].startsWith('/')) throw new Error("fault.path must start with '/'");
    out.path = f['path'];
  }
  if (f['times'] !== undefined) {
    if (typeof f['times'] !== 'number' || !Number.isInteger(f['times']) || f['times'] < 1) throw new Error('fault.times must be a positive integer');
    out.times = f['times'];
  }
  if (f['delayMs'] !== undefined) {
    if (typeof f['delayMs'] !== 'number' || f['delayMs'] < 0) throw new Error('fault.delayMs must be a number >= 0');
    out.delayMs = f['delayMs'];
  }
  for (const key of ['bytes', 'bytesPerSecond'] as const) {
    const value = f[key];
    if (value === undefined) continue;
    const min = key === 'bytes' ? 0 : 1;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new Error(`fault.${key} must be an integer >= ${min}`);
    out[key] = value;
  }
  if (kind === 'throttle' && out.bytesPerSecond === undefined) throw new Error('fault.bytesPerSecond is required for throttle');
  if (f['message'] !== undefined) {
    if (typeof f['message'] !== 'string') throw new Error('fault.message must be a string');
    out.message = f['message'];
  }
  return out;
}

export class FaultBook {
  private active: Fault[] = [];

  add(fault: Fault): Faults {
    this.active.push(validateFault(fault));
    return this.list();
  }

  clear(): Faults {
    this.active = [];
    return [];
  }

  list(): Faults {
    return this.active.map((f) => ({ ...f }));
  }

  /** Consumes one hit of the first active fault of one of `kinds` that applies to this request. */
  take(path: string, area: Area, kinds: readonly FaultKind[]): Fault | null {
    const index = this.active.findIndex((f) => kinds.includes(f.kind) && applies(f, path, area));
    if (index < 0) return null;
    const fault = this.active[index];
    if (!fault) return null;
    const hit = { ...fault };
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.active.splice(index, 1);
    }
    return hit;
  }
}

function applies(f: Fault, path: string, area: Area): boolean {
  if (f.path !== undefined) return f.path === path;
  return area === 'platform' || MEDIA_KINDS.includes(f.kind);
}

const MAINTENANCE_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>系统维护中</title></head>
<body><h1>系统维护中</h1><p>元境平台正在升级维护，请稍后再试。</p><p>Service temporarily unavailable.</p></body></html>
`;

const BAD_GATEWAY_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx/1.24.0</center>
</body>
</html>
`;

const OK_JSON = '{"status": "ok", "data": {"balance": 1}}';

/** A valid JSON answer sent one byte every `delayMs` (default 500): the body never finishes in time. */
function trickle(delayMs: number): Reply {
  const body = Buffer.from(`${OK_JSON}${' '.repeat(200)}`);
  return {
    kind: 'stream',
    status: 200,
    headers: { 'Content-Type': JSON_TYPE, 'Content-Length': body.length },
    async run(res) {
      for (const byte of body) {
        if (res.destroyed) return;
        res.write(Buffer.of(byte));
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
      res.end();
    },
  };
}

/** The Date header of a reply, 2 hours ahead (a server whose clock is off). */
export function skewDate(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  return { ...headers, Date: new Date(Date.now() + CLOCK_SKEW_MS).toUTCString() };
}

/** The reply a short-circuiting fault answers with. */
export function faultReply(fault: Fault, path: string): Reply {
  switch (fault.kind) {
    case 'badGatewayHtml':
      return bufferReply(502, 'text/html', BAD_GATEWAY_PAGE);
    case 'tooManyRequests':
      return bufferReply(429, 'text/plain; charset=utf-8', '429: Too Many Requests', { 'Retry-After': '1' });
    case 'unauthorizedPlain':
      // aiohttp_session's logout form: a plain-text 401 that also deletes the session cookie.
      return bufferReply(401, 'text/plain; charset=utf-8', '401: Unauthorized', {
        'Set-Cookie': 'AIOHTTP_SESSION=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/',
      });
    case 'redirectLogin':
      return bufferReply(302, HTML_TYPE, '<a href="/login.html">Found</a>', { Location: '/login.html' });
    case 'truncatedJson':
      return bufferReply(200, JSON_TYPE, OK_JSON.slice(0, 20));
    case 'invalidUtf8':
      return bufferReply(200, JSON_TYPE, Buffer.concat([Buffer.from('{"status": "error", "data": {"message": "'), Buffer.of(0xff, 0xfe, 0xc3, 0x28), Buffer.from('"}}')]));
    case 'oversizedBody':
      return bufferReply(200, JSON_TYPE, Buffer.concat([Buffer.from('{"status": "ok", "data": "'), Buffer.alloc(OVERSIZED_BYTES, 0x61), Buffer.from('"}')]));
    case 'trickleBody':
      return trickle(fault.delayMs ?? 500);
    case 'forbidden':
      return forbidden();
    case 'widgetError':
      return widget(path.startsWith('/llmage/') ? 'llm inference' : 'Error', fault.message ?? 'Please login first');
    case 'plainText':
      return bufferReply(200, HTML_TYPE, MAINTENANCE_PAGE);
    default:
      return serverError();
  }
}
