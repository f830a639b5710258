/**
 * Turns any thrown value into one sentence for the user. Codes whose message is the
 * platform's own words (`app`, `wrong_code`, `widget`) show those words as written; every other
 * code gets a translated sentence that tells the cases apart (network failure, timeout, server
 * error, expired session …), with the underlying text appended where it helps diagnosis.
 */
import type { DownloadErrorCode, DownloadView, ErrorCode } from '@contract';
import { isApiError } from '@/api';

export type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Codes whose message was written by the platform for people. */
const PLATFORM_WORDED: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['app', 'wrong_code', 'widget']);

/** Codes where the technical text (status line, exception, refused URL) helps the user or support. */
const WITH_DETAIL: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'server',
  'transport',
  'malformed',
  'redirected',
  'not_json',
  'invalid_input',
  'url_refused',
  'internal',
]);

const MAX_DETAIL = 160;

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL ? `${oneLine.slice(0, MAX_DETAIL - 1)}…` : oneLine;
}

export function errorCode(error: unknown): ErrorCode {
  return isApiError(error) ? error.code : 'internal';
}

export function describeError(error: unknown, t: Translate): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message.trim() : typeof error === 'string' ? error : '';
  if (PLATFORM_WORDED.has(code) && message) return message;
  // 429: say how long the server asked to wait, when it said.
  const seconds = isApiError(error) ? error.retryAfterSeconds : undefined;
  if (code === 'busy' && seconds !== undefined && seconds > 0) return t('errors.busyFor', { seconds });
  const sentence = t(`errors.${code}`);
  if (!WITH_DETAIL.has(code) || !message || message === sentence) return sentence;
  return t('errors.withDetail', { text: sentence, detail: shorten(message) });
}

const DOWNLOAD_CODES: ReadonlySet<string> = new Set<DownloadErrorCode>([
  'network', 'timeout', 'server', 'expired_link', 'disk_full', 'length_mismatch', 'rename_failed', 'io', 'paused', 'cancelled',
]);

/**
 * A download's error (DownloadView.error) in the user's language. Its codes are not ErrorCodes:
 * they come from the download engine. An unknown code (a newer main) shows main's own words.
 */
export function describeDownloadError(error: DownloadView['error'], t: Translate): string {
  if (!error) return '';
  return DOWNLOAD_CODES.has(error.code) ? t(`downloads.errors.${error.code}`) : error.message;
}
