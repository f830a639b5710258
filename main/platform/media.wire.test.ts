/**
 * The media client on the wire: the headers it sends (range, validator, cookie, user agent,
 * identity encoding, the network hook), what it reads back, redirects that leave /idfile, and
 * its timeouts. A loopback server in this file answers as each test scripts it.
 */
import { gzipSync } from 'node:zlib';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMediaClient, isPlatformFileUrl, parseContentRange, type MediaClientOptions } from './media';

const COOKIE = 'yj_session=secret-ticket';
let server: Server;
let base = '';
let seen: { path: string; headers: IncomingHttpHeaders }[] = [];
let answer: (path: string, res: ServerResponse) => void = (_p, res) => res.end('ok');

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    answer(req.url ?? '', res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen = [];
  answer = (_p, res) => res.end('ok');
});

function client(extra: Partial<MediaClientOptions> = {}) {
  return createMediaClient({ platformBaseUrl: () => base, cookieHeader: () => COOKIE, ...extra });
}

async function drain(body: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(c);
  return Buffer.concat(parts).toString();
}

describe('isPlatformFileUrl, the edges', () => {
  it('nothing is a platform file when either URL cannot be read', () => {
    expect(isPlatformFileUrl('https://p.example/idfile', 'not a base')).toBe(false);
    expect(isPlatformFileUrl('idfile?path=a', 'https://p.example/')).toBe(false);
  });
  it('the path must end in the idfile segment itself', () => {
    expect(isPlatformFileUrl('https://p.example/idfile/a.mp4', 'https://p.example/')).toBe(false);
    expect(isPlatformFileUrl('https://p.example/myidfile?path=a', 'https://p.example/')).toBe(false);
    expect(isPlatformFileUrl('https://p.example/idfile.dspyx', 'https://p.example/')).toBe(false);
    expect(isPlatformFileUrl('https://p.example/idfile.dspy', 'https://p.example/')).toBe(true);
    expect(isPlatformFileUrl('https://p.example/idfile', 'https://p.example/')).toBe(true);
  });
});

describe('parseContentRange, the edges', () => {
  it('no header, padding, and text around the forms', () => {
    expect(parseContentRange(undefined)).toBeNull();
    expect(parseContentRange(' bytes 0-9/10 ')).toEqual({ start: 0, end: 9, total: 10 });
    expect(parseContentRange(' bytes */10 ')).toEqual({ start: null, end: null, total: 10 });
    for (const text of ['xbytes 0-9/10', 'bytes 0-9/10x', 'xbytes */10', 'bytes */10x', 'bytes */', 'bytes 0-/10']) expect(parseContentRange(text)).toBeNull();
  });
});

describe('what is sent', () => {
  it('identity encoding and the user agent on every request; no Range from byte 0; no If-Range without a validator', async () => {
    await drain((await client({ userAgent: 'YuanJing/1.0' }).open({ url: `${base}/a.mp4`, range: { start: 0, validator: '"v1"' } })).body);
    await drain((await client().open({ url: `${base}/a.mp4`, range: { start: 10 } })).body);
    await drain((await client().open({ url: `${base}/a.mp4`, range: { start: 10, validator: '' } })).body);
    expect(seen[0]?.headers).toMatchObject({ 'accept-encoding': 'identity', 'user-agent': 'YuanJing/1.0' });
    expect(seen[0]?.headers).not.toHaveProperty('range');
    expect(seen[0]?.headers).not.toHaveProperty('if-range');
    expect(seen[1]?.headers.range).toBe('bytes=10-');
    expect(seen[1]?.headers).not.toHaveProperty('if-range');
    expect(seen[1]?.headers['user-agent']).not.toBe('YuanJing/1.0');
    expect(seen[2]?.headers).not.toHaveProperty('if-range');
  });

  it('the network hook of the settings sees every request', async () => {
    const hooked: string[] = [];
    await drain((await client({ beforeRequest: (options) => void hooked.push(String(options.url)) }).open({ url: `${base}/b.mp4` })).body);
    expect(hooked).toEqual([`${base}/b.mp4`]);
  });

  it('signed out: the /idfile request goes without a cookie', async () => {
    await drain((await client({ cookieHeader: async () => null }).open({ url: `${base}/idfile?path=/a.mp4` })).body);
    expect(seen[0]?.headers).not.toHaveProperty('cookie');
  });

  it('a redirect from /idfile to another path of the platform drops the cookie; one to another /idfile keeps it', async () => {
    answer = (path, res) => {
      if (path.startsWith('/idfile?path=/moved')) res.writeHead(302, { location: '/media/a.mp4' }).end();
      else if (path.startsWith('/idfile?path=/renamed')) res.writeHead(302, { location: '/idfile.dspy?path=/b.mp4' }).end();
      else res.end('ok');
    };
    await drain((await client().open({ url: `${base}/idfile?path=/moved` })).body);
    await drain((await client().open({ url: `${base}/idfile?path=/renamed` })).body);
    expect(seen.map((s) => [s.path, s.headers.cookie ?? null])).toEqual([
      ['/idfile?path=/moved', COOKIE], ['/media/a.mp4', null], ['/idfile?path=/renamed', COOKIE], ['/idfile.dspy?path=/b.mp4', COOKIE],
    ]);
  });
});

