/**
 * The platform HTTP client: ONE got instance, the cookie jar, and the one decoder.
 *
 * - URLs: `${base}/${path}` with exactly one `/` (the base may carry a reverse-proxy prefix).
 * - Timeouts are explicit; GETs are retried (bounded, jittered backoff, Retry-After honoured) on
 *   transport errors and 5xx; POSTs never are (they may spend money or create things, §1.6).
 * - Every Set-Cookie of every response goes into the jar through got's `cookieJar` (§2.2).
 * - No Authorization / x-api-key / client_uuid header is ever sent (§1.1, §9).
 * - Bodies, cookies and query values are never logged: only method, path, status, timing.
 */
import got, { RequestError, type BeforeRequestHook, type Got, type Response } from 'got';
import { AppError } from '../lib/errors';
import type { Logger } from '../core/ports';
import type { CookieSource } from './cookies';
import { decodeAnyOk, decodeResponse, type DecodedResponse } from './decode';
import { openStreamWith, type OpenStreamOptions, type StreamBody } from './http-stream';
import type { OkOrChoose, PlatformHttp, RequestOptions } from './types';

export interface HttpTimeouts {
  connectMs: number;
  /** Request written → response headers received. */
  responseMs: number;
  /** Whole attempt, body included. */
  totalMs: number;
  /**
   * A GET with all its retries and backoff: past this the user gets "timeout". Without it a
   * server that never answers took three 30 s attempts (91 s) to report anything.
   */
  deadlineMs: number;
}

export interface HttpRetryPolicy {
  /** Extra attempts for a GET. */
  limit: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for (the call fails instead). */
  maxRetryAfterMs: number;
}

export interface PlatformHttpOptions {
  baseUrl: () => string | null;
  jar: CookieSource;
  /** Called on a 401 / "need login"; `startedAt` lets the session ignore requests older than its login. */
  onUnauthorized: (info: { startedAt: number }) => void;
  logger: Logger;
  /** The clock `startedAt` is measured with (the session's clock). */
  now?: () => number;
  timeouts?: Partial<HttpTimeouts>;
  retry?: Partial<HttpRetryPolicy>;
  /** e.g. `YuanjingDesktop/0.1.0 (electron)`. */
  userAgent?: string;
  /** Chooses the proxy agents and trusted CAs of each request (platform/network-hook.ts). */
  beforeRequest?: BeforeRequestHook;
  /** A reply bigger than this is refused unread (default 10 MB; no platform answer comes near it). */
  maxReplyBytes?: number;
  /**
   * Asked with the full URL before anything is sent; throws (an AppError) to refuse it. The
   * plain-http rule of a packaged build (services/plain-http.ts) lives here.
   */
  guardUrl?: (url: string) => void;
}

/** Client-side extras on top of the shared RequestOptions. */
export interface HttpRequestOptions extends RequestOptions {
  /** Do not retry even a GET (e.g. the SMS code: a retry would send a second SMS). */
  noRetry?: boolean;
}

export interface PlatformHttpClient extends PlatformHttp {
  get(path: string, query?: Record<string, string | number>, options?: HttpRequestOptions): Promise<OkOrChoose>;
  post(path: string, body: Record<string, unknown>, options?: HttpRequestOptions): Promise<OkOrChoose>;
  /** The video stream (§4): one POST, never retried, first-byte and idle timeouts, no total timeout. */
  openStream(path: string, body: StreamBody, options?: OpenStreamOptions): Promise<AsyncIterable<Buffer>>;
}

export const DEFAULT_MAX_REPLY_BYTES = 10 * 1024 * 1024;
export const HTTP_DEFAULT_TIMEOUTS: HttpTimeouts = { connectMs: 10_000, responseMs: 30_000, totalMs: 60_000, deadlineMs: 35_000 };
const DEFAULT_RETRY: HttpRetryPolicy = { limit: 2, baseDelayMs: 500, maxDelayMs: 4_000, maxRetryAfterMs: 10_000 };
const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504, 521, 522, 524];
const RETRY_ERROR_CODES = ['ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRINUSE'];
/** Headers that would authenticate or influence the session key: never sent implicitly. */
const FORBIDDEN_HEADERS = ['authorization', 'x-api-key', 'client_uuid', 'client-uuid'];

