import { describe, expect, it } from 'vitest';
import { decodeAnyOk, decodeResponse, retryAfterSeconds, type DecodedResponse } from './decode';

const path = '/x/y.dspy';
const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 4), 'utf8');

type Case = [name: string, status: number, body: Buffer | string, expected: Partial<DecodedResponse> & { kind: DecodedResponse['kind'] }];

const cases: Case[] = [
  ['ok envelope', 200, json({ status: 'ok', data: { a: 1 } }), { kind: 'ok', data: { a: 1 } }],
  ['ok envelope without data', 200, json({ status: 'ok' }), { kind: 'ok', data: undefined }],
  ['choose envelope', 200, json({ status: 'choose', data: { users: [] } }), { kind: 'choose', data: { users: [] } }],
  ['error envelope keeps the platform text', 200, json({ status: 'error', data: { message: '手机短信验证码出错' } }), { kind: 'error', code: 'app', message: '手机短信验证码出错' }],
  [
    'escaped non-ASCII (\\uXXXX) decodes',
    200,
    '{"status": "error", "data": {"message": "\\u6ce8\\u518c\\u6682\\u672a\\u5f00\\u653e"}}',
    { kind: 'error', code: 'app', message: '注册暂未开放' },
  ],
  ['error envelope "need login"', 200, json({ status: 'error', data: { message: 'need login' } }), { kind: 'error', code: 'unauthorized', message: 'need login' }],
  ['error envelope "you need login to do this"', 200, json({ status: 'error', data: { message: 'you need login to do this' } }), { kind: 'error', code: 'unauthorized' }],
  ['error envelope without a message', 200, json({ status: 'error' }), { kind: 'error', code: 'app' }],
  ['unknown envelope status', 200, json({ status: 'maybe', data: 1 }), { kind: 'error', code: 'malformed' }],
  ['object without status', 200, json({ data: 1 }), { kind: 'error', code: 'malformed' }],
  ['JSON array', 200, json([1, 2]), { kind: 'error', code: 'malformed' }],
  ['JSON scalar', 200, '42', { kind: 'error', code: 'malformed' }],
  [
    'widget with message',
    200,
    json({ widgettype: 'Error', options: { title: 'llm inference', message: '账户余额不够' } }),
    { kind: 'error', code: 'widget', message: '账户余额不够' },
  ],
  ['widget with title only', 200, json({ widgettype: 'Error', options: { title: 'llm inference' } }), { kind: 'error', code: 'widget', message: 'llm inference' }],
  ['widget without options', 200, json({ widgettype: 'VBox' }), { kind: 'error', code: 'widget' }],
  [
    'widget "Please login first" is a 401',
    200,
    json({ widgettype: 'Error', options: { title: 'llm inference', message: 'Please login first' } }),
    { kind: 'error', code: 'unauthorized', message: 'Please login first' },
  ],
  ['empty body', 200, Buffer.alloc(0), { kind: 'error', code: 'empty_response', message: '服务器返回空响应 / empty response' }],
  ['whitespace body', 200, '  \n', { kind: 'error', code: 'empty_response' }],
  ['HTML body', 200, '<html><body>Gateway says hi</body></html>', { kind: 'error', code: 'not_json', message: '<html><body>Gateway says hi</body></html>' }],
  ['401 plain text', 401, '401: Unauthorized', { kind: 'error', code: 'unauthorized', httpStatus: 401 }],
  ['403 plain text', 403, '403: Forbidden', { kind: 'error', code: 'forbidden', httpStatus: 403 }],
  ['500 keeps the text as detail', 500, 'Traceback: boom', { kind: 'error', code: 'server', httpStatus: 500, detail: 'Traceback: boom' }],
  ['502 from a proxy is a transport error', 502, '<html>Bad Gateway</html>', { kind: 'error', code: 'transport', httpStatus: 502, detail: '<html>Bad Gateway</html>' }],
  ['504 from a proxy is a transport error', 504, 'Gateway Timeout', { kind: 'error', code: 'transport', httpStatus: 504 }],
  ['404 is a transport error', 404, 'Not Found', { kind: 'error', code: 'transport', httpStatus: 404 }],
  ['302 is a redirect (a gateway\'s login page or a wrong address)', 302, '', { kind: 'error', code: 'redirected', httpStatus: 302 }],
  ['429 says busy', 429, '429: Too Many Requests', { kind: 'error', code: 'busy', httpStatus: 429 }],
  ['invalid UTF-8 in a 2xx is malformed', 200, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { kind: 'error', code: 'malformed' }],
  ['invalid UTF-8 in a 500 is still a server error', 500, Buffer.from([0xff]), { kind: 'error', code: 'server', httpStatus: 500 }],
  ['BOM before JSON', 200, `\ufeff${JSON.stringify({ status: 'ok', data: 2 })}`, { kind: 'ok', data: 2 }],
];

