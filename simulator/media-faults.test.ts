/** Download faults on result videos (cut, new version, throttle), signed-link expiry and the platform's /idfile route. */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MODEL } from './ids.ts';
import { Client, rawRequest, startTestSim } from './testkit.ts';
import type { Simulator } from './types.ts';

let sim: Simulator;
let c: Client;
const TASK = '861203947562318336';
const PATH = `/media/${TASK}.mp4`;
const SIZE = 20_000;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeEach(async () => {
  sim = await startTestSim({ mediaBytes: SIZE });
  c = new Client(sim.url);
});
afterEach(async () => {
  await sim.close();
});

const get = (headers: Record<string, string> = {}, path = PATH) => c.request('GET', path, { headers });
const raw = (path = PATH, headers: Record<string, string> = {}) => rawRequest(`${sim.url}${path}`, 'GET', headers);
const received = (r: { chunks: Buffer[] }) => Buffer.concat(r.chunks);

describe('media download faults', () => {
  it('mediaBytes sets the size; cutAfter drops the connection after exactly N body bytes, once', async () => {
    const full = (await get()).bytes;
    expect(full.length).toBe(SIZE);
    sim.control.setFault({ kind: 'cutAfter', path: PATH, bytes: 1234, times: 1 });
    const cut = await raw();
    expect(cut.aborted).toBe(true);
    expect(cut.headers['content-length']).toBe(String(SIZE));
    expect(received(cut).equals(full.subarray(0, 1234))).toBe(true);
    expect((await get()).bytes.equals(full)).toBe(true);
  });

  it('cutAfter counts within a ranged answer, and without bytes cuts at a random place', async () => {
    const full = (await get()).bytes;
    sim.control.setFault({ kind: 'cutAfter', path: PATH, bytes: 100, times: 1 });
    const ranged = await raw(PATH, { Range: 'bytes=5000-' });
    expect(ranged.status).toBe(206);
    expect(received(ranged).equals(full.subarray(5000, 5100))).toBe(true);
    const sizes = new Set<number>();
    sim.control.setFault({ kind: 'cutAfter', times: 5 }); // no path: every media request
    for (let i = 0; i < 5; i += 1) {
      const r = await raw();
      expect(r.aborted).toBe(true);
      sizes.add(received(r).length);
      expect(received(r).length).toBeLessThan(SIZE);
    }
    expect(sizes.size).toBeGreaterThan(1);
    expect(sim.control.getFaults()).toEqual([]);
  });

  it('newVersion cuts this answer and then serves other bytes with another ETag; If-Range on the old one gets the full new file', async () => {
    const first = await get();
    const oldEtag = first.headers.get('etag') ?? '';
    sim.control.setFault({ kind: 'newVersion', path: PATH, bytes: 3000, times: 1 });
    const cut = await raw();
    expect(cut.aborted).toBe(true);
    expect(cut.headers.etag).toBe(oldEtag);
    expect(received(cut).equals(first.bytes.subarray(0, 3000))).toBe(true);
    const resumed = await get({ Range: 'bytes=3000-', 'If-Range': oldEtag });
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get('etag')).not.toBe(oldEtag);
    expect(sha(resumed.bytes)).not.toBe(sha(first.bytes));
    expect(resumed.headers.get('last-modified')).not.toBe(first.headers.get('last-modified'));
    const again = await get();
    expect(again.bytes.equals(resumed.bytes)).toBe(true);
    // Even with more bytes than the answer holds, the answer breaks off before its end.
    sim.control.setFault({ kind: 'newVersion', path: PATH, bytes: 10 * SIZE, times: 1 });
    const short = await raw(PATH, { Range: 'bytes=19000-' });
    expect(short.aborted).toBe(true);
    expect(received(short).length).toBe(Number(short.headers['content-length']) - 1);
  });

  it('throttle caps the body rate (bytes per second)', async () => {
    sim.control.setFault({ kind: 'throttle', path: PATH, bytesPerSecond: 40_000, times: 1 });
    const started = Date.now();
    const slow = await get();
    const elapsed = Date.now() - started;
    expect(slow.bytes.length).toBe(SIZE);
    expect(elapsed).toBeGreaterThanOrEqual(400); // 20 000 B at 40 000 B/s ≈ 0.5 s
    const fast = Date.now();
    await get();
    expect(Date.now() - fast).toBeLessThan(elapsed);
  });

  it('rejects a throttle without a rate and a negative byte count', () => {
    expect(() => sim.control.setFault({ kind: 'throttle', path: PATH })).toThrow(/bytesPerSecond/);
    expect(() => sim.control.setFault({ kind: 'cutAfter', bytes: -1 })).toThrow(/bytes/);
  });

  it('is controllable over HTTP like every other fault', async () => {
    const r = await c.post('/__sim/control', { action: 'setFault', args: { kind: 'cutAfter', path: PATH, bytes: 10, times: 1 } });
    expect(r.status).toBe(200);
    expect(received(await raw()).length).toBe(10);
  });
});

