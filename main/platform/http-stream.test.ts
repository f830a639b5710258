/** openStream against the simulator (and a stalling server): forms, timeouts, classification, no retries. */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MODEL } from '../../simulator/index';
import { AppError } from '../lib/errors';
import { createPlatformHttp, type PlatformHttpClient } from './http';
import { resolveStreamTimeouts } from './http-stream';
import { useSignedInSimulator } from '../testing/signed-in-sim';
import { capturingLogger, signIn } from '../testing/simple-http';
import { parseVideoStream } from './video-stream';

const VIDU = '/llmage/vidu_inference.dspy';
const T2V = { llmid: MODEL.q3Pro, llmcatelogid: 't2v', prompt: '江南古镇', duration: 5, transno: 'StreamTestTransno0001' };

let unauthorized = 0;
const logger = capturingLogger();

function client(baseUrl: string): PlatformHttpClient {
  return createPlatformHttp({
    baseUrl: () => baseUrl,
    jar: new CookieJar(),
    logger,
    onUnauthorized: () => void (unauthorized += 1),
    // A total timeout far below the stream's length: the stream must not be bound by it.
    timeouts: { connectMs: 2_000, responseMs: 200, totalMs: 300 },
  });
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const env = useSignedInSimulator({ taskTimings: { processingAfterMs: 250, succeedAfterMs: 700, billingDelayMs: 50 } }, client);
const control = () => env.sim().control;
const http = () => env.http();
beforeEach(() => {
  unauthorized = 0;
});

describe('openStream against the simulator', () => {
  it('single form: JSON body with its content type and the cookie; the one object arrives', async () => {
    const events = parseVideoStream(await collect(await http().openStream(VIDU, { json: T2V })));
    expect(events).toEqual([{ kind: 'object', value: { taskid: expect.stringMatching(/^\d{18}$/), status: 'created' } }]);
    const [req] = control().requests().filter((r) => r.path === VIDU);
    expect(req?.headers).toMatchObject({ contentType: 'application/json', cookie: true, authorization: false });
    expect(req?.body).toMatchObject({ transno: 'StreamTestTransno0001' });
  });

  it('lines form outlives the client total timeout: no total timeout on streams', { tags: ['slow'] }, async () => {
    control().setSwitches({ streamForm: 'lines' });
    const started = Date.now();
    const events = parseVideoStream(await collect(await http().openStream(VIDU, { json: T2V })));
    expect(Date.now() - started).toBeGreaterThan(500);
    expect(events.map((e) => (e.kind === 'object' ? e.value.status : e.kind))).toEqual(['created', 'processing', 'SUCCEEDED']);
  });

  it('multipart: fields as strings and the file part image_file', async () => {
    const form = new FormData();
    form.set('llmid', MODEL.q3I2v);
    form.set('llmcatelogid', 'i2v');
    form.set('prompt', '猫');
    form.set('image_file', new Blob([Buffer.from('89504e47', 'hex')], { type: 'image/png' }), 'cat.png');
    const events = parseVideoStream(await collect(await http().openStream(VIDU, { multipart: form })));
    expect(events[0]).toMatchObject({ kind: 'object', value: { status: 'created' } });
    expect(control().requests().find((r) => r.path === VIDU)?.bodyKind).toBe('multipart');
  });

  it('a FAILED line then a cut connection: the line is read, then a transport error', async () => {
    control().setSwitches({ streamFailure: 'vendorErrorThenReset' });
    const parts: Buffer[] = [];
    const error = await failure((async () => {
      for await (const c of await http().openStream(VIDU, { json: T2V })) parts.push(c);
    })());
    expect(error.code).toBe('transport');
    expect(parseVideoStream(Buffer.concat(parts))[0]).toMatchObject({ kind: 'object', value: { status: 'FAILED' } });
  });

  it('non-stream answers are classified: 账户余额不够 (app), 401 (and the session hook), 500; never retried', async () => {
    control().setBalance({ phone: '13900000001', balance: 1 });
    const refused = await failure(http().openStream(VIDU, { json: T2V }));
    expect([refused.code, refused.message]).toEqual(['app', '账户余额不够']);
    control().setBalance({ phone: '13900000001', balance: 126.5 });
    control().setFault({ kind: 'status500', path: VIDU });
    expect((await failure(http().openStream(VIDU, { json: T2V }))).code).toBe('server');
    expect(control().requests().filter((r) => r.path === VIDU)).toHaveLength(2);
    control().clearFaults();
    control().expireSessions();
    expect((await failure(http().openStream(VIDU, { json: T2V }))).code).toBe('unauthorized');
    expect(unauthorized).toBe(1);
    await signIn(http());
  });

  it('never logs the cookie or the body', () => {
    const text = logger.lines.join('\n');
    expect(text).not.toContain('AIOHTTP_SESSION');
    expect(text).not.toContain('江南古镇');
  });
});

describe('openStream timeouts (a server that stalls)', () => {
  let server: Server;
  let base = '';
  let behaviour: (res: ServerResponse) => void = () => undefined;
  beforeAll(async () => {
    server = createServer((_req, res) => behaviour(res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('first byte: nothing at all within firstByteMs → timeout', async () => {
    behaviour = () => undefined;
    const error = await failure(client(base).openStream(VIDU, { json: {} }, { timeouts: { firstByteMs: 150, idleMs: 150 } }));
    expect([error.code, error.detail]).toEqual(['timeout', 'first byte']);
  });

  it('idle: one chunk, then silence longer than idleMs → timeout after the chunk was delivered', async () => {
    behaviour = (res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.write('{"taskid": "1", "status": "created"}\n');
    };
    const parts: Buffer[] = [];
    const error = await failure((async () => {
      for await (const c of await client(base).openStream(VIDU, { json: {} }, { timeouts: { firstByteMs: 100, idleMs: 250 } })) parts.push(c);
    })());
    expect([error.code, error.detail]).toEqual(['timeout', 'idle']);
    expect(Buffer.concat(parts).toString()).toContain('created');
  });

  it('idle is never shorter than first byte; defaults are 15 s / 60 s / 90 s (§4.4 step 2)', () => {
    expect(resolveStreamTimeouts({ firstByteMs: 120_000, idleMs: 1_000 }).idleMs).toBe(120_000);
    expect(resolveStreamTimeouts()).toEqual({ connectMs: 15_000, firstByteMs: 60_000, idleMs: 90_000 });
    expect(resolveStreamTimeouts({ idleMs: 100_000 })).toEqual({ connectMs: 15_000, firstByteMs: 60_000, idleMs: 100_000 });
  });
});
