import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { effectScope, watchEffect } from 'vue';
import type { TaskView } from '@contract';
import { fakeUser, installFakeBridge, ok } from '@/api/testing/fake-bridge';
import { installEvents } from '@/events';
import { fakeTask } from '@/testing/video';
import { useTasksStore } from './tasks';

let uninstall: (() => void) | null = null;
afterEach(() => {
  uninstall?.();
  uninstall = null;
});

/** Signed in, events installed, the first tasks.list answered with `listed`. */
async function signedInWith(listed: TaskView[]) {
  const bridge = installFakeBridge({ 'tasks.list': () => ok(listed) });
  const pinia = createPinia();
  setActivePinia(pinia);
  uninstall = installEvents(pinia);
  bridge.emit('session.changed', { user: fakeUser() });
  const tasks = useTasksStore(pinia);
  await vi.waitFor(() => expect(tasks.loaded).toBe(true));
  return { bridge, tasks };
}

/** Events are applied once per animation frame: wait for it (and for what it starts). */
async function nextFrame(): Promise<void> {
  await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  await flushPromises();
}

const at = (localId: string, createdAt: number, extra: Partial<TaskView> = {}) => fakeTask({ localId, createdAt, updatedAt: createdAt, ...extra });

describe('tasks store', () => {
  it('loads the ledger once at sign-in, newest first', async () => {
    const { bridge, tasks } = await signedInWith([at('a', 1000), at('c', 3000), at('b', 2000)]);
    expect(tasks.order).toEqual(['c', 'b', 'a']);
    expect(bridge.callsTo('tasks.list')).toHaveLength(1);
  });

  it('places a new task from an event without reading the list again', async () => {
    const { bridge, tasks } = await signedInWith([at('a', 1000), at('c', 3000)]);
    bridge.emit('task.changed', at('b', 2000));
    bridge.emit('task.changed', at('d', 4000));
    await nextFrame();
    expect(tasks.order).toEqual(['d', 'c', 'b', 'a']);
    expect(bridge.callsTo('tasks.list')).toHaveLength(1);
  });

  it('updates a task in place: same position, new snapshot, no re-sort', async () => {
    const { bridge, tasks } = await signedInWith([at('a', 1000), at('b', 2000)]);
    const orderBefore = tasks.order;
    const sortSpy = vi.spyOn(Array.prototype, 'sort');
    bridge.emit('task.changed', at('a', 1000, { status: 'SUCCEEDED', terminal: true, updatedAt: 5000, finishedAt: 5000 }));
    await nextFrame();
    expect(sortSpy).not.toHaveBeenCalled();
    sortSpy.mockRestore();
    expect(tasks.order).toBe(orderBefore);
    expect(tasks.order).toEqual(['b', 'a']);
    expect(tasks.byId.get('a')?.status).toBe('SUCCEEDED');
  });

  it('keeps the newer snapshot when an older one arrives late', async () => {
    const { bridge, tasks } = await signedInWith([at('a', 1000)]);
    bridge.emit('task.changed', at('a', 1000, { status: 'SUCCEEDED', terminal: true, updatedAt: 9000 }));
    bridge.emit('task.changed', at('a', 1000, { status: 'processing', updatedAt: 8000 }));
    await nextFrame();
    expect(tasks.byId.get('a')?.status).toBe('SUCCEEDED');
  });

  it('counts running tasks as events arrive, and drops hidden ones from the list', async () => {
    const { bridge, tasks } = await signedInWith([at('a', 1000), at('b', 2000, { status: 'SUCCEEDED', terminal: true })]);
    expect(tasks.runningCount).toBe(1);
    bridge.emit('task.changed', at('c', 3000, { status: 'pending' }));
    await nextFrame();
    expect(tasks.runningCount).toBe(2);
    bridge.emit('task.changed', at('a', 1000, { status: 'FAILED', terminal: true, updatedAt: 4000 }));
    bridge.emit('task.changed', at('b', 2000, { status: 'SUCCEEDED', terminal: true, hidden: true, updatedAt: 4000 }));
    await nextFrame();
    expect(tasks.runningCount).toBe(1);
    expect(tasks.order).toEqual(['c', 'a']);
  });

  it('applies a burst of events in one frame: the list is told once, each task placed once', async () => {
    const many = Array.from({ length: 2000 }, (_, index) => at(`t${index}`, index * 10));
    const { bridge, tasks } = await signedInWith(many);
    const scope = effectScope();
    let runs = 0;
    scope.run(() =>
      watchEffect(
        () => {
          void tasks.order;
          runs += 1;
        },
        { flush: 'sync' },
      ),
    );
    bridge.emit('task.changed', at('new', 5));
    for (let i = 0; i < 100; i += 1) bridge.emit('task.changed', at(`t${i}`, i * 10, { status: 'queueing', updatedAt: 50_000 + i }));
    bridge.emit('task.changed', at('t7', 70, { status: 'FAILED', terminal: true, updatedAt: 60_000 }));
    expect(tasks.byId.get('t7')?.status).toBe('processing'); // not before the frame
    await nextFrame();
    scope.stop();
    expect(runs).toBe(2); // the first run, then one for the whole frame
    expect(tasks.order.indexOf('new')).toBe(many.length - 1); // between t1 (10) and t0 (0)
    expect(tasks.byId.get('t7')?.status).toBe('FAILED'); // the newest snapshot of the frame
    expect(tasks.runningCount).toBe(2000); // 2001 running, one failed
    expect(tasks.byId.get('t8')?.status).toBe('queueing');
  });

  it('merges a large batch of new tasks (an adoption) into the order in one pass, hidden and moved ones too', async () => {
    const { bridge, tasks } = await signedInWith([at('a', 1000), at('b', 2000), at('c', 3000)]);
    const before = tasks.order;
    const adopted = Array.from({ length: 500 }, (_, i) => at(`n${i}`, 500 + ((i * 7919) % 5000)));
    for (const task of adopted) bridge.emit('task.changed', task);
    bridge.emit('task.changed', at('b', 2000, { hidden: true, updatedAt: 9000 }));
    bridge.emit('task.changed', at('c', 250, { updatedAt: 9000 })); // moved to the end
    await nextFrame();
    expect(tasks.order).not.toBe(before); // rebuilt by one merge, not spliced in place 502 times
    const expected = [at('a', 1000), at('c', 250), ...adopted]
      .sort((x, y) => y.createdAt - x.createdAt || (x.localId < y.localId ? -1 : 1))
      .map((task) => task.localId);
    expect(tasks.order).toEqual(expected);
    expect(tasks.order).toHaveLength(502);
    expect(tasks.runningCount).toBe(502);
  });

  it('applies events without a frame too (rAF stops while the window is hidden)', async () => {
    const { bridge, tasks } = await signedInWith([at('a', 1000)]);
    vi.stubGlobal('requestAnimationFrame', () => 0);
    try {
      bridge.emit('task.changed', at('b', 2000));
      await vi.waitFor(() => expect(tasks.order).toEqual(['b', 'a']), { timeout: 1000, interval: 20 });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('forgets events still waiting for their frame when the account goes', async () => {
    const { bridge, tasks } = await signedInWith([at('a', 1000)]);
    bridge.emit('task.changed', at('b', 2000));
    tasks.reset();
    await nextFrame();
    expect(tasks.byId.has('b')).toBe(false);
    expect(tasks.order).toEqual([]);
  });

  it('learns how long finished runs took, for the estimate', async () => {
    const { bridge, tasks } = await signedInWith([]);
    const running = at('a', 1000, { submittedAt: 1000 });
    bridge.emit('task.changed', at('a', 1000, { submittedAt: 1000, status: 'SUCCEEDED', terminal: true, finishedAt: 181_000, updatedAt: 181_000 }));
    await nextFrame();
    expect(tasks.historyFor(running)).toEqual([180_000]);
  });
});