/** Joins base and path with exactly one `/`. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Jittered exponential backoff in [half, full] of the step, so it is never 0 (0 = no retry). */
function backoffDelay(attempt: number, policy: HttpRetryPolicy): number {
  const step = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.max(1, Math.round(step * (0.5 + Math.random() * 0.5)));
}

function createGot(options: PlatformHttpOptions, timeouts: HttpTimeouts, retry: HttpRetryPolicy): Got {
  return got.extend({
    throwHttpErrors: false,
    followRedirect: false,
    responseType: 'buffer',
    cookieJar: options.jar,
    headers: { 'user-agent': options.userAgent ?? 'YuanjingDesktop' },
    timeout: { connect: timeouts.connectMs, secureConnect: timeouts.connectMs, response: timeouts.responseMs, request: timeouts.totalMs },
    retry: {
      limit: retry.limit,
      // The one guard that keeps a POST (it may create an order or a task) to a single attempt,
      // whatever the failure: tested in http-transport.test.ts and http.test.ts.
      methods: ['GET'],
      statusCodes: RETRY_STATUS_CODES,
      errorCodes: RETRY_ERROR_CODES,
      maxRetryAfter: retry.maxRetryAfterMs,
      calculateDelay: ({ attemptCount, computedValue, retryAfter, error }) => {
        if (computedValue === 0) return 0; // not retryable, or out of attempts
        const delay = retryAfter !== undefined ? computedValue : backoffDelay(attemptCount, retry); // got already capped Retry-After
        // No retry that would start after the call's deadline: fail now with the real error.
        const deadline = (error.options.context as { deadline?: unknown }).deadline;
        if (typeof deadline === 'number' && Date.now() + delay >= deadline) return 0;
        return delay;
      },
    },
    hooks: {
      beforeRequest: [
        (request) => {
          for (const name of FORBIDDEN_HEADERS) delete request.headers[name];
        },
        ...(options.beforeRequest ? [options.beforeRequest] : []),
      ],
    },
  });
}

function tooLargeError(maxBytes: number): AppError {
  const mb = Math.round(maxBytes / (1024 * 1024));
  return new AppError('too_large', `服务器的回复过大（超过 ${mb} MB），已停止接收 / The reply is too large (over ${mb} MB) and was not read`);
}

function transportError(error: RequestError): AppError {
  const code = error.code ?? '';
  if (error.name === 'TimeoutError' || code === 'ETIMEDOUT') {
    return new AppError('timeout', '连接服务器超时 / The server did not answer in time (timeout)', { detail: code, cause: error });
  }
  const known: Record<string, string> = {
    ECONNREFUSED: '无法连接服务器 / Connection refused',
    ECONNRESET: '连接被中断 / Connection reset',
    EPIPE: '连接被中断 / Connection reset',
    ENOTFOUND: '找不到服务器 / Server address not found',
    EAI_AGAIN: '找不到服务器 / Server address not found',
    ENETUNREACH: '网络不可用 / Network unreachable',
    EHOSTUNREACH: '网络不可用 / Network unreachable',
  };
  // Node's own TLS errors are ERR_TLS_*; OpenSSL's verify errors name the certificate in their
  // message, not always in their code (UNABLE_TO_VERIFY_LEAF_SIGNATURE: "unable to verify the
  // first certificate", a gateway that sends no intermediate).
  const tls = code.startsWith('ERR_TLS') || /certificate/i.test(error.message);
  const message = known[code] ?? (tls ? '服务器证书无效 / TLS certificate error' : `网络错误 / Network error${code ? ` (${code})` : ''}`);
  return new AppError('transport', message, { detail: code || error.message, cause: error });
}

