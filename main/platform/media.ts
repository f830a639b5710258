/**
 * Result-video requests (platform-api.md §4.6, §10.8; architecture.md "Downloads").
 *
 * - Its OWN got instance with NO cookie jar: a vendor's storage never sees the platform cookie.
 *   Only a URL on the platform's own origin whose path is `/idfile` (or `/idfile.dspy`) gets the
 *   session cookie, from the `cookieHeader()` callback, and a redirect off that origin drops it.
 * - The body is handed back as a stream, never buffered; bytes are counted as they arrive
 *   (`decompress: false` + `Accept-Encoding: identity`, so Content-Length means bytes on disk).
 * - Timeouts: connect, first byte, idle between chunks; no total timeout (a 2 GB file is slow).
 * - No retries here: the download engine and queue decide what happens after a failure.
 */
import got, { type BeforeRequestHook, type Got } from 'got';
import type { Readable } from 'node:stream';

export interface MediaTimeouts {
  connectMs: number;
  /** Request sent → response headers. */
  firstByteMs: number;
  /** Silence on the socket while the body streams. */
  idleMs: number;
}

export const DEFAULT_MEDIA_TIMEOUTS: MediaTimeouts = { connectMs: 15_000, firstByteMs: 30_000, idleMs: 60_000 };

export interface MediaClientOptions {
  /** The platform's base URL (settings); only its origin is used, to recognise `/idfile`. */
  platformBaseUrl: () => string;
  /** The platform session cookie as a `Cookie` header value, or null when signed out. */
  cookieHeader: () => string | null | Promise<string | null>;
  timeouts?: Partial<MediaTimeouts>;
  userAgent?: string;
  /** The proxy route and trusted CAs of the network settings (platform/network-hook.ts), as for platform requests. */
  beforeRequest?: BeforeRequestHook;
}

export interface MediaRequest {
  url: string;
  /** Resume: `Range: bytes=<start>-`, with `If-Range: <validator>` when one is known. */
  range?: { start: number; validator?: string };
  signal?: AbortSignal;
}

export interface MediaResponse {
  status: number;
  etag: string | null;
  lastModified: string | null;
  contentLength: number | null;
  /** From `Content-Range: bytes a-b/total` (206) or `bytes *\/total` (416). */
  contentRange: { start: number; end: number; total: number } | { start: null; end: null; total: number } | null;
  /** The body; read it or call `discard()`. */
  body: Readable;
  discard(): void;
}

export interface MediaClient {
  open(request: MediaRequest): Promise<MediaResponse>;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for `${base}/idfile?path=…` on the platform's own origin (the one media URL that needs the session). */
export function isPlatformFileUrl(url: string, platformBaseUrl: string): boolean {
  const target = parseUrl(url);
  const base = parseUrl(platformBaseUrl);
  // A reverse proxy may serve the platform under a prefix: compare the last path segment.
  return target !== null && base !== null && target.origin === base.origin && /\/idfile(\.dspy)?$/.test(target.pathname);
}

export function parseContentRange(header: string | undefined): MediaResponse['contentRange'] {
  if (!header) return null;
  const full = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header.trim());
  if (full) return { start: Number(full[1]), end: Number(full[2]), total: Number(full[3]) };
  const star = /^bytes \*\/(\d+)$/.exec(header.trim());
  return star ? { start: null, end: null, total: Number(star[1]) } : null;
}

/** Node keeps one value of ETag, Last-Modified and Content-Length and joins repeated others: never a list here. */
function headerText(value: string | string[] | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function createMediaClient(options: MediaClientOptions): MediaClient {
  const t = { ...DEFAULT_MEDIA_TIMEOUTS, ...options.timeouts };
  const client: Got = got.extend({
    // No cookieJar on purpose (see the header comment).
    retry: { limit: 0 },
    decompress: false,
    throwHttpErrors: false,
    followRedirect: true,
    timeout: { lookup: t.connectMs, connect: t.connectMs, secureConnect: t.connectMs, response: t.firstByteMs, socket: t.idleMs },
    headers: { 'accept-encoding': 'identity', ...(options.userAgent ? { 'user-agent': options.userAgent } : {}) },
    hooks: {
      ...(options.beforeRequest ? { beforeRequest: [options.beforeRequest] } : {}),
      beforeRedirect: [
        (next) => {
          // got already drops Cookie on a cross-host redirect; say it here too, so it never depends on that.
          if (!isPlatformFileUrl(String(next.url), options.platformBaseUrl())) delete next.headers.cookie;
        },
      ],
    },
  });

  return {
    async open(request) {
      const headers: Record<string, string> = {};
      if (request.range && request.range.start > 0) {
        headers.range = `bytes=${request.range.start}-`;
        if (request.range.validator) headers['if-range'] = request.range.validator;
      }
      if (isPlatformFileUrl(request.url, options.platformBaseUrl())) {
        const cookie = await options.cookieHeader();
        if (cookie) headers.cookie = cookie;
      }
      const stream = client.stream(request.url, { headers, signal: request.signal });
      return await new Promise<MediaResponse>((resolve, reject) => {
        // Stays attached: before the response it fails the open; after it (the promise settled, so
        // it does nothing) it keeps an error in the gap before the reader listens from crashing main.
        stream.on('error', reject);
        stream.once('response', (response: { statusCode: number; headers: Record<string, string | string[] | undefined> }) => {
          // Node's parser refuses a Content-Length that is not all digits before this point.
          const length = headerText(response.headers['content-length']);
          resolve({
            status: response.statusCode,
            etag: headerText(response.headers.etag),
            lastModified: headerText(response.headers['last-modified']),
            contentLength: length === null ? null : Number(length),
            contentRange: parseContentRange(headerText(response.headers['content-range']) ?? undefined),
            body: stream,
            discard: () => stream.destroy(),
          });
        });
      });
    },
  };
}
