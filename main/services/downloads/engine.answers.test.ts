/**
 * The download engine against servers that answer oddly but really do: each test scripts the
 * answers of a loopback node:http server and checks the bytes on disk, the requests the server
 * saw and the error the user is shown. (engine.test.ts: the simulator and the common faults;
 * engine.files.test.ts: the file system's side.)
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMediaClient, type MediaClient, type MediaClientOptions } from '../../platform/media';
import { bigRefusal, rangeAnswer, send, sendRange, startScriptedServer, within, type ScriptedServer } from '../../testing/scripted-media';
import { createDownloadEngine, partPaths, type EngineOptions } from './engine';
import { DownloadError } from './errors';

const BYTES = randomBytes(200_000);
const ETAG = '"v1"';
let server: ScriptedServer;
let dir: string;

beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => server.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'yj-dl-answers-'));
  server.requests.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function engine(extra: Partial<EngineOptions> = {}, timeouts?: MediaClientOptions['timeouts']) {
  const media = createMediaClient({ platformBaseUrl: () => 'http://platform.invalid', cookieHeader: () => null, ...(timeouts ? { timeouts } : {}) });
  return createDownloadEngine({ media, rename: { attempts: 2, delayMs: 1 }, ...extra });
}

const download = (name = 'v.mp4', extra: Partial<EngineOptions> = {}) => engine(extra).download({ url: server.url, dir, name });

async function failure(promise: Promise<unknown>): Promise<DownloadError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

/** What an earlier, cut download left: the first `kept` bytes (or `part`) and its meta file. */
function leftBehind(name: string, part: Buffer | null, meta: string | null = JSON.stringify({ url: server.url, validator: ETAG, total: BYTES.length })) {
  const paths = partPaths(dir, name);
  if (part) writeFileSync(paths.part, part);
  if (meta !== null) writeFileSync(paths.meta, meta);
  return paths;
}

const ranges = () => server.requests.map((r) => r.range);
const fileIs = (name: string, bytes: Buffer) => expect(readFileSync(join(dir, name)).equals(bytes)).toBe(true);

describe('answers that refuse the download', () => {
  it.each([403, 404, 410])('%i → expired_link (not retryable), nothing written, the refusal body not downloaded', async (status) => {
    const refusal = bigRefusal(status);
    server.answer(refusal.answer);
    const error = await failure(download());
    expect(error).toMatchObject({ code: 'expired_link', httpStatus: status, retryable: false });
    expect(await within(refusal.dropped, 3_000)).toBe(true);
    expect(existsSync(join(dir, 'v.mp4'))).toBe(false);
  });

  it.each([[500, true], [503, true], [401, false]] as const)('%i → server error naming the status (retryable: %s), body not downloaded', async (status, retryable) => {
    const refusal = bigRefusal(status);
    server.answer(refusal.answer);
    const error = await failure(download());
    expect(error).toMatchObject({ code: 'server', httpStatus: status, retryable });
    expect(error.message).toContain(`HTTP ${status}`);
    expect(await within(refusal.dropped, 3_000)).toBe(true);
  });
});

