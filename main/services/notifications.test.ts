import { describe, expect, it } from 'vitest';
import type { AppNotice, DownloadView, RechargeWatch, TaskView } from '../../preload/contract';
import { EventBus } from '../core/bus';
import { systemClock } from '../core/ports';
import { DOWNLOAD_MERGE_MS, startNotifications } from './notifications';

function watch(overrides: Partial<RechargeWatch> = {}): RechargeWatch {
  return { id: 'w1', amount: 100, state: 'waiting', baseline: 12, startedAt: 0, deadline: 1, ...overrides };
}

function setup(enabled = true) {
  const bus = new EventBus();
  const shown: { title: string; body: string }[] = [];
  const settings = { enabled };
  const stop = startNotifications({ bus, clock: systemClock, notifier: { notify: (notice) => void shown.push(notice) }, enabled: () => settings.enabled });
  return { bus, shown, settings, stop };
}

describe('startNotifications: recharges', () => {
  it('tells once when a recharge is confirmed, with the amount that arrived', () => {
    const { bus, shown } = setup();
    bus.publish('recharge.changed', watch());
    expect(shown).toEqual([]);
    bus.publish('recharge.changed', watch({ state: 'confirmed', arrived: 99.5 }));
    bus.publish('recharge.changed', watch({ state: 'confirmed', arrived: 99.5 }));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.body).toContain('¥99.50');
  });

  it('says nothing when the user turned notifications off, for timeouts, or after stop', () => {
    const { bus, shown, settings, stop } = setup(false);
    bus.publish('recharge.changed', watch({ state: 'confirmed' }));
    settings.enabled = true;
    bus.publish('recharge.changed', watch({ id: 'w2', state: 'timeout' }));
    stop();
    bus.publish('recharge.changed', watch({ id: 'w3', state: 'confirmed' }));
    expect(shown).toEqual([]);
  });
});

describe('startNotifications: tasks', () => {
  const task = (overrides: Partial<TaskView> = {}): TaskView => ({
    localId: 'L1', transno: 'TR', modelId: 'M', modelName: 'Vidu Q3', llmid: 'M', catalog: 't2v', prompt: '江南古镇', params: {}, inputImages: [],
    status: 'processing', terminal: false, createdAt: 0, updatedAt: 0, resultUrls: [], hidden: false, origin: 'local', ...overrides,
  });

  function tasks(now = 1_000_000) {
    const bus = new EventBus();
    const shown: { title: string; body: string }[] = [];
    const notices: AppNotice[] = [];
    bus.subscribe((e) => void (e.event === 'app.notice' && notices.push(e.payload)));
    const counts: number[] = [];
    const refreshes: number[] = [];
    let running = 1;
    let focused = false;
    const stop = startNotifications({
      bus, clock: { ...systemClock, now: () => now }, notifier: { notify: (n) => void shown.push(n), appFocused: () => focused }, enabled: () => true,
      badge: { setProgress: () => {}, setBadgeCount: (n) => void counts.push(n) }, runningCount: () => running,
      balance: { refreshSoon: (ms) => void refreshes.push(ms) },
    });
    return { bus, shown, notices, counts, refreshes, stop, setRunning: (n: number) => (running = n), setFocused: (f: boolean) => (focused = f) };
  }

  it('shows no system notification for a task while a window has the focus; the page notice still comes', () => {
    const t = tasks();
    t.setFocused(true);
    t.bus.publish('task.changed', task());
    t.bus.publish('task.changed', task({ status: 'SUCCEEDED', terminal: true, billing: 'created', finishedAt: 999_000 }));
    expect(t.notices.map((n) => n.kind)).toEqual(['task.succeeded']);
    expect(t.shown).toEqual([]);
  });

  it('tells a success once, refreshes the balance then and again when the charge lands, and keeps the badge count', () => {
    const t = tasks();
    t.bus.publish('task.changed', task());
    t.setRunning(0);
    t.bus.publish('task.changed', task({ status: 'SUCCEEDED', terminal: true, billing: 'created', finishedAt: 999_000 }));
    t.bus.publish('task.changed', task({ status: 'SUCCEEDED', terminal: true, billing: 'accounted', amount: 4.5, finishedAt: 999_000 }));
    expect(t.notices).toEqual([{ id: 'task:L1:done', kind: 'task.succeeded', localId: 'L1', title: '视频已生成 / Video ready', body: 'Vidu Q3：江南古镇' }]);
    expect(t.shown.map((s) => s.title)).toEqual(['视频已生成 / Video ready']);
    expect(t.refreshes).toEqual([20_000, 0]);
    expect(t.counts).toEqual([1, 0, 0]);
  });

  it('tells a failure with its reason, never a refusal (the user saw it), nor old tasks adopted already finished', () => {
    const t = tasks();
    t.bus.publish('task.changed', task({ localId: 'F', status: 'FAILED', terminal: true, error: '内容审核未通过', finishedAt: 999_000 }));
    t.bus.publish('task.changed', task({ localId: 'R', status: 'FAILED', terminal: true, failureKind: 'refused', finishedAt: 999_000 }));
    t.bus.publish('task.changed', task({ localId: 'A', status: 'SUCCEEDED', terminal: true, origin: 'adopted', finishedAt: 999_000 }));
    t.bus.publish('task.changed', task({ localId: 'OLD', status: 'SUCCEEDED', terminal: true, finishedAt: 0 }));
    expect(t.notices.map((n) => [n.localId, n.kind, n.body])).toEqual([['F', 'task.failed', '江南古镇 — 内容审核未通过']]);
  });
});

