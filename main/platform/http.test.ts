/** The platform HTTP client against the real simulator on loopback: faults, retries, headers, URL joining. */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../simulator/index';
import { AppError } from '../lib/errors';
import type { Logger } from '../core/ports';
import { PersistentCookieJar } from './cookies';
import { createPlatformHttp, HTTP_DEFAULT_TIMEOUTS, joinUrl, type PlatformHttpOptions } from './http';

const BALANCE = '/accounting/mybalance.dspy';
const SMS = '/rbac/gen_sms_code.dspy';
const LOGIN = '/rbac/phone_login.dspy';
const PHONE = '13900000001';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(JSON.stringify({ level, message, fields }));
  return { lines, info: write('info'), warn: write('warn'), error: write('error') };
}

function client(baseUrl: string | null, extra: Partial<PlatformHttpOptions> = {}) {
  let unauthorized = 0;
  const logger = recordingLogger();
  const http = createPlatformHttp({
    baseUrl: () => baseUrl,
    jar: new CookieJar(),
    logger,
    onUnauthorized: () => void (unauthorized += 1),
    retry: { baseDelayMs: 20, maxDelayMs: 50 },
    timeouts: { connectMs: 2_000, responseMs: 5_000, totalMs: 10_000 },
    ...extra,
  });
  return { http, logger, unauthorized: () => unauthorized };
}

async function signIn(http: ReturnType<typeof client>['http'], phone = PHONE): Promise<void> {
  const sms = await http.get(SMS, { cellphone: phone }, { noRetry: true, noSessionExpiry: true });
  const key = (sms.data as { key: string }).key;
  await http.post(LOGIN, { cellphone: phone, key, sms_code: '123456' }, { noSessionExpiry: true });
}

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 'demo', quiet: true });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.control.clearFaults();
  sim.control.resetSwitches();
  sim.control.clearRequests();
});

const countOf = (path: string, method?: string) =>
  sim.control.requests().filter((r) => r.path === path && (method === undefined || r.method === method)).length;

describe('joinUrl', () => {
  it('joins with exactly one slash', () => {
    expect(joinUrl('http://h:1', '/a.dspy')).toBe('http://h:1/a.dspy');
    expect(joinUrl('http://h:1/', 'a.dspy')).toBe('http://h:1/a.dspy');
    expect(joinUrl('http://h:1/yj//', '//rbac/a.dspy')).toBe('http://h:1/yj/rbac/a.dspy');
    expect(joinUrl('http://h:1', 'rbac/a.dspy')).toBe('http://h:1/rbac/a.dspy');
  });
});

