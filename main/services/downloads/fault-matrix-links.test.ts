/**
 * The download fault matrix, link rows (issue 8 item 5, platform-api.md §10.8): expired and refused
 * links (one refresh, then "open in browser", the task never touched) and the platform cookie (only
 * a platform /idfile URL gets it). The REAL queue and engine against the REAL simulator over HTTP.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Client } from '../../../simulator/testkit';
import { nextTaskId, settled, sha256, mediaPath, requestsTo } from '../../testing/download-rig';
import { useDownloadRig } from '../../testing/download-rig-hooks';
import type { DownloadQueue } from './queue';

const SIZE = 160_000;
const rig = useDownloadRig(SIZE);

const media = mediaPath;
const log = (path: string) => requestsTo(rig(), path);
const epoch = () => Math.floor(Date.now() / 1000);

/** Runs `fn` when `id` first waits to retry (after its first failure), e.g. to change the server then. */
function onFirstWait(queue: DownloadQueue, id: string, fn: () => void): void {
  const off = queue.onChange((item) => {
    if (item.id !== id || item.state !== 'waiting') return;
    off();
    fn();
  });
}

describe('fault matrix: links that expire or are refused', () => {
  it('an expired link (Expires passed) → refreshUrl once, and the new link finishes', async () => {
    const path = media(nextTaskId());
    const expected = sha256(await rig().source(path));
    const asked: string[] = [];
    const fresh = `${rig().sim.url}${path}?Expires=${epoch() + 3600}&Signature=new`;
    const stale = `${path}?Expires=${epoch() - 5}&Signature=old`;
    rig().sim.control.clearRequests();
    const queue = await rig().queue({ refreshUrl: async (item) => (asked.push(item.url), fresh) });
    queue.add(rig().item('exp', stale));
    const item = await settled(queue, 'exp');
    expect(item).toMatchObject({ state: 'done', url: fresh });
    expect(asked).toEqual([`${rig().sim.url}${stale}`]);
    expect(log(path).map((r) => [r.query['Signature'], r.status])).toEqual([['old', 403], ['new', 200]]);
    expect(sha256(readFileSync(rig().paths('exp.mp4').final))).toBe(expected);
  });

  it('a link that expires in the middle of a download → refresh once, restart without Range at the new link', { tags: ['slow'] }, async () => {
    const path = media(nextTaskId());
    const expected = sha256(await rig().source(path));
    rig().sim.control.setFault({ kind: 'cutAfter', path, bytes: 50_000, times: 1 });
    rig().sim.control.clearRequests();
    let refreshes = 0;
    // The retry after the cut waits until the first link's second has passed.
    const queue = await rig().queue({
      backoff: { baseMs: 1_100, maxMs: 1_100 },
      refreshUrl: async () => ((refreshes += 1), `${rig().sim.url}${path}?Expires=${epoch() + 3600}`),
    });
    queue.add(rig().item('mid', `${path}?Expires=${epoch() + 1}`));
    expect(await settled(queue, 'mid')).toMatchObject({ state: 'done' });
    expect(refreshes).toBe(1);
    expect(log(path).map((r) => [r.headers.range, r.status])).toEqual([[null, 200], ['bytes=50000-', 403], [null, 200]]);
    expect(sha256(readFileSync(rig().paths('mid.mp4').final))).toBe(expected);
  });

  it('403 before expiry → one refresh, then expired_link with "open in browser"; the task is never touched', async () => {
    const login = new Client(rig().sim.url);
    await login.login('13900000001');
    const tasksBefore = rig().sim.control.tasks().length;
    const balanceBefore = rig().sim.control.getBalance({ phone: '13900000001' }).balance;
    const path = media(nextTaskId());
    rig().sim.control.setFault({ kind: 'cutAfter', path, bytes: 40_000, times: 1 });
    rig().sim.control.clearRequests();
    const url = `${rig().sim.url}${path}?Expires=${epoch() + 3600}`;
    let refreshes = 0;
    // The platform never renews a terminal task's URL (§10.8): the status query gives the same one back.
    const queue = await rig().queue({ refreshUrl: async (item) => ((refreshes += 1), item.url) });
    // From the 2nd request on, the host refuses the link although it has not expired.
    onFirstWait(queue, 'f403', () => rig().sim.control.setFault({ kind: 'forbidden', path }));
    queue.add({ ...rig().item('f403', path), url });
    const item = await settled(queue, 'f403');
    expect(item).toMatchObject({ state: 'failed', url, error: { code: 'expired_link' } });
    expect(item.error?.message).toMatch(/浏览器中打开.*open it in the browser/);
    expect(refreshes).toBe(1);
    // Resume with Range, refused; once without Range after the refresh, refused: then it stops.
    expect(log(path).map((r) => [r.headers.range, r.status])).toEqual([[null, 200], ['bytes=40000-', 403], [null, 403]]);
    expect(existsSync(rig().paths('f403.mp4').final)).toBe(false);
    // Only the media host was asked: no submission, no status change, no charge.
    expect(rig().sim.control.requests().every((r) => r.path === path)).toBe(true);
    expect(rig().sim.control.tasks()).toHaveLength(tasksBefore);
    expect(rig().sim.control.getBalance({ phone: '13900000001' }).balance).toBe(balanceBefore);
  });
});

describe('fault matrix: the platform cookie', () => {
  it('a vendor URL never receives the platform cookie (even on the platform host); a platform /idfile URL does', async () => {
    const login = new Client(rig().sim.url);
    await login.login('13900000001');
    rig().cookie = `AIOHTTP_SESSION=${login.cookie ?? ''}`;
    const vendor = media(nextTaskId());
    const platform = '/idfile?path=/results/2026-12-02/cookie.mp4';
    const expectedVendor = sha256(await rig().source(vendor));
    const expectedPlatform = sha256(await rig().source(platform));
    rig().sim.control.setFault({ kind: 'cutAfter', path: vendor, bytes: 30_000, times: 1 });
    rig().sim.control.setFault({ kind: 'cutAfter', path: '/idfile', bytes: 30_000, times: 1 });
    rig().sim.control.clearRequests();
    const queue = await rig().queue();
    queue.add(rig().item('vendor', vendor));
    queue.add(rig().item('platform', platform));
    expect(await settled(queue, 'vendor')).toMatchObject({ state: 'done' });
    expect(await settled(queue, 'platform')).toMatchObject({ state: 'done' });
    expect(log(vendor).map((r) => [r.headers.cookie, r.headers.range])).toEqual([[false, null], [false, 'bytes=30000-']]);
    expect(log('/idfile').map((r) => [r.headers.cookie, r.headers.range, r.status])).toEqual([[true, null, 200], [true, 'bytes=30000-', 206]]);
    expect(sha256(readFileSync(rig().paths('vendor.mp4').final))).toBe(expectedVendor);
    expect(sha256(readFileSync(rig().paths('platform.mp4').final))).toBe(expectedPlatform);
  });

  it('a platform /idfile URL while signed out (401) fails at once with the status named, not retried with backoff', async () => {
    const platform = '/idfile?path=/results/2026-12-02/signed-out.mp4';
    const queue = await rig().queue({ backoff: { baseMs: 50, maxMs: 50 } });
    queue.add(rig().item('out', platform));
    const item = await settled(queue, 'out');
    expect(item).toMatchObject({ state: 'failed', error: { code: 'server' } });
    expect(item.error?.message).toMatch(/视频服务器出错.*HTTP 401/);
    expect(log('/idfile').map((r) => [r.headers.cookie, r.status])).toEqual([[false, 401]]);
  });
});