describe('startNotifications: downloads', () => {
  const view = (overrides: Partial<DownloadView> = {}): DownloadView => ({
    id: 'L1', localId: 'L1', taskid: 'T1', name: '2026-12-02 江南古镇.mp4', dir: '/v', state: 'running', bytesDone: 0, bytesTotal: 10,
    speed: 0, etaSeconds: null, expiresAt: 0, addedAt: 0, error: null, file: null, canOpenInBrowser: false, ...overrides,
  });
  const task = (overrides: Partial<TaskView> = {}): TaskView => ({
    localId: 'L1', transno: 'TR', modelId: 'M', modelName: 'Vidu Q3', llmid: 'M', catalog: 't2v', prompt: '江南古镇', params: {}, inputImages: [],
    status: 'processing', terminal: false, createdAt: 0, updatedAt: 0, resultUrls: [], hidden: false, origin: 'local', ...overrides,
  });

  function downloads(options: { enabled?: boolean; notifier?: boolean } = {}) {
    const bus = new EventBus();
    const shown: string[] = [];
    const notices: AppNotice[] = [];
    bus.subscribe((e) => void (e.event === 'app.notice' && notices.push(e.payload)));
    const state = { now: 1_000_000, focused: false };
    const notifier = { notify: (n: { title: string }) => void shown.push(n.title), appFocused: () => state.focused };
    startNotifications({ bus, clock: { ...systemClock, now: () => state.now }, notifier: options.notifier === false ? null : notifier, enabled: () => options.enabled ?? true });
    return { bus, shown, notices, state };
  }

  it('tells a download done or failed for good once, while no window has the focus; not a retry wait nor an old item republished', () => {
    const d = downloads();
    d.bus.publish('download.changed', view({ id: 'OLD', state: 'done' })); // finished in an earlier run
    d.bus.publish('download.changed', view({ state: 'queued' }));
    d.bus.publish('download.changed', view({ state: 'waiting', error: { code: 'network', message: '网络中断' } }));
    d.bus.publish('download.changed', view({ state: 'done', file: '/v/2026-12-02 江南古镇.mp4' }));
    d.bus.publish('download.changed', view({ state: 'done', file: '/v/2026-12-02 江南古镇.mp4' }));
    d.bus.publish('download.changed', view({ id: 'L2', localId: 'L2', name: 'b.mp4', state: 'running' }));
    d.bus.publish('download.changed', view({ id: 'L2', localId: 'L2', name: 'b.mp4', state: 'failed', error: { code: 'expired_link', message: '链接已失效 / The link expired' } }));
    expect(d.notices.map((n) => [n.kind, n.title, n.body])).toEqual([
      ['download.done', '视频已下载 / Video downloaded', '2026-12-02 江南古镇.mp4'],
      ['download.failed', '视频下载失败 / Video download failed', 'b.mp4 — 链接已失效 / The link expired'],
    ]);
    expect(d.shown).toEqual(['视频已下载 / Video downloaded', '视频下载失败 / Video download failed']);
  });

  it('says nothing while a window has the focus; the system notice follows the setting, the page notice does not', () => {
    const focused = downloads();
    focused.state.focused = true;
    focused.bus.publish('download.changed', view({ state: 'running' }));
    focused.bus.publish('download.changed', view({ state: 'done' }));
    expect([focused.notices, focused.shown]).toEqual([[], []]);

    const off = downloads({ enabled: false });
    off.bus.publish('download.changed', view({ state: 'running' }));
    off.bus.publish('download.changed', view({ state: 'done' }));
    expect(off.notices.map((n) => n.kind)).toEqual(['download.done']);
    expect(off.shown).toEqual([]);
  });

  it('one notice for a task whose auto-download follows within a minute; a later download is told on its own', () => {
    const d = downloads();
    d.bus.publish('task.changed', task());
    d.bus.publish('download.changed', view({ state: 'queued' }));
    d.bus.publish('task.changed', task({ status: 'SUCCEEDED', terminal: true, finishedAt: d.state.now }));
    d.state.now += DOWNLOAD_MERGE_MS - 1_000;
    d.bus.publish('download.changed', view({ state: 'done' }));
    expect(d.notices.map((n) => n.kind)).toEqual(['task.succeeded']);

    // Deleted and downloaded again later: news again.
    d.state.now += 5 * 60_000;
    d.bus.publish('download.changed', view({ state: 'running' }));
    d.bus.publish('download.changed', view({ state: 'done' }));
    expect(d.notices.map((n) => n.kind)).toEqual(['task.succeeded', 'download.done']);
    expect(d.shown).toEqual(['视频已生成 / Video ready', '视频已下载 / Video downloaded']);
  });
});