describe('what is read back', () => {
  it('validators and lengths from the headers; empty or missing ones are null', async () => {
    answer = (path, res) => {
      if (path === '/full') res.writeHead(206, { etag: '"v2"', 'last-modified': 'Wed, 02 Dec 2026 08:00:00 GMT', 'content-length': 2, 'content-range': 'bytes 8-9/10' }).end('ok');
      else res.writeHead(200, { etag: '' }).end('chunked body');
    };
    const full = await client().open({ url: `${base}/full` });
    expect(full).toMatchObject({ status: 206, etag: '"v2"', lastModified: 'Wed, 02 Dec 2026 08:00:00 GMT', contentLength: 2, contentRange: { start: 8, end: 9, total: 10 } });
    expect(await drain(full.body)).toBe('ok');
    const bare = await client().open({ url: `${base}/bare` });
    expect(bare).toMatchObject({ status: 200, etag: null, lastModified: null, contentLength: null, contentRange: null });
    expect(await drain(bare.body)).toBe('chunked body');
  });

  it('a refused connection rejects the open', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/a.mp4`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(client().open({ url })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('a compressed body arrives as sent: its bytes are what Content-Length counts (bytes on disk)', async () => {
    const packed = gzipSync(Buffer.from('a video, '.repeat(50)));
    answer = (_p, res) => res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': packed.length }).end(packed);
    const res = await client().open({ url: `${base}/packed` });
    const parts: Buffer[] = [];
    for await (const c of res.body) parts.push(c as Buffer);
    expect(Buffer.concat(parts).equals(packed)).toBe(true);
    expect(res.contentLength).toBe(packed.length);
  });

  it('the connection dropping before the body is read does not crash; the reader learns it', async () => {
    answer = (_p, res) => {
      res.writeHead(200, { 'content-length': 100 });
      res.write(Buffer.alloc(10), () => setTimeout(() => res.destroy(), 20));
    };
    const res = await client().open({ url: `${base}/dropped` });
    await new Promise((r) => setTimeout(r, 150));
    await expect(drain(res.body)).rejects.toThrow();
  });

  it('discard ends the body without reading it', async () => {
    answer = (_p, res) => {
      res.writeHead(200, { 'content-length': 100_000 });
      res.write(Buffer.alloc(10));
    };
    const res = await client().open({ url: `${base}/big` });
    res.discard();
    expect(res.body.destroyed).toBe(true);
  });
});

describe('timeouts', () => {
  it('connect, first byte and idle limits, the unset ones at their defaults (idle never below 60 s, §10.7); no retries of its own', async () => {
    const limits: unknown[] = [];
    const retries: unknown[] = [];
    const hook: MediaClientOptions['beforeRequest'] = (options) => {
      limits.push({ ...options.timeout });
      retries.push(options.retry.limit);
    };
    await drain((await client({ beforeRequest: hook }).open({ url: `${base}/a.mp4` })).body);
    await drain((await client({ beforeRequest: hook, timeouts: { firstByteMs: 5_000 } }).open({ url: `${base}/a.mp4` })).body);
    expect(limits).toEqual([
      { lookup: 15_000, connect: 15_000, secureConnect: 15_000, response: 30_000, socket: 60_000 },
      { lookup: 15_000, connect: 15_000, secureConnect: 15_000, response: 5_000, socket: 60_000 },
    ]);
    // The download engine and queue decide what follows a failure; the client never repeats a request.
    expect(retries).toEqual([0, 0]);
  });

  it('no headers within the first-byte time: the open rejects', async () => {
    answer = (_p, res) => void setTimeout(() => res.end('late'), 1_000);
    const started = Date.now();
    await expect(client({ timeouts: { firstByteMs: 150 } }).open({ url: `${base}/slow` })).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('a body that goes silent fails after the idle time, not before', async () => {
    answer = (_p, res) => {
      res.writeHead(200, { 'content-length': 100 });
      res.write(Buffer.alloc(10));
    };
    const res = await client({ timeouts: { idleMs: 200 } }).open({ url: `${base}/stall` });
    const started = Date.now();
    await expect(drain(res.body)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});