export function createPlatformHttp(options: PlatformHttpOptions): PlatformHttpClient {
  const timeouts = { ...HTTP_DEFAULT_TIMEOUTS, ...options.timeouts };
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const client = createGot(options, timeouts, retry);
  const { logger } = options;
  const now = options.now ?? Date.now;
  const maxReplyBytes = options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;

  /** The full URL of a call, after the guard agreed to it: nothing is sent to a refused origin. */
  function target(path: string): string {
    const base = options.baseUrl();
    if (!base) throw new AppError('not_configured', '尚未设置服务器地址 / No server address is configured');
    const url = joinUrl(base, path);
    options.guardUrl?.(url);
    return url;
  }

  async function send(
    method: 'GET' | 'POST',
    path: string,
    request: { query?: Record<string, string | number>; body?: Record<string, unknown> },
    opts: HttpRequestOptions = {},
  ): Promise<OkOrChoose> {
    const url = target(path);
    const responseMs = opts.timeoutMs ?? timeouts.responseMs;
    const started = Date.now();
    const startedAt = now();
    let response: Response<Buffer>;
    let tooLarge = false;
    try {
      const call = client(url, {
        method,
        responseType: 'buffer',
        cookieJar: options.jar.forRequest?.() ?? options.jar,
        searchParams: request.query,
        // JSON with an explicit Content-Type: without it the server misreads the body as a form.
        ...(method === 'POST' ? { body: JSON.stringify(request.body ?? {}), headers: { 'content-type': 'application/json' } } : {}),
        timeout: { response: responseMs, request: Math.max(timeouts.totalMs, responseMs + timeouts.connectMs) },
        ...(opts.noRetry ? { retry: { limit: 0 } } : {}),
        // One deadline over every attempt of a GET (a TimeoutError reason: got reports a timeout).
        ...(method === 'GET' ? { signal: AbortSignal.timeout(timeouts.deadlineMs), context: { deadline: Date.now() + timeouts.deadlineMs } } : {}),
      });
      // Stop at the announced length (Content-Length) or at the first byte past the limit: a 50 MB
      // reply is never buffered whole. Cancelling also ends any retry.
      call.on('downloadProgress', (progress: { transferred: number; total?: number }) => {
        if (tooLarge || (progress.transferred <= maxReplyBytes && (progress.total ?? 0) <= maxReplyBytes)) return;
        tooLarge = true;
        call.cancel();
      });
      response = await call;
    } catch (error) {
      if (tooLarge) {
        // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
        logger.warn('platform reply too large', { method, path, limit: maxReplyBytes, ms: Date.now() - started });
        throw tooLargeError(maxReplyBytes);
      }
      if (!(error instanceof RequestError)) throw error;
      const appError = transportError(error);
      // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
      logger.warn('platform request failed', { method, path, error: appError.code, reason: error.code ?? error.name, ms: Date.now() - started });
      throw appError;
    }

    const raw = {
      status: response.statusCode,
      body: response.body,
      path,
      // Node keeps one value of each of these headers (only set-cookie is a list).
      retryAfter: response.headers['retry-after'],
      location: response.headers.location,
      now: Date.now(),
    };
    const decoded: DecodedResponse = opts.anyOkIsSuccess ? decodeAnyOk(raw) : decodeResponse(raw);
    if (decoded.kind !== 'error') return decoded;

    // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
    logger.warn('platform answered with an error', {
      method,
      path,
      status: response.statusCode,
      error: decoded.code,
      retries: response.retryCount,
      ms: Date.now() - started,
    });
    if (decoded.code === 'unauthorized' && !opts.noSessionExpiry) options.onUnauthorized({ startedAt });
    throw new AppError(decoded.code, decoded.message, { httpStatus: decoded.httpStatus, detail: decoded.detail, retryAfterSeconds: decoded.retryAfterSeconds });
  }

  return {
    get: (path, query, opts) => send('GET', path, { query }, opts),
    post: (path, body, opts) => send('POST', path, { body }, opts),
    openStream: (path, body, opts) => {
      let url: string;
      try {
        url = target(path);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      const startedAt = now();
      const deps = { client, jar: options.jar, logger, url, path, toAppError: transportError, onUnauthorized: () => options.onUnauthorized({ startedAt }) };
      return openStreamWith(deps, body, opts);
    },
    baseUrl: () => options.baseUrl(),
  };
}