describe('resuming a .part', () => {
  it('a 416 whose total is the .part size: the file was already whole, finished without fetching', async () => {
    leftBehind('w.mp4', BYTES);
    server.answer(rangeAnswer(BYTES, { etag: ETAG }));
    const result = await download('w.mp4');
    expect(result).toMatchObject({ size: BYTES.length, fetched: 0, restarts: 0 });
    expect(server.requests).toEqual([{ range: `bytes=${BYTES.length}-`, ifRange: ETAG }]);
    fileIs('w.mp4', BYTES);
  });

  it('a 416 for a file now shorter than the .part: starts over from zero, no stale tail', async () => {
    leftBehind('s.mp4', randomBytes(250_000));
    server.answer(rangeAnswer(BYTES, { etag: ETAG }));
    const result = await download('s.mp4');
    expect(ranges()).toEqual(['bytes=250000-', null]);
    expect(result).toMatchObject({ size: BYTES.length, fetched: BYTES.length, restarts: 1 });
    fileIs('s.mp4', BYTES);
  });

  it('a 206 that starts elsewhere than asked: starts over from zero', async () => {
    leftBehind('o.mp4', BYTES.subarray(0, 100_000));
    server.answer((req, res) => (req.headers.range ? sendRange(res, BYTES, 50_000, { etag: ETAG }) : send(res, 200, { ETag: ETAG }, BYTES)));
    const result = await download('o.mp4');
    expect(ranges()).toEqual(['bytes=100000-', null]);
    expect(result).toMatchObject({ fetched: BYTES.length, restarts: 1 });
    fileIs('o.mp4', BYTES);
  });

  it('a 416 or a 206 without a Content-Range to a resume: starts over from zero', async () => {
    for (const status of [416, 206]) {
      const name = `ncr${status}.mp4`;
      leftBehind(name, BYTES.subarray(0, 100_000));
      server.answer((req, res) => (req.headers.range ? send(res, status, { ETag: ETAG }, status === 416 ? Buffer.alloc(0) : BYTES.subarray(100_000)) : send(res, 200, { ETag: ETAG }, BYTES)));
      expect(await download(name)).toMatchObject({ fetched: BYTES.length, restarts: 1 });
      fileIs(name, BYTES);
    }
    expect(ranges()).toEqual(['bytes=100000-', null, 'bytes=100000-', null]);
  });

  it('a 416 to a plain request (a confused cache): asked again, done', async () => {
    server.answer((_req, res, index) => (index === 0 ? send(res, 416, {}, Buffer.alloc(0)) : send(res, 200, { ETag: ETAG }, BYTES)));
    expect(await download('p416.mp4')).toMatchObject({ fetched: BYTES.length, restarts: 1 });
    expect(ranges()).toEqual([null, null]);
    fileIs('p416.mp4', BYTES);
  });

  it('a .part already full length but a 206 from byte 0: not taken as finished, fetched again', async () => {
    leftBehind('f.mp4', randomBytes(BYTES.length));
    server.answer((req, res) => (req.headers.range ? sendRange(res, BYTES, 0, { etag: ETAG }) : send(res, 200, { ETag: ETAG }, BYTES)));
    expect(await download('f.mp4')).toMatchObject({ fetched: BYTES.length, restarts: 1 });
    fileIs('f.mp4', BYTES);
  });

  it('a 200 carrying a Content-Range is the whole file, not the rest', async () => {
    leftBehind('c.mp4', BYTES.subarray(0, 100_000));
    server.answer((_req, res) => send(res, 200, { ETag: ETAG, 'Content-Range': `bytes 100000-199999/${BYTES.length}` }, BYTES));
    const result = await download('c.mp4');
    expect(result).toMatchObject({ size: BYTES.length, fetched: BYTES.length, restarts: 1 });
    fileIs('c.mp4', BYTES);
  });

  it('a meta file that is not ours (unreadable, or missing the validator or the URL) is not trusted: no Range', async () => {
    server.answer(rangeAnswer(BYTES, { etag: ETAG }));
    const metas = ['{ not json', JSON.stringify({ url: server.url }), JSON.stringify({ validator: ETAG })];
    for (const [i, meta] of metas.entries()) {
      leftBehind(`m${i}.mp4`, BYTES.subarray(0, 100_000), meta);
      expect(await download(`m${i}.mp4`)).toMatchObject({ fetched: BYTES.length });
      fileIs(`m${i}.mp4`, BYTES);
    }
    expect(server.requests).toEqual(metas.map(() => ({ range: null, ifRange: null })));
  });

  it('noRange (the retry after a refused link) fetches from zero although a .part is kept', async () => {
    const paths = leftBehind('n.mp4', BYTES.subarray(0, 100_000));
    server.answer(rangeAnswer(BYTES, { etag: ETAG }));
    const result = await engine().download({ url: server.url, dir, name: 'n.mp4', noRange: true });
    expect(ranges()).toEqual([null]);
    expect(result).toMatchObject({ fetched: BYTES.length, restarts: 0 });
    fileIs('n.mp4', BYTES);
    expect(existsSync(paths.meta)).toBe(false);
  });
});

