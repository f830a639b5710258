import { describe, expect, it } from 'vitest';
import { decodeAnyOk, decodeResponse, type DecodedResponse } from './decode';

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
