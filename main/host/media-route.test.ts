/**
 * The browser host's /__yj/media/ route over real HTTP: a raw socket sends each request line
 * byte for byte (no client library normalising or refusing it first), against a real library
 * folder with a symlink pointing out of it. Refusals, Range answers, the token, a missing file.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger';
import { writeLibraryVideo } from '../testing/library-files';
import { REFUSED_MEDIA_PATHS } from '../testing/media-attacks';
import { startBrowserHost, type BrowserHost } from './server';

const base = mkdtempSync(join(tmpdir(), 'yj-media-route-'));
const dataDir = join(base, 'host');
// The host's default library folder: <data>/downloads/元境.
const library = join(dataDir, 'downloads', '元境');
const VIDEO = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
const SECRET = 'TOP-SECRET-OUTSIDE-THE-LIBRARY';
let host: BrowserHost;

beforeAll(async () => {
  mkdirSync(join(library, 'a.inputs'), { recursive: true });
  writeFileSync(join(library, 'cat.mp4'), VIDEO);
  writeFileSync(join(library, '屋顶 上的猫.webm'), VIDEO.subarray(0, 100));
  writeFileSync(join(library, 'a.inputs', '1.png'), 'png-bytes');
  writeFileSync(join(base, 'secret.mp4'), SECRET);
  symlinkSync(join(base, 'secret.mp4'), join(library, 'escape.mp4'));
  symlinkSync(base, join(library, 'outdir'));
  host = await startBrowserHost({ port: 0, dataDir, serverUrl: 'http://127.0.0.1:9', rendererDir: join(base, 'renderer'), logger: silentLogger, print: () => {} });
});

afterAll(async () => {
  await host?.close();
  rmSync(base, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/** One HTTP/1.1 request written raw; the path goes on the wire exactly as given. */
function send(path: string, headers: Record<string, string> = {}, method = 'GET', body = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, split < 0 ? all.length : split).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0);
      const parsed: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const at = line.indexOf(':');
        if (at > 0) parsed[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
      }
      const rest = split < 0 ? Buffer.alloc(0) : all.subarray(split + 4);
      resolve({ status, headers: parsed, body: parsed['transfer-encoding'] === 'chunked' ? dechunk(rest) : rest });
    });
    const lines = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${host.port}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    socket.write(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body, 'utf8')]));
  });
}

const media = (encoded: string, query = `?token=${host.token}`) => `/__yj/media/${encoded}${query}`;

