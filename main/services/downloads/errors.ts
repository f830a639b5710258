/**
 * Download failures. Their own codes (the IPC contract's ErrorCode has none for files yet); each
 * message is Chinese first, then English, like the rest of the app. `retryable` is the queue's
 * whole decision: a network hiccup is retried with backoff, a full disk or a dead link is not.
 */
export type DownloadErrorCode =
  | 'network' // reset, refused, DNS, body cut short
  | 'timeout' // nothing arrived for the idle / first-byte time
  | 'server' // 5xx, or an answer the engine cannot use
  | 'expired_link' // 403/404/410 from the video host: the signed URL has expired
  | 'disk_full' // not enough free space (the .part is kept)
  | 'length_mismatch' // more bytes than the server announced
  | 'rename_failed' // the OS kept refusing to rename the .part (antivirus, open file)
  | 'io' // any other file-system error
  | 'paused'
  | 'cancelled';

const MESSAGES: Record<DownloadErrorCode, string> = {
  network: '网络中断，稍后自动重试 / The connection was interrupted; retrying shortly',
  timeout: '服务器长时间没有响应 / The server stopped responding',
  server: '视频服务器出错 / The video server answered with an error',
  expired_link: '下载链接已过期，可在浏览器中打开 / The download link has expired; open it in the browser',
  disk_full: '磁盘空间不足，已保留已下载部分 / Not enough disk space; the part already downloaded is kept',
  length_mismatch: '文件大小与服务器声明不符 / The file size does not match what the server announced',
  rename_failed: '无法完成文件（可能被杀毒软件占用） / Could not finish the file (another program may hold it)',
  io: '写入文件失败 / Could not write the file',
  paused: '已暂停 / Paused',
  cancelled: '已取消 / Cancelled',
};

const RETRYABLE: ReadonlySet<DownloadErrorCode> = new Set(['network', 'timeout', 'server']);
const RETRY_4XX: ReadonlySet<number> = new Set([408, 425, 429]);

export class DownloadError extends Error {
  readonly code: DownloadErrorCode;
  readonly httpStatus?: number;

  constructor(code: DownloadErrorCode, options: { httpStatus?: number; detail?: string; cause?: unknown } = {}) {
    const detail = options.detail ? ` (${options.detail})` : '';
    super(`${MESSAGES[code]}${detail}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DownloadError';
    this.code = code;
    this.httpStatus = options.httpStatus;
  }

  get retryable(): boolean {
    // A 4xx answer (a signed-out /idfile's 401, a 400, a 405) says the same on every try; only
    // "too early / too many / timed out" are worth waiting for.
    const status = this.httpStatus ?? 0; // no status: not a 4xx
    if (status >= 400 && status < 500) return RETRY_4XX.has(status);
    return RETRYABLE.has(this.code);
  }
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Turns whatever a request or a write threw into a DownloadError (an existing one passes through). */
export function toDownloadError(error: unknown): DownloadError {
  if (error instanceof DownloadError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new DownloadError('disk_full', { cause: error });
  if (code === 'ETIMEDOUT' || (error as { name?: unknown } | null)?.name === 'TimeoutError') return new DownloadError('timeout', { cause: error, detail: text });
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('ERR_GOT') || code === 'ERR_NON_2XX_3XX_RESPONSE')) {
    return new DownloadError('network', { cause: error, detail: code });
  }
  if (typeof code === 'string' && code.startsWith('E')) return new DownloadError('io', { cause: error, detail: code });
  return new DownloadError('network', { cause: error, detail: text });
}
