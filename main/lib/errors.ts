import type { ApiErrorShape, ErrorCode } from '../../preload/contract/errors';

/**
 * The one error type main code throws. The IPC router turns it into an error envelope;
 * anything else that escapes a handler becomes `internal` (its text is logged, not sent).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly httpStatus?: number;
  /** Raw server text kept for diagnostics (never sent to the renderer, never a secret). */
  readonly detail?: string;
  /** `busy`: the seconds the server asked to wait. */
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    message: string,
    options: { httpStatus?: number; detail?: string; cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.httpStatus = options.httpStatus;
    this.detail = options.detail;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  toShape(): ApiErrorShape {
    const shape: ApiErrorShape = { code: this.code, message: this.message };
    if (this.httpStatus !== undefined) shape.httpStatus = this.httpStatus;
    if (this.retryAfterSeconds !== undefined) shape.retryAfterSeconds = this.retryAfterSeconds;
    return shape;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
