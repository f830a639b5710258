import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '@contract';
import { ApiError } from '@/api';
import { collectMessages, i18n, loadAllMessages, type MessageTree } from './index';
import { describeDownloadError, describeError } from './errors';

const ALL_CODES: ErrorCode[] = [
  'app', 'widget', 'empty_response', 'not_json', 'unauthorized', 'forbidden', 'server', 'transport', 'timeout',
  'malformed', 'invalid_input', 'unknown_route', 'forbidden_sender', 'not_configured', 'sms_unavailable',
  'wrong_code', 'no_pending_login', 'url_refused', 'internal', 'busy', 'redirected', 'too_large', 'insecure_server',
];

function keys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

const t = (key: string, named?: Record<string, unknown>) => (named ? i18n.global.t(key, named) : i18n.global.t(key));

describe('messages', () => {
  it('merges area files per locale folder', () => {
    const merged = collectMessages({
      './messages/zh-CN/a.ts': { a: { x: '甲' } },
      './messages/zh-CN/b.ts': { b: { y: '乙' } },
      './messages/en/a.ts': { a: { x: 'A' } },
      './messages/fr/a.ts': { a: { x: 'ignored' } },
    });
    expect(merged).toEqual({ 'zh-CN': { a: { x: '甲' }, b: { y: '乙' } }, en: { a: { x: 'A' } } });
  });

  it('has the same keys in Chinese and English', () => {
    const messages = i18n.global.messages.value as unknown as Record<string, MessageTree>;
    expect(keys(messages.en).sort()).toEqual(keys(messages['zh-CN']).sort());
  });

  it.each(['zh-CN', 'en'] as const)('translates every error code in %s', (locale) => {
    for (const code of ALL_CODES) {
      expect(i18n.global.te(`errors.${code}`, locale), code).toBe(true);
    }
  });
});

describe('describeError', () => {
  const err = (code: ErrorCode, message: string) => new ApiError({ code, message });

  it('shows the platform words as written for app, wrong_code and widget', () => {
    expect(describeError(err('app', '注册暂未开放，请联系管理员'), t)).toBe('注册暂未开放，请联系管理员');
    expect(describeError(err('wrong_code', '手机短信验证码出错'), t)).toBe('手机短信验证码出错');
    expect(describeError(err('widget', 'Please login first'), t)).toBe('Please login first');
    expect(describeError(err('app', ''), t)).toBe('服务器拒绝了该请求');
  });

  it('tells network failure, timeout, server error and expired session apart', () => {
    const texts = [
      describeError(err('transport', 'ECONNRESET'), t),
      describeError(err('timeout', 'Timeout'), t),
      describeError(err('server', 'HTTP 502'), t),
      describeError(err('unauthorized', 'need login'), t),
      describeError(err('empty_response', ''), t),
    ];
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts[0]).toBe('无法连接到服务器，请检查网络连接和服务器地址（ECONNRESET）');
    expect(texts[1]).toBe('服务器响应超时，请稍后重试');
    expect(texts[3]).toBe('登录已过期，请重新登录');
  });

  it('a 429 says the server is busy and, when it said, for how many seconds; a redirect and an oversized reply have their own words', () => {
    expect(describeError(new ApiError({ code: 'busy', message: 'HTTP 429', retryAfterSeconds: 30 }), t)).toBe('服务器繁忙，请 30 秒后重试');
    expect(describeError(err('busy', 'HTTP 429'), t)).toBe('服务器繁忙，请稍后重试');
    const redirected = describeError(err('redirected', 'HTTP 302 → /login.html'), t);
    expect(redirected).toContain('重新登录');
    expect(redirected).toContain('/login.html');
    expect(describeError(err('too_large', 'over 10 MB'), t)).toBe('服务器的回复过大，已停止接收；请检查服务器地址');
  });

  it('says "not permitted" once: main\'s own bilingual 403 text adds nothing', () => {
    const forbidden = err('forbidden', '当前账号无权使用此功能 / This account is not permitted to do this');
    expect(describeError(forbidden, t)).toBe('当前账号无权使用此功能');
  });

  it('shortens long technical detail and treats unknown throwables as internal errors', () => {
    const long = describeError(err('server', 'x'.repeat(500)), t);
    expect(long.length).toBeLessThan(200);
    expect(describeError(new Error('boom'), t)).toBe('应用内部错误（boom）');
    expect(describeError('weird', t)).toBe('应用内部错误（weird）');
  });

  it('speaks English when the UI does', () => {
    i18n.global.locale.value = 'en';
    try {
      expect(describeError(err('timeout', 'x'), t)).toBe('The server took too long to answer, please try again later');
      expect(describeError(err('transport', 'ECONNREFUSED'), t)).toBe(
        'Cannot reach the server; check your network connection and the server address (ECONNREFUSED)',
      );
    } finally {
      i18n.global.locale.value = 'zh-CN';
    }
  });
});

describe('describeDownloadError', () => {
  const codes = ['network', 'timeout', 'server', 'expired_link', 'disk_full', 'length_mismatch', 'rename_failed', 'io', 'paused', 'cancelled'];

  it.each(['zh-CN', 'en'] as const)('translates every download error code in %s', async (locale) => {
    await loadAllMessages();
    for (const code of codes) expect(i18n.global.te(`downloads.errors.${code}`, locale), code).toBe(true);
  });

  it('says disk full in words, and shows main\'s words for a code it does not know', async () => {
    await loadAllMessages();
    expect(describeDownloadError({ code: 'disk_full', message: 'x' }, t)).toBe('磁盘空间不足，已下载的部分已保留；腾出空间后点「重试」继续');
    expect(describeDownloadError({ code: 'brand_new', message: '新的错误 / A new error' }, t)).toBe('新的错误 / A new error');
    expect(describeDownloadError(null, t)).toBe('');
  });
});
