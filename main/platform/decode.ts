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
  | { kind: 'error'; code: ErrorCode; message: string; httpStatus?: number; detail?: string };

export interface RawResponse {
  status: number;
  body: Buffer | string;
  /** The request path, for messages only. */
  path: string;
}

/** How much of a non-JSON body is shown to the user / kept for diagnostics. */
const SHOWN_TEXT_CHARS = 200;
const DETAIL_CHARS = 500;

/** Envelope or widget messages that mean "no session" (Appendix A). */
const NEED_LOGIN_MESSAGES = new Set(['need login', 'you need login to do this', 'please login first']);

export function isNeedLoginMessage(message: string): boolean {
  return NEED_LOGIN_MESSAGES.has(message.trim().toLowerCase());
}

function bodyText(body: Buffer | string): string {
  // The platform labels JSON `application/json; utf-8` (no charset=): always decode as UTF-8.
  const text = typeof body === 'string' ? body : body.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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

function fail(code: ErrorCode, message: string, httpStatus?: number, detail?: string): DecodedResponse {
  const error: DecodedResponse = { kind: 'error', code, message };
  if (httpStatus !== undefined) error.httpStatus = httpStatus;
  if (detail !== undefined && detail !== '') error.detail = detail;
  return error;
}

function decodeStatusError(status: number, text: string): DecodedResponse | null {
  if (status === 401) return fail('unauthorized', '未登录或登录已过期 / Not signed in or the session has expired', 401);
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
  const text = bodyText(response.body);
  const statusError = decodeStatusError(response.status, text);
  if (statusError) return statusError;

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
  const statusError = decodeStatusError(response.status, bodyText(response.body));
  if (statusError) return statusError;
  try {
    return { kind: 'ok', data: JSON.parse(bodyText(response.body)) as unknown };
  } catch {
    return { kind: 'ok', data: null };
  }
}
