/**
 * What the platform API modules (auth, account, keys, …) need from the HTTP layer.
 * `PlatformHttp` decodes every response with the one decoder (decode.ts) and throws AppError
 * for every non-ok outcome, so the API modules only read `data`.
 */

/** A decoded envelope that was not an error. */
export type OkOrChoose =
  | { kind: 'ok'; data: unknown }
  | { kind: 'choose'; data: unknown };

export interface RequestOptions {
  /** Overrides the default request timeout (ms). */
  timeoutMs?: number;
  /** Logout: any HTTP 200 is success whatever the body (platform-api.md §3.16). */
  anyOkIsSuccess?: boolean;
  /** Do not publish session.expired on 401 (login, SMS code). */
  noSessionExpiry?: boolean;
}

export interface PlatformHttp {
  /** GET with query parameters; retried (bounded, backoff) on transport errors and 5xx. */
  get(path: string, query?: Record<string, string | number>, options?: RequestOptions): Promise<OkOrChoose>;
  /** POST with a JSON body; never retried. */
  post(path: string, body: Record<string, unknown>, options?: RequestOptions): Promise<OkOrChoose>;
  /** The base URL in use, null when none is configured. */
  baseUrl(): string | null;
}