describe('PlatformHttp against the simulator', () => {
  it('signs in and reads the balance with the stored cookie; sends JSON with its content type and no auth headers', async () => {
    const { http } = client(sim.url, { userAgent: 'YuanjingDesktop/9.9.9 (test)' });
    await signIn(http);
    const balance = await http.get(BALANCE);
    expect(balance.kind).toBe('ok');
    const requests = sim.control.requests();
    const login = requests.find((r) => r.path === LOGIN)!;
    expect(login.headers.contentType).toMatch(/^application\/json/);
    expect(login.bodyKind).toBe('json');
    expect(login.body).toMatchObject({ cellphone: PHONE, sms_code: '123456' });
    expect(requests.find((r) => r.path === BALANCE)!.headers.cookie).toBe(true);
    for (const r of requests) {
      expect(r.headers.authorization).toBe(false);
      expect(r.headers.xApiKey).toBe(false);
      expect(r.headers.clientUuid).toBe(false);
    }
  });

  it('a 401 without a session reports unauthorized and calls onUnauthorized; noSessionExpiry suppresses the call', async () => {
    const c = client(sim.url);
    const error = await expectAppError(c.http.get(BALANCE), 'unauthorized');
    expect(error.httpStatus).toBe(401);
    expect(c.unauthorized()).toBe(1);
    await expectAppError(c.http.get(BALANCE, undefined, { noSessionExpiry: true }), 'unauthorized');
    expect(c.unauthorized()).toBe(1);
  });

  it('GET: a persistent 500 is retried twice, then reported as server with the text kept as detail (not as a lost session)', async () => {
    const { http, unauthorized } = client(sim.url);
    await signIn(http);
    sim.control.clearRequests();
    sim.control.setFault({ kind: 'status500', path: BALANCE });
    const error = await expectAppError(http.get(BALANCE), 'server');
    expect(error.httpStatus).toBe(500);
    expect(error.detail).toBeTruthy();
    expect(countOf(BALANCE)).toBe(3);
    expect(unauthorized()).toBe(0);
  });

  it('GET: a transient 500 is hidden by the retry', async () => {
    const { http } = client(sim.url);
    await signIn(http);
    sim.control.clearRequests();
    sim.control.setFault({ kind: 'status500', path: BALANCE, times: 1 });
    expect((await http.get(BALANCE)).kind).toBe('ok');
    expect(countOf(BALANCE)).toBe(2);
  });

  it('POST is never retried', async () => {
    const { http } = client(sim.url);
    sim.control.setFault({ kind: 'status500', path: LOGIN });
    await expectAppError(http.post(LOGIN, { cellphone: PHONE, key: 'k', sms_code: '123456' }), 'server');
    expect(countOf(LOGIN)).toBe(1);
  });

  it('noRetry keeps a GET to one attempt', async () => {
    const { http } = client(sim.url);
    sim.control.setFault({ kind: 'status500', path: SMS });
    await expectAppError(http.get(SMS, { cellphone: PHONE }, { noRetry: true }), 'server');
    expect(countOf(SMS)).toBe(1);
  });

  it('classifies an empty body, a widget and plain text', async () => {
    const { http } = client(sim.url);
    await signIn(http);
    sim.control.setFault({ kind: 'emptyBody', path: BALANCE, times: 1 });
    await expectAppError(http.get(BALANCE), 'empty_response');
    sim.control.setFault({ kind: 'widgetError', path: BALANCE, times: 1, message: '服务维护中' });
    const widget = await expectAppError(http.get(BALANCE), 'widget');
    expect(widget.message).toBe('服务维护中');
    sim.control.setFault({ kind: 'plainText', path: BALANCE, times: 1 });
    await expectAppError(http.get(BALANCE), 'not_json');
    sim.control.setFault({ kind: 'forbidden', path: BALANCE, times: 1 });
    await expectAppError(http.get(BALANCE), 'forbidden');
  });

  it('a "Please login first" widget counts as a 401', async () => {
    const c = client(sim.url);
    await signIn(c.http);
    sim.control.setFault({ kind: 'widgetError', path: BALANCE, times: 1 });
    await expectAppError(c.http.get(BALANCE), 'unauthorized');
    expect(c.unauthorized()).toBe(1);
  });

  it('slow headers beyond the response timeout → timeout', { tags: ['slow'] }, async () => {
    const { http } = client(sim.url, { timeouts: { responseMs: 300 } });
    sim.control.setFault({ kind: 'slowHeaders', path: LOGIN, delayMs: 2_000 });
    const started = Date.now();
    const error = await expectAppError(http.post(LOGIN, { cellphone: PHONE, key: 'k', sms_code: '1' }), 'timeout');
    expect(error.message).toContain('timeout');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('a GET that never gets headers fails as timeout at the total deadline, not after every retry', { tags: ['slow'] }, async () => {
    // Each attempt would wait 400 ms; three attempts plus backoff take over 1.2 s.
    const { http } = client(sim.url, { timeouts: { responseMs: 400, deadlineMs: 600 } });
    sim.control.setFault({ kind: 'slowHeaders', path: BALANCE, delayMs: 5_000 });
    const started = Date.now();
    await expectAppError(http.get(BALANCE), 'timeout');
    expect(Date.now() - started).toBeLessThan(1_000);
    sim.control.clearFaults();
  });

  it('the default total deadline for a GET is 35 s (one 30 s attempt and part of a second)', () => {
    expect(HTTP_DEFAULT_TIMEOUTS.deadlineMs).toBe(35_000);
    expect(HTTP_DEFAULT_TIMEOUTS.deadlineMs).toBeGreaterThan(HTTP_DEFAULT_TIMEOUTS.responseMs);
  });

  it('a per-request timeoutMs overrides the default', async () => {
    const { http } = client(sim.url);
    sim.control.setFault({ kind: 'slowHeaders', path: LOGIN, delayMs: 2_000 });
    await expectAppError(http.post(LOGIN, { cellphone: PHONE }, { timeoutMs: 200 }), 'timeout');
  });

  it('connection refused → transport (after the GET retries)', async () => {
    const port = await freePort();
    const { http, logger } = client(`http://127.0.0.1:${port}`);
    const error = await expectAppError(http.get(BALANCE), 'transport');
    expect(error.message).toMatch(/Connection refused/);
    expect(logger.lines.some((line) => line.includes('ECONNREFUSED'))).toBe(true);
  });

  it('no server configured → not_configured, nothing sent', async () => {
    const { http } = client(null);
    await expectAppError(http.get(BALANCE), 'not_configured');
    expect(http.baseUrl()).toBeNull();
  });

  it('logout-style anyOkIsSuccess accepts the widget answer', async () => {
    const { http } = client(sim.url);
    expect(await http.post('/rbac/user/logout.dspy', {}, { anyOkIsSuccess: true })).toMatchObject({ kind: 'ok' });
  });

  it('never logs bodies, cookies or query values', async () => {
    const { http, logger } = client(sim.url);
    await signIn(http);
    sim.control.setFault({ kind: 'status500', path: BALANCE, times: 5 });
    await http.get(BALANCE, { secret: 'query-value-xyz' }).catch(() => undefined);
    const text = logger.lines.join('\n');
    expect(text).not.toContain('query-value-xyz');
    expect(text).not.toContain('AIOHTTP_SESSION');
    expect(text).not.toContain('123456');
  });
});

describe('a base URL with a path prefix', () => {
  let prefixed: Simulator;
  beforeAll(async () => {
    prefixed = await startSimulator({ port: 0, seed: 'demo', quiet: true, basePath: '/yj/api' });
  });
  afterAll(async () => {
    await prefixed.close();
  });

  it('joins every path under the prefix (with or without trailing slash)', async () => {
    expect(prefixed.url).toMatch(/\/yj\/api$/);
    const { http } = client(`${prefixed.url}/`);
    await signIn(http);
    expect((await http.get(BALANCE)).kind).toBe('ok');
    expect(prefixed.control.requests().map((r) => r.path)).toContain(BALANCE);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('Retry-After', () => {
  let server: Server;
  let hits = 0;
  let retryAfter = '1';
  let url = '';
  let userAgent = '';
  beforeAll(async () => {
    server = createHttpServer((req, res) => {
      hits += 1;
      userAgent = req.headers['user-agent'] ?? '';
      if (hits === 1) {
        res.writeHead(503, { 'Retry-After': retryAfter, 'Content-Type': 'text/plain' });
        res.end('busy');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json; utf-8' });
      res.end('{"status":"ok","data":1}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    hits = 0;
  });

  it('waits as long as the server asks before retrying a GET (and names the app in User-Agent)', { tags: ['slow'] }, async () => {
    retryAfter = '1';
    const { http } = client(url, { userAgent: 'YuanjingDesktop/1.2.3 (electron)' });
    const started = Date.now();
    expect(await http.get('/x.dspy')).toEqual({ kind: 'ok', data: 1 });
    expect(hits).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(userAgent).toBe('YuanjingDesktop/1.2.3 (electron)');
  });

  it('does not wait for an unreasonable Retry-After: fails at once', async () => {
    retryAfter = '3600';
    const { http } = client(url);
    // A 503 comes from whatever stands in front of the platform (§1.3): a transport error.
    await expectAppError(http.get('/x.dspy'), 'transport');
    expect(hits).toBe(1);
  });
});

describe('cookies and sign-out', () => {
  it('a Set-Cookie on a response that was in flight during sign-out does not sign the user back in', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = createHttpServer((_req, res) => {
      // A sliding re-issue (§2.2) that arrives after the jar was cleared.
      void gate.then(() => {
        res.setHeader('set-cookie', 'AIOHTTP_SESSION=reissued; HttpOnly; Path=/');
        res.end('{"status":"ok","data":1}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const secrets = new Map<string, string>();
    const jar = new PersistentCookieJar({
      secrets: {
        mode: 'encrypted',
        load: async (name) => secrets.get(name) ?? null,
        save: async (name, value) => void secrets.set(name, value),
        remove: async (name) => void secrets.delete(name),
      },
      logger: recordingLogger(),
      debounceMs: 1,
    });
    try {
      const { http } = client(url, { jar });
      const inFlight = http.get(BALANCE);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await jar.clear();
      release();
      expect(await inFlight).toEqual({ kind: 'ok', data: 1 });
      await jar.flush();
      expect(await jar.getCookieString(url)).toBe('');
      expect(secrets.size).toBe(0);

      // A request sent after the clear stores its cookie as usual.
      await http.get(BALANCE);
      expect(await jar.getCookieString(url)).toBe('AIOHTTP_SESSION=reissued');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
