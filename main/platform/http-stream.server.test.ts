/**
 * openStream against a local server scripted per test: the answers and breakages the simulator
 * does not make — non-stream answers with their headers, endless and cut answers, a reader that
 * stops early, an error before the first read, the timeout messages and what is logged.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { capturingLogger, createTestHttp } from '../testing/simple-http';
import type { OpenStreamOptions } from './http-stream';

const VIDU = '/llmage/vidu_inference.dspy';
const CREATED = '{"taskid": "1", "status": "created"}\n';

let server: Server;
let base = '';
let behaviour: (res: ServerResponse, req: IncomingMessage) => void = () => undefined;
let logger = capturingLogger();

beforeAll(async () => {
  server = createServer((req, res) => behaviour(res, req));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  logger = capturingLogger();
});

const open = (options?: OpenStreamOptions) => createTestHttp(base, logger).openStream(VIDU, { json: { prompt: 'p' } }, options);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function readAll(chunks: AsyncIterable<Buffer>, parts: Buffer[] = []): Promise<Buffer[]> {
  for await (const c of chunks) parts.push(c);
  return parts;
}

function logged(message: string): Record<string, unknown>[] {
  return logger.lines.map((l) => JSON.parse(l) as { message: string; fields: Record<string, unknown> }).filter((l) => l.message === message).map((l) => l.fields);
}

describe('answers that are not a stream', () => {
  it('429 keeps its Retry-After, a redirect says where to, 500 keeps its text for diagnostics', async () => {
    behaviour = (res) => res.writeHead(429, { 'Retry-After': '7' }).end('busy');
    expect(await failure(open())).toMatchObject({ code: 'busy', httpStatus: 429, retryAfterSeconds: 7 });
    behaviour = (res) => res.writeHead(302, { Location: 'https://gateway.example/login' }).end();
    expect(await failure(open())).toMatchObject({ code: 'redirected', httpStatus: 302, message: expect.stringContaining('gateway.example/login') });
    behaviour = (res) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Traceback: KeyError llmid');
    expect(await failure(open())).toMatchObject({ code: 'server', httpStatus: 500, detail: 'Traceback: KeyError llmid' });
    const answered = logged('platform answered instead of streaming');
    expect(answered.map((f) => f.status)).toEqual([429, 302, 500]);
    for (const fields of answered) expect(fields.ms).toBeLessThan(5_000);
  });

  it('a JSON answer (any spelling of the type) that is not an error envelope: malformed, never read as a stream', async () => {
    behaviour = (res) => res.writeHead(200, { 'Content-Type': 'Application/JSON; utf-8' }).end('{"status": "ok", "data": {"taskid": "1"}}');
    expect(await failure(open())).toMatchObject({ code: 'malformed', message: expect.stringContaining(VIDU) });
  });

  it('an answer that never ends is read up to 1 MiB and classified, not left to time out', async () => {
    behaviour = (res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      const timer = setInterval(() => res.write('x'.repeat(64 * 1024)), 5);
      res.on('close', () => clearInterval(timer));
    };
    const started = Date.now();
    const error = await failure(open({ timeouts: { firstByteMs: 8_000 } }));
    expect([error.code, error.detail?.slice(0, 3)]).toEqual(['server', 'xxx']);
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('the 1 MiB cap: an answer of exactly 1 MiB is read whole, one byte more is not', async () => {
    const envelope = (size: number): string => {
      const head = '{"status": "error", "data": {"message": "维护中"}, "pad": "';
      return `${head}${'a'.repeat(size - Buffer.byteLength(head) - 2)}"}`;
    };
    behaviour = (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(envelope(1024 * 1024));
    expect(await failure(open())).toMatchObject({ code: 'app', message: '维护中' });
    behaviour = (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(envelope(1024 * 1024 + 1));
    expect((await failure(open())).code).toBe('not_json');
  });

  it('an answer cut mid-body is a transport error (the task may exist), not a server refusal', async () => {
    behaviour = (res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain', 'Content-Length': '1000' });
      res.write('Trace', () => res.destroy());
    };
    expect((await failure(open())).code).toBe('transport');
    expect(logged('platform stream failed')).toEqual([expect.objectContaining({ path: VIDU, error: 'transport' })]);
  });
});

describe('the stream and its connection', () => {
  it('nobody listening: a transport error that says so (ECONNREFUSED: the request never left)', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const error = await failure(createTestHttp(`http://127.0.0.1:${port}`, logger).openStream(VIDU, { json: {} }));
    expect(error).toMatchObject({ code: 'transport', detail: 'ECONNREFUSED' });
  });

  it('an answer without a content type is read as the stream', async () => {
    behaviour = (res) => {
      res.writeHead(200);
      res.end(CREATED);
    };
    expect(Buffer.concat(await readAll(await open())).toString()).toBe(CREATED);
  });

  it('a reader that stops after the first chunk frees the connection at once', async () => {
    let closed = false;
    behaviour = (res, req) => {
      req.socket.on('close', () => void (closed = true));
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.write(CREATED);
    };
    for await (const chunk of await open()) {
      expect(chunk.toString()).toBe(CREATED);
      break;
    }
    for (let i = 0; i < 100 && !closed; i++) await sleep(10);
    expect(closed).toBe(true);
  });

  // Node drops what a destroyed stream had buffered: the bytes are gone, the error must not be.
  // (submitVideo reads at once, so nothing is buffered that long there.)
  it('a break that lands before the first read is reported by the read (no crash in between)', async () => {
    behaviour = (res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.write(CREATED, () => setTimeout(() => res.destroy(), 20));
    };
    const chunks = await open();
    await sleep(200);
    expect(await failure(readAll(chunks))).toMatchObject({ code: 'transport', detail: 'ECONNRESET' });
  });

  it('steady chunks keep a stream alive well past the first-byte and idle timeouts', { tags: ['slow'] }, async () => {
    behaviour = (res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      let sent = 0;
      const timer = setInterval(() => (++sent < 8 ? res.write(CREATED) : (clearInterval(timer), res.end())), 60);
    };
    const parts = await readAll(await open({ timeouts: { firstByteMs: 200, idleMs: 200 } }));
    expect(Buffer.concat(parts).toString()).toBe(CREATED.repeat(7));
  });

  it('a clean end after several chunks: every byte, and "stream started" logged once with the time it took', async () => {
    behaviour = (res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.write(CREATED, () => setTimeout(() => res.end('{"taskid": "1", "status": "SUCCEEDED"}'), 30));
    };
    expect(Buffer.concat(await readAll(await open())).toString()).toBe(`${CREATED}{"taskid": "1", "status": "SUCCEEDED"}`);
    const started = logged('platform stream started');
    expect(started).toEqual([{ path: VIDU, ms: expect.any(Number) }]);
    expect(started[0]?.ms).toBeGreaterThanOrEqual(0);
    expect(started[0]?.ms).toBeLessThan(5_000);
    expect(logged('platform stream failed')).toEqual([]);
  });
});

describe('timeout messages say which wait ran out, and for how long', () => {
  it('first byte', { tags: ['slow'] }, async () => {
    behaviour = () => undefined;
    const error = await failure(open({ timeouts: { firstByteMs: 600, idleMs: 600 } }));
    expect(error).toMatchObject({ code: 'timeout', detail: 'first byte', message: expect.stringMatching(/^服务器迟迟没有开始回答 .*for 1 s \(first byte timeout\)$/) });
    expect(logged('platform stream failed')).toEqual([{ path: VIDU, error: 'timeout', ms: expect.any(Number) }]);
    expect(logged('platform stream failed')[0]?.ms).toBeGreaterThanOrEqual(600);
    expect(logged('platform stream failed')[0]?.ms).toBeLessThan(5_000);
  });

  it('idle', { tags: ['slow'] }, async () => {
    behaviour = (res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.write(CREATED);
    };
    const error = await failure(readAll(await open({ timeouts: { firstByteMs: 100, idleMs: 600 } })));
    expect(error).toMatchObject({ code: 'timeout', detail: 'idle', message: expect.stringMatching(/^服务器长时间没有发送数据 .*for 1 s \(idle timeout\)$/) });
  });
});
