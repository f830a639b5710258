/** The media client: which requests carry the platform cookie (only /idfile on the platform's origin), ranges, streaming. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../simulator/index';
import { startMediaServer, type MediaServer } from '../testing/media-server';
import { createMediaClient, isPlatformFileUrl, parseContentRange } from './media';

const COOKIE = 'yj_session=secret-ticket';
let sim: Simulator;
let platformLike: MediaServer;
let cookieAsked = 0;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, quiet: true });
  platformLike = await startMediaServer(Buffer.alloc(50_000, 7));
});
afterAll(async () => {
  await sim.close();
  await platformLike.close();
});
beforeEach(() => {
  sim.control.clearRequests();
  platformLike.requests.length = 0;
  cookieAsked = 0;
});

function client(platformBase: string) {
  return createMediaClient({
    platformBaseUrl: () => platformBase,
    cookieHeader: () => {
      cookieAsked += 1;
      return COOKIE;
    },
  });
}

async function drain(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(c);
  return Buffer.concat(parts);
}

describe('isPlatformFileUrl', () => {
  it('is true only for /idfile on the platform origin', () => {
    expect(isPlatformFileUrl('https://p.example/idfile?path=/a.mp4', 'https://p.example/')).toBe(true);
    expect(isPlatformFileUrl('https://p.example/base/idfile.dspy?path=/a', 'https://p.example/base')).toBe(true);
    expect(isPlatformFileUrl('https://cdn.example/idfile?path=/a.mp4', 'https://p.example/')).toBe(false);
    expect(isPlatformFileUrl('https://p.example/media/1.mp4', 'https://p.example/')).toBe(false);
    expect(isPlatformFileUrl('https://p.example:8443/idfile', 'https://p.example/')).toBe(false);
  });
});

describe('parseContentRange', () => {
  it('reads both forms and rejects others', () => {
    expect(parseContentRange('bytes 10-99/100')).toEqual({ start: 10, end: 99, total: 100 });
    expect(parseContentRange('bytes */100')).toEqual({ start: null, end: null, total: 100 });
    expect(parseContentRange('items 1-2/3')).toBeNull();
  });
});

describe('createMediaClient', () => {
  it('never sends the cookie to /media, even on the platform host (the simulator log shows none)', async () => {
    const media = client(sim.url);
    const res = await media.open({ url: `${sim.url}/media/20261202000001.mp4` });
    const body = await drain(res.body);
    expect(res.status).toBe(200);
    expect(body.length).toBe(res.contentLength);
    const logged = sim.control.requests().filter((r) => r.path.startsWith('/media/'));
    expect(logged).toHaveLength(1);
    expect(logged[0]?.headers.cookie).toBe(false);
    expect(cookieAsked).toBe(0);
  });

  it('sends the session cookie to the platform /idfile URL, not to an /idfile on another host', async () => {
    await drain((await client(platformLike.url).open({ url: `${platformLike.url}/idfile?path=/upload/a.mp4` })).body);
    await drain((await client('https://platform.example').open({ url: `${platformLike.url}/idfile?path=/upload/a.mp4` })).body);
    expect(platformLike.requests.map((r) => r.cookie)).toEqual([COOKIE, null]);
    expect(cookieAsked).toBe(1);
  });

  it('asks for a range with If-Range and answers 206 with the rest of the file', async () => {
    const full = await drain((await client(sim.url).open({ url: `${sim.url}/media/20261202000002.mp4` })).body);
    const head = await client(sim.url).open({ url: `${sim.url}/media/20261202000002.mp4` });
    head.discard();
    const res = await client(sim.url).open({ url: `${sim.url}/media/20261202000002.mp4`, range: { start: 1000, validator: head.etag ?? '' } });
    const rest = await drain(res.body);
    expect(res.status).toBe(206);
    expect(res.contentRange).toEqual({ start: 1000, end: full.length - 1, total: full.length });
    expect(createHash('sha256').update(rest).digest('hex')).toBe(createHash('sha256').update(full.subarray(1000)).digest('hex'));
    const last = sim.control.requests().at(-1);
    expect(last?.headers.range).toBe('bytes=1000-');
    expect(last?.headers.ifRange).toBe(head.etag);
  });

  it('hands back error statuses instead of throwing (the engine classifies them)', async () => {
    sim.control.setFault({ kind: 'forbidden', path: '/media/20261202000003.mp4', times: 1 });
    const res = await client(sim.url).open({ url: `${sim.url}/media/20261202000003.mp4` });
    res.discard();
    expect(res.status).toBe(403);
  });
});
