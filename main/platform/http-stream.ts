/**
 * A streaming POST for the video endpoint (platform-api.md §3.10/§3.11, §4.4 step 2–3, §10.7).
 *
 * - Sent once: never retried (it may create a task that costs money).
 * - Timeouts: connect; first body byte; idle between chunks (no keep-alive bytes exist, so idle
 *   is never below 60 s by default and never below the first-byte timeout); NO total timeout —
 *   variant A keeps the request open for the whole generation.
 * - Answers that are not a stream (non-200, or a JSON envelope/widget) are read whole and
 *   classified by the one decoder, then thrown as AppError like any other request.
 * - Bodies and cookies are never logged.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Got, Request, RequestError } from 'got';
import { AppError } from '../lib/errors';
import type { Logger } from '../core/ports';
import type { CookieSource } from './cookies';
import { decodeResponse } from './decode';

export interface StreamTimeouts {
  connectMs: number;
  /** Request sent → first body byte. */
  firstByteMs: number;
  /** Between two body chunks. Raised to at least `firstByteMs`. */
  idleMs: number;
}

export const DEFAULT_STREAM_TIMEOUTS: StreamTimeouts = { connectMs: 15_000, firstByteMs: 60_000, idleMs: 90_000 };

/** JSON (§3.10) or multipart with files (§3.11). No url-encoded form: it turns `false` into a true string (§1.1). */
export type StreamBody = { json: Record<string, unknown> } | { multipart: FormData };

export interface OpenStreamOptions {
  timeouts?: Partial<StreamTimeouts>;
}

export interface StreamDeps {
  client: Got;
  jar: CookieSource;
  logger: Logger;
  url: string;
  path: string;
  toAppError(error: RequestError): AppError;
  onUnauthorized(): void;
}

/** A non-stream answer is small (an envelope or an error page): cap what is read of it. */
const MAX_ANSWER_BYTES = 1024 * 1024;

export function resolveStreamTimeouts(partial: Partial<StreamTimeouts> = {}): StreamTimeouts {
  const t = { ...DEFAULT_STREAM_TIMEOUTS, ...partial };
  return { ...t, idleMs: Math.max(t.idleMs, t.firstByteMs) };
}

function timeoutError(which: 'first byte' | 'idle', ms: number): AppError {
  const zh = which === 'first byte' ? '服务器迟迟没有开始回答' : '服务器长时间没有发送数据';
  return new AppError('timeout', `${zh} / The server sent nothing for ${Math.round(ms / 1000)} s (${which} timeout)`, { detail: which });
}

function isJsonAnswer(contentType: string | undefined): boolean {
  return (contentType ?? '').toLowerCase().includes('application/json');
}

/** Opens the stream; resolves once the answer is known to be a stream, rejects with AppError otherwise. */
export async function openStreamWith(deps: StreamDeps, body: StreamBody, options: OpenStreamOptions = {}): Promise<AsyncIterable<Buffer>> {
  const timeouts = resolveStreamTimeouts(options.timeouts);
  const started = Date.now();
  const request: Request = deps.client.stream(deps.url, {
    method: 'POST',
    cookieJar: deps.jar.forRequest?.() ?? deps.jar,
    ...('json' in body ? { body: JSON.stringify(body.json), headers: { 'content-type': 'application/json' } } : { body: body.multipart }),
    retry: { limit: 0 },
    throwHttpErrors: false,
    // The instance's response/total timeouts must not apply: the watchdog below replaces them.
    timeout: { connect: timeouts.connectMs, secureConnect: timeouts.connectMs, response: undefined, request: undefined },
  });

  // One watchdog: first byte, then idle. It destroys the request; the error surfaces where it is read.
  let watchdog: NodeJS.Timeout | undefined;
  let timedOut: AppError | null = null;
  const arm = (which: 'first byte' | 'idle', ms: number): void => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      timedOut = timeoutError(which, ms);
      request.destroy();
    }, ms);
  };
  const settle = (error: unknown): AppError => {
    clearTimeout(watchdog);
    const appError = timedOut ?? (error instanceof AppError ? error : deps.toAppError(error as RequestError));
    deps.logger.warn('platform stream failed', { path: deps.path, error: appError.code, ms: Date.now() - started });
    return appError;
  };
  arm('first byte', timeouts.firstByteMs);
  // Errors are read where the body is read; this keeps one that lands in between from crashing.
  request.on('error', () => undefined);

  const response = await new Promise<{ statusCode: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
    const onError = (error: unknown): void => {
      done();
      reject(settle(error));
    };
    const onClose = (): void => onError(new AppError('transport', '连接被中断 / Connection reset'));
    const onResponse = (res: { statusCode: number; headers: IncomingHttpHeaders }): void => {
      done();
      resolve(res);
    };
    const done = (): void => {
      request.off('error', onError).off('close', onClose).off('response', onResponse);
    };
    request.once('response', onResponse).once('error', onError).once('close', onClose);
  });

  if (response.statusCode !== 200 || isJsonAnswer(response.headers['content-type'])) {
    const bytes = await readAnswer(request).catch((error: unknown) => {
      throw settle(error);
    });
    clearTimeout(watchdog);
    const { headers } = response;
    const decoded = decodeResponse({ status: response.statusCode, body: bytes, path: deps.path, retryAfter: headers['retry-after'], location: headers.location });
    deps.logger.warn('platform answered instead of streaming', { path: deps.path, status: response.statusCode, ms: Date.now() - started });
    if (decoded.kind !== 'error') throw new AppError('malformed', `无法识别的响应 / Unrecognised response from ${deps.path}`);
    if (decoded.code === 'unauthorized') deps.onUnauthorized();
    throw new AppError(decoded.code, decoded.message, { httpStatus: decoded.httpStatus, detail: decoded.detail, retryAfterSeconds: decoded.retryAfterSeconds });
  }

  async function* chunks(): AsyncGenerator<Buffer> {
    let first = true;
    try {
      try {
        for await (const chunk of request as AsyncIterable<Buffer>) {
          if (first) deps.logger.info('platform stream started', { path: deps.path, ms: Date.now() - started });
          first = false;
          arm('idle', timeouts.idleMs);
          yield chunk;
        }
      } catch (error) {
        throw settle(error);
      }
      // A destroyed request may end the iteration quietly: the watchdog's reason still counts.
      if (timedOut) throw settle(timedOut);
      if (request.response?.complete === false) throw settle(new AppError('transport', '连接被中断 / Connection reset'));
    } finally {
      clearTimeout(watchdog);
      request.destroy();
    }
  }
  return chunks();
}

async function readAnswer(request: Request): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_ANSWER_BYTES) break;
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
