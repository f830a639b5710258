import { describe, expect, it } from 'vitest';
import type { AppNotice, RechargeWatch, TaskView } from '../../preload/contract';
import { EventBus } from '../core/bus';
import { systemClock } from '../core/ports';
import { startNotifications } from './notifications';

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
    const stop = startNotifications({
      bus, clock: { ...systemClock, now: () => now }, notifier: { notify: (n) => void shown.push(n) }, enabled: () => true,
      badge: { setProgress: () => {}, setBadgeCount: (n) => void counts.push(n) }, runningCount: () => running,
      balance: { refreshSoon: (ms) => void refreshes.push(ms) },
    });
    return { bus, shown, notices, counts, refreshes, stop, setRunning: (n: number) => (running = n) };
  }

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