describe('signed links (§10.8)', () => {
  it('answers 403 once Expires=<epoch s> has passed, and serves the file before', async () => {
    const now = Math.floor(Date.now() / 1000);
    const live = await get({}, `${PATH}?Expires=${now + 3600}&Signature=abc`);
    expect(live.status).toBe(200);
    expect(live.bytes.length).toBe(SIZE);
    const dead = await get({}, `${PATH}?Expires=${now - 1}&Signature=abc`);
    expect(dead.status).toBe(403);
    expect(dead.text).toMatch(/expired/);
    expect(sim.control.requests().at(-1)).toMatchObject({ path: PATH, status: 403, query: { Expires: String(now - 1) } });
  });

  it('a forbidden fault on the path stands in for a 403 before expiry', async () => {
    const now = Math.floor(Date.now() / 1000);
    sim.control.setFault({ kind: 'forbidden', path: PATH, times: 1 });
    expect((await get({}, `${PATH}?Expires=${now + 3600}`)).status).toBe(403);
    expect((await get({}, `${PATH}?Expires=${now + 3600}`)).status).toBe(200);
  });
});

describe('signed result URLs (switch resultUrlExpires)', () => {
  const statusVideo = async (taskid: string): Promise<string> => {
    const r = await c.get('/llmage/get_asynctask_status.dspy', { taskid });
    return String((r.json as { data: { resposne: { video?: string } } }).data.resposne.video);
  };
  const submit = async (): Promise<string> => {
    const r = await c.post('/llmage/vidu_inference.dspy', { llmid: MODEL.q3Turbo, llmcatelogid: 't2v', prompt: '海边日落' });
    return String((JSON.parse(r.text) as { taskid?: string }).taskid);
  };

  it('off by default; with 1h a succeeded task\'s video URL carries Expires ≈ success + 3600 s, fixed from then on, and serves', async () => {
    await c.login('13900000001');
    const plain = await submit();
    sim.control.finishTask({ taskid: plain, status: 'SUCCEEDED' });
    expect(await statusVideo(plain)).toBe(`${sim.url}/media/${plain}.mp4`);
    sim.control.setSwitches({ resultUrlExpires: '1h' });
    const signed = await submit();
    sim.control.finishTask({ taskid: signed, status: 'SUCCEEDED' });
    const url = await statusVideo(signed);
    const expires = Number(new URL(url).searchParams.get('Expires'));
    expect(Math.abs(expires - (Math.floor(Date.now() / 1000) + 3600))).toBeLessThanOrEqual(2);
    expect(new URL(url).searchParams.get('Signature')).toMatch(/^[0-9a-f]{24}$/);
    expect(await statusVideo(signed)).toBe(url); // the platform never renews it
    const served = await c.request('GET', url.slice(sim.url.length));
    expect([served.status, served.bytes.length]).toEqual([200, SIZE]);
    expect(() => sim.control.setSwitches({ resultUrlExpires: '2h' as never })).toThrow(/resultUrlExpires/);
  });
});

describe('platform files: /idfile?path=… (§10.8)', () => {
  const FILE = '/idfile?path=/results/2026-12-02/v1.mp4';

  it('needs the session cookie: 401 without it, the file with Range with it', async () => {
    expect((await get({}, FILE)).status).toBe(401);
    await c.login('13900000001');
    const whole = await get({}, FILE);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.bytes.length).toBe(SIZE);
    const part = await get({ Range: 'bytes=100-' }, FILE);
    expect(part.status).toBe(206);
    expect(part.bytes.equals(whole.bytes.subarray(100))).toBe(true);
    const log = sim.control.requests().filter((r) => r.path === '/idfile');
    expect(log.map((r) => [r.headers.cookie, r.status])).toEqual([[false, 401], [true, 200], [true, 206]]);
  });

  it('serves other bytes per path (also under /idfile.dspy), 404 without a path, and takes media faults', async () => {
    await c.login('13900000001');
    const a = await get({}, FILE);
    const b = await get({}, '/idfile.dspy?path=/upload/x.png');
    expect(b.headers.get('content-type')).toBe('image/png');
    expect(b.bytes.equals(a.bytes)).toBe(false);
    expect((await get({}, '/idfile')).status).toBe(404);
    sim.control.setFault({ kind: 'cutAfter', path: '/idfile', bytes: 50, times: 1 });
    expect(received(await raw(FILE, { Cookie: `AIOHTTP_SESSION=${c.cookie ?? ''}` })).length).toBe(50);
  });
});