describe('decodeResponse', () => {
  it.each(cases)('%s', (_name, status, body, expected) => {
    expect(decodeResponse({ status, body, path })).toMatchObject(expected);
  });

  it('decodes UTF-8 bytes regardless of any header (multi-byte characters intact)', () => {
    const body = Buffer.from('{"status":"error","data":{"message":"发送验证码出错: 网关"}}', 'utf8');
    expect(decodeResponse({ status: 200, body, path })).toEqual({ kind: 'error', code: 'app', message: '发送验证码出错: 网关' });
  });

  it('shows only the first ~200 characters of a non-JSON body', () => {
    const decoded = decodeResponse({ status: 200, body: 'x'.repeat(1000), path });
    expect(decoded.kind).toBe('error');
    if (decoded.kind !== 'error') return;
    expect(decoded.code).toBe('not_json');
    expect(decoded.message.length).toBeLessThanOrEqual(201);
  });

  it('never carries extra error fields (e.g. a user record with a password) into the result', () => {
    const decoded = decodeResponse({
      status: 200,
      body: json({ status: 'error', data: { message: 'username(13900000001) exists', user: { password: 'hash' } } }),
      path,
    });
    expect(JSON.stringify(decoded)).not.toContain('hash');
    expect(decoded).toMatchObject({ code: 'app', message: 'username(13900000001) exists' });
  });
});

describe('decodeAnyOk (logout)', () => {
  it('accepts a widget as success', () => {
    expect(decodeAnyOk({ status: 200, body: json({ widgettype: 'VBox', otext: 'logout success' }), path })).toMatchObject({ kind: 'ok' });
  });
  it('accepts an empty or HTML body as success', () => {
    expect(decodeAnyOk({ status: 200, body: '', path })).toEqual({ kind: 'ok', data: null });
    expect(decodeAnyOk({ status: 200, body: '<p>bye</p>', path })).toEqual({ kind: 'ok', data: null });
  });
  it('still fails on 5xx', () => {
    expect(decodeAnyOk({ status: 500, body: 'boom', path })).toMatchObject({ kind: 'error', code: 'server' });
  });
});