describe('validators', () => {
  const cutOnce = (index: number) => (index === 0 ? 80_000 : undefined);

  it('only Last-Modified: the resume asks If-Range with that date and fetches only the rest', async () => {
    const lastModified = 'Wed, 02 Dec 2026 08:00:00 GMT';
    server.answer(rangeAnswer(BYTES, { lastModified }, cutOnce));
    await failure(download('lm.mp4'));
    const result = await download('lm.mp4');
    expect(server.requests[1]).toEqual({ range: 'bytes=80000-', ifRange: lastModified });
    expect(result.fetched).toBe(BYTES.length - 80_000);
    fileIs('lm.mp4', BYTES);
  });

  it('ETag and Last-Modified both: If-Range carries the ETag', async () => {
    server.answer(rangeAnswer(BYTES, { etag: ETAG, lastModified: 'Wed, 02 Dec 2026 08:00:00 GMT' }, cutOnce));
    await failure(download('both.mp4'));
    await download('both.mp4');
    expect(server.requests[1]).toEqual({ range: 'bytes=80000-', ifRange: ETAG });
  });

  it('no validator at all: a cut restarts from zero, and a meta left from an older version is dropped', async () => {
    leftBehind('nv.mp4', BYTES.subarray(0, 30_000));
    server.answer(rangeAnswer(BYTES, {}, (i) => (i < 2 ? 50_000 : undefined)));
    const first = await failure(download('nv.mp4'));
    expect(first).toMatchObject({ code: 'network', retryable: true });
    expect(existsSync(partPaths(dir, 'nv.mp4').meta)).toBe(false);
    await failure(download('nv.mp4'));
    await download('nv.mp4');
    // The kept .part answered with a 200 and no validator: nothing to resume against afterwards.
    expect(server.requests).toEqual([{ range: 'bytes=30000-', ifRange: ETAG }, { range: null, ifRange: null }, { range: null, ifRange: null }]);
    fileIs('nv.mp4', BYTES);
  });
});

