import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mediaFile } from './media.ts';
import { Client, rawRequest, startTestSim } from './testkit.ts';
import type { Simulator } from './types.ts';

let sim: Simulator;
let c: Client;
const TASK = '861203947562318336';
const PATH = `/media/${TASK}.mp4`;

beforeEach(async () => {
  sim = await startTestSim();
  c = new Client(sim.url);
});
afterEach(async () => {
  await sim.close();
});

const get = (headers: Record<string, string> = {}, path = PATH) => c.request('GET', path, { headers });

describe('media (§4.6 result videos)', () => {
  it('serves a deterministic ~1.5 MB MP4 with validators and Accept-Ranges, no session needed', async () => {
    const a = await get();
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('video/mp4');
    expect(a.headers.get('accept-ranges')).toBe('bytes');
    const size = Number(a.headers.get('content-length'));
    expect(a.bytes.length).toBe(size);
    expect(size).toBeGreaterThan(1_400_000);
    expect(size).toBeLessThan(1_800_000);
    expect(a.bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(a.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(new Date(a.headers.get('last-modified') ?? '').getTime()).toBeGreaterThan(0);
    const b = await get();
    expect(b.bytes.equals(a.bytes)).toBe(true);
    expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
    const other = await get({}, '/media/861203947562318337.mp4');
    expect(other.bytes.equals(a.bytes)).toBe(false);
    expect((await get({}, '/media/abc.mp4')).status).toBe(404);
  });

  it('206 for bytes=N- and bytes=N-M and suffix ranges; 416 beyond the end', async () => {
    const full = (await get()).bytes;
    const size = full.length;
    const open = await get({ Range: 'bytes=1000-' });
    expect(open.status).toBe(206);
    expect(open.headers.get('content-range')).toBe(`bytes 1000-${size - 1}/${size}`);
    expect(open.bytes.equals(full.subarray(1000))).toBe(true);
    const mid = await get({ Range: 'bytes=10-19' });
    expect([mid.status, mid.headers.get('content-length'), mid.headers.get('content-range')]).toEqual([206, '10', `bytes 10-19/${size}`]);
    expect(mid.bytes.equals(full.subarray(10, 20))).toBe(true);
    const suffix = await get({ Range: 'bytes=-100' });
    expect(suffix.bytes.equals(full.subarray(size - 100))).toBe(true);
    const beyond = await get({ Range: `bytes=${size}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`);
  });

  it('honours If-Range: matching ETag or date → 206, otherwise the full 200', async () => {
    const head = await c.request('HEAD', PATH);
    const etag = head.headers.get('etag') ?? '';
    const lm = head.headers.get('last-modified') ?? '';
    expect(head.bytes.length).toBe(0);
    expect((await get({ Range: 'bytes=5-', 'If-Range': etag })).status).toBe(206);
    expect((await get({ Range: 'bytes=5-', 'If-Range': lm })).status).toBe(206);
    const stale = await get({ Range: 'bytes=5-', 'If-Range': '"stale-etag"' });
    expect(stale.status).toBe(200);
    expect(stale.bytes.length).toBe(Number(head.headers.get('content-length')));
  });

  it('rangeIgnored answers 200 with the full body; resetMidBody cuts the body', async () => {
    sim.control.setFault({ kind: 'rangeIgnored', times: 1 });
    const r = await get({ Range: 'bytes=1000-' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-range')).toBeNull();
    expect((await get({ Range: 'bytes=1000-' })).status).toBe(206);
    sim.control.setFault({ kind: 'resetMidBody', path: PATH, times: 1 });
    const cut = await rawRequest(`${sim.url}${PATH}`, 'GET', {});
    expect(cut.aborted).toBe(true);
    const got = Buffer.concat(cut.chunks).length;
    expect(got).toBeLessThan(Number(cut.headers['content-length']));
    const resumed = await get({ Range: `bytes=${got}-` });
    expect(resumed.status).toBe(206);
  });

  it('a fault with the media path (e.g. forbidden = expired link) hits the download', async () => {
    sim.control.setFault({ kind: 'forbidden', path: PATH });
    expect((await get()).status).toBe(403);
    sim.control.setFault({ kind: 'status500' });
    sim.control.clearFaults();
    expect((await get()).status).toBe(200);
    expect(sim.control.requests().filter((q) => q.path === PATH).at(-1)?.status).toBe(200);
  });

  it("mediaKind 'playable': the real WebM for every task, under .mp4 or .webm, with ranges and a new version that differs", async () => {
    sim.control.setSwitches({ mediaKind: 'playable' });
    const a = await get();
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('video/webm');
    expect(a.bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3');
    expect(a.bytes.length).toBeLessThan(300_000);
    expect(a.bytes.equals(mediaFile(TASK, 0, undefined, 'playable').bytes)).toBe(true);
    expect((await get({}, `/media/${TASK}.webm`)).bytes.equals(a.bytes)).toBe(true);
    const tail = await get({ Range: 'bytes=-100', 'If-Range': a.headers.get('etag') ?? '' });
    expect(tail.status).toBe(206);
    expect(tail.bytes.equals(a.bytes.subarray(a.bytes.length - 100))).toBe(true);
    sim.control.setFault({ kind: 'newVersion', path: PATH, times: 1 });
    await rawRequest(`${sim.url}${PATH}`, 'GET', {});
    const next = await get();
    expect(next.headers.get('etag')).not.toBe(a.headers.get('etag'));
    expect(next.bytes.subarray(0, a.bytes.length).equals(a.bytes)).toBe(true);
    expect(next.bytes.length).toBe(a.bytes.length + 18);
  });
});