describe('decodeResponse: the edges users meet', () => {
  const decode = (status: number, body: Buffer | string, extra: Partial<Parameters<typeof decodeResponse>[0]> = {}) => decodeResponse({ status, body, path, ...extra });

  it('envelope status is read case- and space-insensitively', () => {
    expect(decode(200, json({ status: ' OK ', data: 1 }))).toEqual({ kind: 'ok', data: 1 });
    expect(decode(200, json({ status: 'Choose', data: 2 }))).toEqual({ kind: 'choose', data: 2 });
    expect(decode(200, json({ status: 'ERROR', data: 'x' }))).toEqual({ kind: 'error', code: 'app', message: 'x' });
    expect(decode(200, json({ status: 1, data: 2 }))).toMatchObject({ kind: 'error', code: 'malformed', message: expect.stringContaining(path) });
  });

  it('the error text: data.message, data itself, the envelope message, else a bilingual default', () => {
    expect(decode(200, json({ status: 'error', data: 'plain text' }))).toMatchObject({ message: 'plain text' });
    expect(decode(200, json({ status: 'error', data: 404 }))).toMatchObject({ message: '404' });
    expect(decode(200, json({ status: 'error', data: false }))).toMatchObject({ message: 'false' });
    expect(decode(200, json({ status: 'error', data: { message: '  ' }, message: 'outer' }))).toMatchObject({ message: 'outer' });
    expect(decode(200, json({ status: 'error', data: { code: 1 }, message: 'outer' }))).toMatchObject({ message: 'outer' });
    expect(decode(200, json({ status: 'error', data: null }))).toEqual({ kind: 'error', code: 'app', message: '平台返回错误 / The platform reported an error' });
    expect(decode(200, json({ status: 'error', data: ' Need Login ' }))).toMatchObject({ code: 'unauthorized' });
  });

  it('a widget: message, then title, then a bilingual notice; non-text options are not shown as [object]', () => {
    expect(decode(200, json({ widgettype: 'Error', options: { message: { a: 1 }, title: 'T' } }))).toMatchObject({ code: 'widget', message: 'T' });
    expect(decode(200, json({ widgettype: 'Error', options: 'x' }))).toEqual({ kind: 'error', code: 'widget', message: '服务器返回了一个提示 / The server answered with a notice' });
    expect(decode(200, json({ widgettype: 'Error', options: { message: 'you need login to do this' } }))).toMatchObject({ code: 'unauthorized' });
  });

  it('status boundaries: 2xx decodes, 1xx and 4xx are transport, 3xx is a redirect naming where to', () => {
    const ok = json({ status: 'ok', data: 1 });
    expect(decode(200, ok).kind).toBe('ok');
    expect(decode(299, ok).kind).toBe('ok');
    expect(decode(199, ok)).toMatchObject({ code: 'transport', httpStatus: 199, message: expect.stringContaining('199') });
    expect(decode(400, ok)).toMatchObject({ code: 'transport', httpStatus: 400, detail: expect.stringContaining('"ok"') });
    expect(decode(300, ok)).toMatchObject({ code: 'redirected', httpStatus: 300 });
    expect(decode(399, ok)).toMatchObject({ code: 'redirected', httpStatus: 399 });
    const redirect = decode(302, '', { location: `https://gw.example/login?next=${'x'.repeat(200)}` });
    expect(redirect).toMatchObject({ code: 'redirected', message: expect.stringContaining('→ https://gw.example/login?next=') });
    // The shown address is cut at 120 characters (30 of the prefix, 90 of the query).
    expect((redirect as { message: string }).message).toContain(`login?next=${'x'.repeat(90)}…)`);
    expect(decode(302, '')).toMatchObject({ message: expect.stringMatching(/\(HTTP 302\)$/) });
  });

  it('a proxy asking for credentials (407) is a transport error saying so', () => {
    expect(decode(407, '')).toEqual({ kind: 'error', code: 'transport', httpStatus: 407, message: expect.stringContaining('(407)') });
  });

  it('an error page without text carries no empty detail', () => {
    expect(decode(500, '   ')).toEqual({ kind: 'error', code: 'server', httpStatus: 500, message: expect.stringContaining('HTTP 500') });
    expect(decode(404, '')).not.toHaveProperty('detail');
  });

  it('the bilingual messages of the status errors and of unreadable replies', () => {
    expect(decode(401, '')).toMatchObject({ message: '未登录或登录已过期 / Not signed in or the session has expired' });
    expect(decode(429, '')).toMatchObject({ message: '服务器繁忙 / The server is busy (HTTP 429)' });
    expect(decode(403, '')).toMatchObject({ message: '当前账号无权使用此功能 / This account is not permitted to do this' });
    expect(decode(200, Buffer.from([0xff]))).toMatchObject({ message: '服务器返回的内容不是有效的 UTF-8 文本 / The reply is not valid UTF-8 text' });
    expect(decode(200, '[1]')).toMatchObject({ message: `无法识别的响应 / Unrecognised response from ${path}` });
  });

  it('errors carry only what is known: no status for an envelope error, no detail for a 401', () => {
    expect(decode(401, 'x')).not.toHaveProperty('detail');
    expect(decode(200, json({ status: 'error', data: 'x' }))).not.toHaveProperty('httpStatus');
    expect(decode(200, json({ status: 'error', data: 'x' }))).not.toHaveProperty('detail');
  });

  it('Retry-After: whole seconds, a date rounded up to the next second, blanks and junk unread', () => {
    const now = Date.parse('2026-01-01T00:00:00.500Z');
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds(' 12 ', now)).toBe(12);
    for (const junk of ['', '   ', 'x5', '5x', 'soon']) expect(retryAfterSeconds(junk, now)).toBeUndefined();
  });

  it('a 429 without a readable Retry-After carries no wait; with one it does', () => {
    expect(decode(429, '')).not.toHaveProperty('retryAfterSeconds');
    expect(decode(429, '', { retryAfter: 'later' })).not.toHaveProperty('retryAfterSeconds');
    expect(decode(429, '', { retryAfter: ' 12 ' })).toMatchObject({ code: 'busy', retryAfterSeconds: 12 });
    expect(decode(429, '', { retryAfter: '0' })).toMatchObject({ retryAfterSeconds: 0 });
  });

  it('a non-JSON body: exactly 200 characters shown whole, longer ones cut with …, the detail at 500', () => {
    const exact = 'y'.repeat(200);
    expect(decode(200, exact)).toMatchObject({ code: 'not_json', message: exact, detail: exact });
    const long = `  ${'z'.repeat(600)}  `;
    const decoded = decode(200, long) as { message: string; detail: string };
    expect(decoded.message).toBe(`${'z'.repeat(200)}…`);
    expect(decoded.detail).toBe(`${'z'.repeat(500)}…`);
  });

  it('invalid UTF-8 in an error page is kept as lossy text for diagnostics', () => {
    expect(decode(500, Buffer.from([0x41, 0xff, 0x42]))).toMatchObject({ detail: 'A\uFFFDB' });
  });

  it('a BOM is dropped only at the start', () => {
    expect(decode(200, Buffer.from(`\ufeff${JSON.stringify({ status: 'ok', data: 'a\ufeffb' })}`, 'utf8'))).toEqual({ kind: 'ok', data: 'a\ufeffb' });
  });
});

describe('decodeAnyOk: the JSON when there is some', () => {
  it('keeps a JSON answer, reads a UTF-8 buffer, and still refuses 401 and redirects', () => {
    expect(decodeAnyOk({ status: 200, body: Buffer.from('{"bye":"再见"}', 'utf8'), path })).toEqual({ kind: 'ok', data: { bye: '再见' } });
    expect(decodeAnyOk({ status: 200, body: Buffer.from([0xff]), path })).toEqual({ kind: 'ok', data: null });
    expect(decodeAnyOk({ status: 401, body: '', path })).toMatchObject({ code: 'unauthorized' });
    expect(decodeAnyOk({ status: 500, body: Buffer.from([0x41, 0xff]), path })).toMatchObject({ code: 'server', detail: 'A\uFFFD' });
  });
});