describe('how many bytes arrive', () => {
  it('a resumed answer capped short of the end (a CDN range limit): network error, the bytes kept, the next call goes on from there', async () => {
    server.answer((req, res, index) => {
      if (index === 0) return void send(res, 200, { ETag: ETAG }, BYTES, 80_000);
      const start = Number(/\d+/.exec(req.headers.range ?? '')?.[0]);
      if (index === 1) return void send(res, 206, { ETag: ETAG, 'Content-Range': `bytes ${start}-139999/${BYTES.length}` }, BYTES.subarray(start, 140_000));
      sendRange(res, BYTES, start, { etag: ETAG });
    });
    await failure(download('cap.mp4'));
    const capped = await failure(download('cap.mp4'));
    expect(capped).toMatchObject({ code: 'network', retryable: true });
    expect(capped.message).toContain(`140000 of ${BYTES.length}`);
    expect(readFileSync(partPaths(dir, 'cap.mp4').part).equals(BYTES.subarray(0, 140_000))).toBe(true);
    const result = await download('cap.mp4');
    expect(ranges()).toEqual([null, 'bytes=80000-', 'bytes=140000-']);
    expect(result.fetched).toBe(BYTES.length - 140_000);
    fileIs('cap.mp4', BYTES);
  });

  it('more bytes than the announced total: length_mismatch (not retryable), the .part emptied so the retry starts clean', async () => {
    leftBehind('big.mp4', BYTES.subarray(0, 100_000));
    server.answer((req, res) => {
      if (!req.headers.range) return void send(res, 200, { ETag: ETAG }, BYTES);
      send(res, 206, { ETag: ETAG, 'Content-Range': 'bytes 100000-199999/150000' }, BYTES.subarray(100_000));
    });
    const error = await failure(download('big.mp4'));
    expect(error).toMatchObject({ code: 'length_mismatch', retryable: false });
    expect(error.message).toContain('200000 B > 150000 B');
    expect(statSync(partPaths(dir, 'big.mp4').part).size).toBe(0);
    expect(existsSync(join(dir, 'big.mp4'))).toBe(false);
    await download('big.mp4');
    expect(ranges()).toEqual(['bytes=100000-', null]);
    fileIs('big.mp4', BYTES);
  });

  it('progress of a resumed download counts the kept bytes and the whole total', async () => {
    leftBehind('p.mp4', BYTES.subarray(0, 100_000));
    server.answer(rangeAnswer(BYTES, { etag: ETAG }));
    const seen: { bytesDone: number; bytesTotal: number | null }[] = [];
    await engine({ progressIntervalMs: 0 }).download({ url: server.url, dir, name: 'p.mp4', onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((p) => p.bytesTotal === BYTES.length && p.bytesDone > 100_000)).toBe(true);
    expect(seen.at(-1)?.bytesDone).toBe(BYTES.length);
  });

  it('the server goes silent mid-body: timeout (retryable), the bytes received kept', { tags: ['slow'] }, async () => {
    server.answer((_req, res) => {
      res.writeHead(200, { ETag: ETAG, 'Content-Length': BYTES.length });
      res.write(BYTES.subarray(0, 60_000));
    });
    const error = await failure(engine({}, { idleMs: 300 }).download({ url: server.url, dir, name: 't.mp4' }));
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(error.message).toMatch(/服务器长时间没有响应.*stopped responding/);
    expect(statSync(partPaths(dir, 't.mp4').part).size).toBe(60_000);
  });
});

describe('a connection gone before the body is read', () => {
  it('is a network error (retryable) at once, not a wait for events that already happened', async () => {
    server.answer(rangeAnswer(BYTES, { etag: ETAG }));
    const real = createMediaClient({ platformBaseUrl: () => 'http://platform.invalid', cookieHeader: () => null });
    // The socket closes in the gap between the answer's headers and the engine reading the body.
    const media: MediaClient = {
      async open(request) {
        const response = await real.open(request);
        response.body.destroy();
        await once(response.body, 'close');
        return response;
      },
    };
    const error = await failure(createDownloadEngine({ media }).download({ url: server.url, dir, name: 'gone.mp4' }));
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect(error.message).toContain('closed before the body');
    expect(existsSync(join(dir, 'gone.mp4'))).toBe(false);
  });
});

describe('a connection closed without an error', () => {
  it('mid-body (a proxy hanging up quietly): network error (retryable), the bytes so far kept', async () => {
    server.answer(rangeAnswer(BYTES, { etag: ETAG }));
    const real = createMediaClient({ platformBaseUrl: () => 'http://platform.invalid', cookieHeader: () => null });
    let received = 0;
    const media: MediaClient = {
      async open(request) {
        const response = await real.open(request);
        response.body.once('data', (chunk: Buffer) => {
          received = chunk.length;
          setImmediate(() => response.body.destroy());
        });
        return response;
      },
    };
    const error = await failure(createDownloadEngine({ media }).download({ url: server.url, dir, name: 'quiet.mp4' }));
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect(error.message).toContain('closed early');
    expect(statSync(partPaths(dir, 'quiet.mp4').part).size).toBeGreaterThanOrEqual(received);
    expect(existsSync(join(dir, 'quiet.mp4'))).toBe(false);
  });
});

describe('restart limits', () => {
  // A .part.json without its .part (the .part deleted by hand): nothing to resume, whatever the meta says.
  const orphanMeta = () => leftBehind('r.mp4', null);

  it('a server that answers 206 to plain requests twice, then 200: done after two restarts, never asking a range again', async () => {
    orphanMeta();
    server.answer((_req, res, index) => (index < 2 ? sendRange(res, BYTES, 0, { etag: ETAG }) : send(res, 200, { ETag: ETAG }, BYTES)));
    const result = await download('r.mp4');
    expect(result).toMatchObject({ restarts: 2, fetched: BYTES.length });
    expect(ranges()).toEqual([null, null, null]);
    fileIs('r.mp4', BYTES);
  });

  it('a server that never gives a usable answer: server error after three tries, no loop', async () => {
    orphanMeta();
    server.answer((_req, res) => sendRange(res, BYTES, 0, { etag: ETAG }));
    const error = await failure(download('r.mp4'));
    expect(error).toMatchObject({ code: 'server', retryable: true });
    expect(error.message).toContain('unusable ranges');
    expect(server.requests).toHaveLength(3);
    expect(existsSync(join(dir, 'r.mp4'))).toBe(false);
  });
});

describe('where the file goes', () => {
  it('creates missing folders on the way', async () => {
    server.answer(rangeAnswer(BYTES, { etag: ETAG }));
    const deep = join(dir, 'a', 'b');
    await engine().download({ url: server.url, dir: deep, name: 'x.mp4' });
    expect(readFileSync(join(deep, 'x.mp4')).equals(BYTES)).toBe(true);
  });
});
