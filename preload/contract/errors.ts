/**
 * Stable error codes that cross the IPC boundary. The renderer translates them; it never
 * parses messages. Platform codes mirror platform-api.md §1.3, the rest are the app's own.
 */
export type ErrorCode =
  // platform answers (platform-api.md §1.3)
  | 'app' // envelope status "error": message is the platform's own text, shown as written
  | 'widget' // a UI-widget object instead of an envelope
  | 'empty_response'
  | 'not_json'
  | 'unauthorized' // 401 / "need login": session expired or missing
  | 'forbidden' // 403: this account may not use the path
  | 'server' // 5xx
  | 'transport' // connection refused / reset / DNS / proxy errors
  | 'timeout'
  | 'malformed' // JSON that does not have the documented shape, or a reply that is not valid UTF-8
  | 'busy' // 429: the server asks to come back later (retryAfterSeconds when it said when)
  | 'redirected' // a 3xx (e.g. to a login page): a session gateway or a wrong address
  | 'too_large' // a reply bigger than any platform answer: refused unread
  // the app's own
  | 'invalid_input' // IPC input failed its schema
  | 'unknown_route'
  | 'forbidden_sender'
  | 'not_configured' // no server address yet
  | 'sms_unavailable' // §2.5: the server requires a session for SMS codes
  | 'wrong_code' // 手机短信验证码出错
  | 'no_pending_login' // choose/confirm without a pending login
  | 'url_refused' // an external URL failed the allowlist
  | 'insufficient_balance' // 账户余额不够 (§3.10), or the balance check before submitting (§10.6)
  | 'refused' // the platform refused a submission before creating a task (ERROR: line, §10.3)
  | 'not_found' // no such model or task (a stale id from the renderer)
  | 'insecure_server' // a packaged build refuses plain http to a non-loopback address until the user confirms it
  | 'internal';

export interface ApiErrorShape {
  code: ErrorCode;
  /** Human text: the platform's message when it sent one, else an English fallback. */
  message: string;
  httpStatus?: number;
  /** `busy`: the seconds the server asked to wait (Retry-After), when it said. */
  retryAfterSeconds?: number;
}

/** Every IPC answer. Nothing throws across the boundary. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiErrorShape };
