/**
 * openStreamWith over a stand-in for got: what the request asks of the transport (sent once,
 * connect timeout only, the jar as this request sees it), and the fallbacks for a transport that
 * ends a response quietly — got 14 on Node 20 throws instead, but the app runs on Electron's Node
 * and a quiet end would otherwise read as a clean, complete stream.
 */
import { PassThrough } from 'node:stream';
import type { Got } from 'got';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../lib/errors';
import { capturingLogger } from '../testing/capturing-logger';
import type { CookieSource } from './cookies';
import { openStreamWith, type StreamDeps } from './http-stream';

type FakeRequest = PassThrough & { response?: { complete: boolean } };

/** A got whose stream() hands back a PassThrough that `script` drives; records the options it was given. */
function fakeGot(script: (req: FakeRequest) => void): { client: Got; calls: { url: string; options: Record<string, unknown> }[] } {
  const calls: { url: string; options: Record<string, unknown> }[] = [];
  const client = {
    stream: (url: string, options: Record<string, unknown>) => {
      calls.push({ url, options });
      const req: FakeRequest = new PassThrough();
      setImmediate(() => script(req));
      return req;
    },
  } as unknown as Got;
  return { client, calls };
}

const jar: CookieSource = { getCookieString: () => Promise.resolve(''), setCookie: () => Promise.resolve(undefined) };

function deps(client: Got, extra: Partial<StreamDeps> = {}): StreamDeps {
  return {
    client,
    jar,
    logger: capturingLogger(),
    url: 'http://platform.example/llmage/vidu_inference.dspy',
    path: '/llmage/vidu_inference.dspy',
    toAppError: (error) => new AppError('transport', error.message),
    onUnauthorized: () => undefined,
    ...extra,
  };
}

/** Answers 200 text/html, sends `chunk`, then ends the body quietly. */
function answerThenEnd(req: FakeRequest, chunk: string, complete: boolean): void {
  req.response = { complete };
  req.emit('response', { statusCode: 200, headers: { 'content-type': 'text/html' } });
  req.end(chunk);
}

async function readAll(chunks: AsyncIterable<Buffer>, parts: Buffer[]): Promise<AppError | null> {
  try {
    for await (const c of chunks) parts.push(c);
    return null;
  } catch (error) {
    return error as AppError;
  }
}

describe('the request it makes', () => {
  it('one POST, never retried, its own connect timeout and no response/total timeout; JSON with its type', async () => {
    const { client, calls } = fakeGot((req) => answerThenEnd(req, '{}', true));
    await readAll(await openStreamWith(deps(client), { json: { prompt: '猫' } }, { timeouts: { connectMs: 4_000 } }), []);
    expect(calls).toEqual([{ url: 'http://platform.example/llmage/vidu_inference.dspy', options: expect.objectContaining({ method: 'POST', body: '{"prompt":"猫"}', headers: { 'content-type': 'application/json' }, retry: { limit: 0 }, throwHttpErrors: false }) }]);
    expect(calls[0]?.options.timeout).toStrictEqual({ connect: 4_000, secureConnect: 4_000, response: undefined, request: undefined });
  });

  it('multipart goes as the form itself; the cookies come from the jar as this request sees it', async () => {
    const forThisRequest: CookieSource = { ...jar };
    const { client, calls } = fakeGot((req) => answerThenEnd(req, '{}', true));
    const form = new FormData();
    form.set('prompt', '猫');
    await readAll(await openStreamWith(deps(client, { jar: { ...jar, forRequest: () => forThisRequest } }), { multipart: form }), []);
    expect(calls[0]?.options.body).toBe(form);
    expect(calls[0]?.options.cookieJar).toBe(forThisRequest);
    expect(calls[0]?.options).not.toHaveProperty('headers');
  });
});

describe('a transport that ends the body quietly', () => {
  it('a complete response: a clean end, every byte delivered', async () => {
    const { client } = fakeGot((req) => answerThenEnd(req, '{"taskid": "1"}', true));
    const parts: Buffer[] = [];
    expect(await readAll(await openStreamWith(deps(client), { json: {} }), parts)).toBeNull();
    expect(Buffer.concat(parts).toString()).toBe('{"taskid": "1"}');
  });

  it('an incomplete response: the bytes, then a transport error (the connection was cut), logged', async () => {
    const logger = capturingLogger();
    const { client } = fakeGot((req) => answerThenEnd(req, '{"taskid": "1", "sta', false));
    const parts: Buffer[] = [];
    const error = await readAll(await openStreamWith(deps(client, { logger }), { json: {} }), parts);
    expect(error).toMatchObject({ code: 'transport', message: '连接被中断 / Connection reset' });
    expect(Buffer.concat(parts).toString()).toBe('{"taskid": "1", "sta');
    expect(logger.lines.some((l) => l.includes('"error":"transport"'))).toBe(true);
  });

  it('the idle watchdog fires and the destroyed request just ends: still the idle timeout', async () => {
    const { client } = fakeGot((req) => {
      // This transport's destroy() ends the body instead of failing it.
      req.destroy = () => req.end() as FakeRequest;
      req.response = { complete: true };
      req.emit('response', { statusCode: 200, headers: { 'content-type': 'text/html' } });
      req.write('{"taskid": "1", "status": "created"}\n');
    });
    const error = await readAll(await openStreamWith(deps(client), { json: {} }, { timeouts: { firstByteMs: 50, idleMs: 100 } }), []);
    expect(error).toMatchObject({ code: 'timeout', detail: 'idle' });
  });

  it('closed before any answer, without an error: a transport error, not a hang', async () => {
    const { client } = fakeGot((req) => req.destroy());
    await expect(openStreamWith(deps(client), { json: {} })).rejects.toMatchObject({ code: 'transport', message: '连接被中断 / Connection reset' });
  });
});

describe('no watchdog outlives the call (it would hold the process and destroy a finished request)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const answer = (status: number, contentType: string, body: string) => (req: FakeRequest) => {
    req.emit('response', { statusCode: status, headers: { 'content-type': contentType } });
    req.end(body);
  };

  it.each([
    ['a non-stream answer', answer(500, 'text/plain', 'oops')],
    ['no answer at all', (req: FakeRequest) => req.destroy()],
    ['a stream read to its end', answer(200, 'text/html', '{}')],
  ])('%s', async (_name, script) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client } = fakeGot(script);
    const opened = await openStreamWith(deps(client), { json: {} }).then((chunks) => readAll(chunks, []), (error: unknown) => error);
    expect(opened === null || opened instanceof AppError).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
