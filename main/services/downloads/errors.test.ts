/**
 * Download errors: the message the user reads (Chinese, then English), whether the queue retries,
 * and how a raw error from got or node:fs is classified.
 */
import { describe, expect, it } from 'vitest';
import { DownloadError, toDownloadError, type DownloadErrorCode } from './errors';

const CODES: DownloadErrorCode[] = ['network', 'timeout', 'server', 'expired_link', 'disk_full', 'length_mismatch', 'rename_failed', 'io', 'paused', 'cancelled'];
const withCode = (code: string, message = `${code}: something`) => Object.assign(new Error(message), { code });

describe('DownloadError messages', () => {
  it('every code has its own message: Chinese, then " / ", then English', () => {
    const messages = CODES.map((code) => new DownloadError(code).message);
    for (const message of messages) expect(message).toMatch(/^\p{Script=Han}[^ -~]* \/ [A-Z][ -~]+$/u);
    expect(new Set(messages).size).toBe(CODES.length);
  });

  it.each([
    ['network', /网络中断.*The connection was interrupted/],
    ['timeout', /服务器长时间没有响应.*The server stopped responding/],
    ['server', /视频服务器出错.*The video server answered with an error/],
    ['expired_link', /下载链接已过期.*open it in the browser/],
    ['disk_full', /磁盘空间不足.*Not enough disk space/],
    ['length_mismatch', /文件大小与服务器声明不符.*does not match/],
    ['rename_failed', /无法完成文件.*Could not finish the file/],
    ['io', /写入文件失败.*Could not write the file/],
    ['paused', /^已暂停 \/ Paused$/],
    ['cancelled', /^已取消 \/ Cancelled$/],
  ] as const)('%s says what happened', (code, text) => {
    expect(new DownloadError(code).message).toMatch(text);
  });

  it('a detail follows in brackets; no detail, no brackets', () => {
    expect(new DownloadError('server', { detail: 'HTTP 502' }).message).toBe('视频服务器出错 / The video server answered with an error (HTTP 502)');
    expect(new DownloadError('server', { detail: '' }).message).not.toContain('(');
  });

  it('keeps the cause, the status and its name', () => {
    const cause = new Error('socket hang up');
    const error = new DownloadError('network', { cause, httpStatus: 502 });
    expect(error).toMatchObject({ name: 'DownloadError', code: 'network', httpStatus: 502, cause });
    expect(error).toBeInstanceOf(Error);
    expect('cause' in new DownloadError('network')).toBe(false);
  });
});

describe('DownloadError.retryable', () => {
  it('retries the network, timeouts and server errors; never a full disk, a dead link, a stop or a file error', () => {
    const retried = CODES.filter((code) => new DownloadError(code).retryable);
    expect(retried).toEqual(['network', 'timeout', 'server']);
  });

  it.each([
    [399, true], [400, false], [401, false], [405, false], [408, true], [425, true], [429, true], [499, false], [500, true], [503, true],
  ])('a server answer %i: retried %s', (httpStatus, retried) => {
    expect(new DownloadError('server', { httpStatus }).retryable).toBe(retried);
  });
});

describe('toDownloadError', () => {
  it('passes a DownloadError through unchanged', () => {
    const original = new DownloadError('expired_link', { httpStatus: 403 });
    expect(toDownloadError(original)).toBe(original);
  });

  it.each(['ENOSPC', 'EDQUOT'])('%s → disk_full, keeping the cause', (code) => {
    const cause = withCode(code);
    expect(toDownloadError(cause)).toMatchObject({ code: 'disk_full', cause });
  });

  it('ETIMEDOUT or a TimeoutError → timeout, with the original text', () => {
    expect(toDownloadError(withCode('ETIMEDOUT', 'Timeout awaiting socket for 60000ms'))).toMatchObject({ code: 'timeout', message: expect.stringContaining('(Timeout awaiting socket for 60000ms)') });
    const named = Object.assign(new Error('read timed out'), { name: 'TimeoutError' });
    expect(toDownloadError(named)).toMatchObject({ code: 'timeout', message: expect.stringContaining('(read timed out)') });
  });

  it.each(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_GOT_REQUEST_ERROR', 'ERR_NON_2XX_3XX_RESPONSE'])(
    '%s → network (retryable), the code named',
    (code) => {
      const error = toDownloadError(withCode(code));
      expect(error).toMatchObject({ code: 'network', retryable: true });
      expect(error.message.endsWith(`(${code})`)).toBe(true);
    },
  );

  it.each(['EACCES', 'EROFS', 'ENOENT', 'EISDIR'])('another system code (%s) → io, not retried, the code named', (code) => {
    const error = toDownloadError(withCode(code));
    expect(error).toMatchObject({ code: 'io', retryable: false });
    expect(error.message.endsWith(`(${code})`)).toBe(true);
  });

  it('anything else (no code, a non-E code, not even an Error) → network with its text', () => {
    expect(toDownloadError(new Error('boom'))).toMatchObject({ code: 'network', message: expect.stringContaining('(boom)') });
    expect(toDownloadError(withCode('UND_ERR_SOCKET', 'other side closed'))).toMatchObject({ code: 'network', message: expect.stringContaining('(other side closed)') });
    expect(toDownloadError(withCode('', 'empty code'))).toMatchObject({ code: 'network' });
    expect(toDownloadError('just text')).toMatchObject({ code: 'network', message: expect.stringContaining('(just text)') });
    expect(toDownloadError(null)).toMatchObject({ code: 'network', message: expect.stringContaining('(null)') });
    expect(toDownloadError({ code: 7 })).toMatchObject({ code: 'network' });
  });
});
