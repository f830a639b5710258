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

  constructor(code: ErrorCode, message: string, options: { httpStatus?: number; detail?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.httpStatus = options.httpStatus;
    this.detail = options.detail;
  }

  toShape(): ApiErrorShape {
    return this.httpStatus === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, httpStatus: this.httpStatus };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
