/**
 * The one decoder for every platform answer (platform-api.md §1.3). Pure: status + bytes in,
 * a classification out. PlatformHttp turns the `error` kind into an AppError; nothing else in
 * the app looks at raw bodies.
 */
import type { ErrorCode } from '../../preload/contract/errors';
import { isRecord } from './normalize';

export type DecodedResponse =
  | { kind: 'ok'; data: unknown }
  | { kind: 'choose'; data: unknown }
  | { kind: 'error'; code: ErrorCode; message: string; httpStatus?: number; detail?: string; retryAfterSeconds?: number };

export interface RawResponse {
  status: number;
  body: Buffer | string;
  /** The request path, for messages only. */
  path: string;
  /** The Retry-After header of a 429 (seconds or an HTTP date). */
  retryAfter?: string;
  /** The Location header of a redirect (the platform never redirects; a gateway in front of it does). */
  location?: string;
  /** Turns a Retry-After date into seconds from now. */
  now?: number;
}

/** How much of a non-JSON body is shown to the user / kept for diagnostics. */
const SHOWN_TEXT_CHARS = 200;
const DETAIL_CHARS = 500;

/** Envelope or widget messages that mean "no session" (Appendix A). */
const NEED_LOGIN_MESSAGES = new Set(['need login', 'you need login to do this', 'please login first']);

export function isNeedLoginMessage(message: string): boolean {
  return NEED_LOGIN_MESSAGES.has(message.trim().toLowerCase());
}

/** Strict: bytes that are not UTF-8 make the reply malformed instead of garbled text on screen. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text, or null when it is not valid UTF-8. A leading BOM is dropped. */
function bodyText(body: Buffer | string): string | null {
  // The platform labels JSON `application/json; utf-8` (no charset=): always decode as UTF-8.
  let text: string;
  if (typeof body === 'string') text = body;
  else {
    try {
      text = strictUtf8.decode(body);
    } catch {
      return null;
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** For diagnostics only (an error page's text): invalid bytes become U+FFFD. */
function lossyText(body: Buffer | string): string {
  return body.toString(); // a Buffer decodes as UTF-8; a string is itself
}

/** Retry-After as whole seconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  // A blank value is neither digits nor a date: it falls through to NaN below.
  if (/^\d+$/.test(value.trim())) return Number(value); // Number() ignores the spaces around
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function shorten(text: string, max: number): string {
  const compact = text.trim();
  return compact.length > max ? `${compact.slice(0, max)}…` : compact;
}

function messageText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function fail(code: ErrorCode, message: string, httpStatus?: number, detail?: string): Extract<DecodedResponse, { kind: 'error' }> {
  const error: Extract<DecodedResponse, { kind: 'error' }> = { kind: 'error', code, message };
  if (httpStatus !== undefined) error.httpStatus = httpStatus;
  if (detail !== undefined && detail !== '') error.detail = detail;
  return error;
}

function decodeStatusError(response: RawResponse, text: string): DecodedResponse | null {
  const { status } = response;
  if (status === 401) return fail('unauthorized', '未登录或登录已过期 / Not signed in or the session has expired', 401);
  if (status === 429) {
    const error = fail('busy', '服务器繁忙 / The server is busy (HTTP 429)', 429);
    const seconds = retryAfterSeconds(response.retryAfter, response.now);
    if (seconds !== undefined) error.retryAfterSeconds = seconds;
    return error;
  }
  // The platform never redirects (§1.3): a gateway in front of it sends its login page, or the
  // address points at some other site. Redirects are not followed (they would carry the cookie).
  if (status >= 300 && status <= 399) {
    const where = response.location ? ` → ${shorten(response.location, 120)}` : '';
    return fail('redirected', `服务器重定向了请求 / The server redirected the request (HTTP ${status}${where})`, status);
  }
  // A proxy on the way asks for credentials (https-proxy-agent replays its CONNECT answer as the response).
  if (status === 407) return fail('transport', '代理服务器拒绝了用户名或密码 / The proxy refused the user name or password (407)', 407);
  if (status === 403) return fail('forbidden', '当前账号无权使用此功能 / This account is not permitted to do this', 403);
  // Only 500 is the platform's own error page (§1.3); 502/504 and the like come from a proxy in
  // front of it and say nothing about the platform: a transport error.
  if (status === 500) {
    return fail('server', `服务器错误 / Server error (HTTP ${status})`, status, shorten(text, DETAIL_CHARS));
  }
  if (status < 200 || status > 299) {
    return fail('transport', `服务器返回异常状态 / Unexpected HTTP status ${status}`, status, shorten(text, DETAIL_CHARS));
  }
  return null;
}

/** A UI-widget object meant for the platform's web front end: an error or notice. */
function decodeWidget(widget: Record<string, unknown>): DecodedResponse {
  const options = isRecord(widget.options) ? widget.options : {};
  const message =
    messageText(options.message) ?? messageText(options.title) ?? '服务器返回了一个提示 / The server answered with a notice';
  if (isNeedLoginMessage(message)) return fail('unauthorized', message);
  return fail('widget', message);
}

function decodeEnvelope(envelope: Record<string, unknown>, path: string): DecodedResponse {
  const status = typeof envelope.status === 'string' ? envelope.status.trim().toLowerCase() : undefined;
  if (status === 'ok') return { kind: 'ok', data: envelope.data };
  if (status === 'choose') return { kind: 'choose', data: envelope.data };
  if (status === 'error') {
    const data = envelope.data;
    // Only `message` is read from error data; extra fields (user records, keys) are dropped here.
    const message =
      (isRecord(data) ? messageText(data.message) : messageText(data)) ??
      messageText(envelope.message) ??
      '平台返回错误 / The platform reported an error';
    if (isNeedLoginMessage(message)) return fail('unauthorized', message);
    return fail('app', message);
  }
  return fail('malformed', `无法识别的响应 / Unrecognised response from ${path}`);
}

export function decodeResponse(response: RawResponse): DecodedResponse {
  const strict = bodyText(response.body);
  const statusError = decodeStatusError(response, strict ?? lossyText(response.body));
  if (statusError) return statusError;
  if (strict === null) return fail('malformed', '服务器返回的内容不是有效的 UTF-8 文本 / The reply is not valid UTF-8 text');
  const text = strict;

  if (text.trim() === '') return fail('empty_response', '服务器返回空响应 / empty response');

  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    return fail('not_json', shorten(text, SHOWN_TEXT_CHARS), undefined, shorten(text, DETAIL_CHARS));
  }

  if (!isRecord(parsed)) {
    return fail('malformed', `无法识别的响应 / Unrecognised response from ${response.path}`);
  }
  if ('widgettype' in parsed) return decodeWidget(parsed);
  return decodeEnvelope(parsed, response.path);
}

/** For endpoints where any 2xx is success (logout, §3.16): the JSON if there is some, else null. */
export function decodeAnyOk(response: RawResponse): DecodedResponse {
  const text = bodyText(response.body);
  const statusError = decodeStatusError(response, text ?? lossyText(response.body));
  if (statusError) return statusError;
  try {
    return { kind: 'ok', data: JSON.parse(text ?? '') as unknown };
  } catch {
    return { kind: 'ok', data: null };
  }
}