describe('GET /__yj/media/…', () => {
  it.each(REFUSED_MEDIA_PATHS)('refuses %s', async (_name, encoded) => {
    const answer = await send(media(encoded));
    expect([400, 404]).toContain(answer.status);
    expect(answer.body.toString('latin1')).not.toContain(SECRET);
  });

  it.each([
    ['a symlink to a file outside', 'escape.mp4'],
    ['a symlinked folder pointing outside', 'outdir/secret.mp4'],
    ['a raw dot-dot the host never normalises', '../secret.mp4'],
  ])('refuses %s (on disk)', async (_name, encoded) => {
    const answer = await send(media(encoded));
    expect([400, 404]).toContain(answer.status);
    expect(answer.body.toString()).not.toContain(SECRET);
  });

  it('needs the token, in the query (a <video> sends no headers) or the header', async () => {
    expect((await send(media('cat.mp4', ''))).status).toBe(401);
    expect((await send(media('cat.mp4', '?token=wrong'))).status).toBe(401);
    expect((await send(media('cat.mp4', ''), { 'X-Yj-Token': host.token })).status).toBe(200);
  });

  it('serves the whole file with its type, advertising ranges', async () => {
    const answer = await send(media('cat.mp4'));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('video/mp4');
    expect(answer.headers['accept-ranges']).toBe('bytes');
    expect(answer.headers['content-length']).toBe('4096');
    expect(answer.body.equals(VIDEO)).toBe(true);
    const webm = await send(media(encodeURIComponent('屋顶 上的猫.webm')));
    expect(webm.status).toBe(200);
    expect(webm.headers['content-type']).toBe('video/webm');
    const image = await send(media('a.inputs/1.png'));
    expect(image.headers['content-type']).toBe('image/png');
  });

  it.each([
    ['first bytes', 'bytes=0-99', 0, 99],
    ['the middle', 'bytes=1000-1999', 1000, 1999],
    ['a suffix', 'bytes=-500', 3596, 4095],
    ['open-ended', 'bytes=4000-', 4000, 4095],
  ])('answers a range: %s', async (_name, range, start, end) => {
    const answer = await send(media('cat.mp4'), { Range: range });
    expect(answer.status).toBe(206);
    expect(answer.headers['content-range']).toBe(`bytes ${start}-${end}/4096`);
    expect(answer.headers['content-length']).toBe(String(end - start + 1));
    expect(answer.body.equals(VIDEO.subarray(start, end + 1))).toBe(true);
  });

  it('answers 416 for a range past the end, and the whole file for several ranges', async () => {
    const past = await send(media('cat.mp4'), { Range: 'bytes=5000-' });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe('bytes */4096');
    const multi = await send(media('cat.mp4'), { Range: 'bytes=0-9,20-29' });
    expect(multi.status).toBe(200);
    expect(multi.body.length).toBe(4096);
  });

  it('sends a range only for the same version of the file (If-Range)', async () => {
    const first = await send(media('cat.mp4'), { Range: 'bytes=0-9' });
    const same = await send(media('cat.mp4'), { Range: 'bytes=0-9', 'If-Range': first.headers.etag! });
    expect(same.status).toBe(206);
    const changed = await send(media('cat.mp4'), { Range: 'bytes=0-9', 'If-Range': '"another-version"' });
    expect(changed.status).toBe(200);
  });

  it('answers HEAD without a body, 404 for a missing file, 405 for other methods', async () => {
    const head = await send(media('cat.mp4'), {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('4096');
    expect(head.body.length).toBe(0);
    expect((await send(media('gone.mp4'))).status).toBe(404);
    expect((await send(media('cat.mp4'), { 'Content-Length': '0' }, 'DELETE')).status).toBe(405);
  });

  it('refuses a request from another site even with the token', async () => {
    const answer = await send(media('cat.mp4'), { 'Sec-Fetch-Site': 'cross-site' });
    expect(answer.status).toBe(403);
  });

  it('lists a library video whose mediaUrl plays through this route, and trashes into <data>/trash', async () => {
    writeLibraryVideo(library, 'dog.mp4', { bytes: VIDEO.subarray(0, 64), sidecar: { prompt: '草地上的狗' } });
    const call = async (route: string, input?: unknown) => {
      const body = JSON.stringify({ route, input });
      const answer = await send('/__yj/invoke', { 'X-Yj-Token': host.token, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) }, 'POST', body);
      return JSON.parse(answer.body.toString('utf8')) as { ok: boolean; data: unknown };
    };
    expect((await call('library.rescan')).data).toEqual({ items: 1, missing: 0 });
    const [item] = (await call('library.list', { query: '狗' })).data as { id: string; mediaUrl: string }[];
    expect(item!.mediaUrl).toBe(`/__yj/media/dog.mp4?token=${host.token}`);
    const played = await send(item!.mediaUrl, { Range: 'bytes=0-15' });
    expect(played.status).toBe(206);
    expect(played.body.equals(VIDEO.subarray(0, 16))).toBe(true);
    expect((await call('library.trash', { id: item!.id })).ok).toBe(true);
    expect((await send(item!.mediaUrl)).status).toBe(404);
    expect((await call('library.list')).data).toEqual([]);
    // Nothing deleted: the video and its sidecar sit in the host's trash folder.
    expect(readdirSync(join(dataDir, 'trash')).map((name) => name.replace(/^\d+-\d+-/, '')).sort()).toEqual(['dog.mp4', 'dog.mp4.yj.json']);
  });
});
