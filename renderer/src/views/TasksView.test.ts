import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { NVirtualList } from 'naive-ui';
import type { TaskView, VideoModel } from '@contract';
import TasksView from './TasksView.vue';
import { fakeUser, installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';
import { byId, click } from '@/testing/dom';
import { typeInto } from '@/testing/typing';
import { fakeModel, fakeTask, quoteOf } from '@/testing/video';

// happy-dom lays nothing out: give Naive's virtual list a tall viewport so every row renders.
vi.hoisted(() => {
  class TallResizeObserver {
    constructor(private readonly callback: (entries: unknown[]) => void) {}
    observe(target: Element): void {
      const contentRect = { width: 1000, height: 2000, top: 0, left: 0, right: 1000, bottom: 2000, x: 0, y: 0 };
      queueMicrotask(() => this.callback([{ target, contentRect, borderBoxSize: [], contentBoxSize: [], devicePixelContentBoxSize: [] }]));
    }
    unobserve(): void {}
    disconnect(): void {}
  }
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver = TallResizeObserver;
  (window as { ResizeObserver?: unknown }).ResizeObserver = TallResizeObserver;
});

enableAutoUnmount(afterEach);
afterEach(() => {
  document.body.innerHTML = '';
});

const MIN = 60_000;
const NOW = Date.now();

async function mountTasks(listed: TaskView[], path = '/tasks', locale: 'zh-CN' | 'en' = 'zh-CN', models: VideoModel[] = []) {
  const bridge = installFakeBridge({
    'video.models': ({ catalog }) => ok(models.filter((model) => model.catalog === catalog)),
    'auth.state': () => ok({ user: fakeUser() }),
    'tasks.list': () => ok(listed),
    'tasks.refresh': () => ok(null),
    'tasks.hide': ({ localId }) => ok({ ...listed.find((task) => task.localId === localId)!, hidden: true, updatedAt: NOW + 1 }),
    'video.quote': () => ok(quoteOf(2.5)),
  });
  const mounted = await mountWithProviders(TasksView, { path, locale });
  // The first mount of a file compiles Naive's list: give it time.
  await vi.waitFor(() => expect(document.querySelector('[data-local-id]')).not.toBeNull(), { timeout: 4000 });
  return { bridge, ...mounted };
}

const rowText = (localId: string) => byId(`task-row-${localId}`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const part = (localId: string, id: string) => byId(`task-row-${localId}`)?.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? null;

const finished = (localId: string, extra: Partial<TaskView>) =>
  fakeTask({ localId, status: 'SUCCEEDED', terminal: true, createdAt: NOW - 60 * MIN, submittedAt: NOW - 60 * MIN, finishedAt: NOW - 57 * MIN, updatedAt: NOW, ...extra });

describe('TasksView', () => {
  it('names the model of a task adopted from elsewhere (its row carries only the model id)', async () => {
    const id = 'BjhzpdzWAkCrP4ekOot_R';
    const { bridge } = await mountTasks(
      [
        fakeTask({ localId: 'adopted', origin: 'adopted', modelId: id, modelName: id, catalog: 't2v' }),
        fakeTask({ localId: 'own', modelId: 'vidu-q1-t2v', modelName: 'Vidu Q1' }),
      ],
      '/tasks',
      'zh-CN',
      [fakeModel({ id, name: 'Vidu Q3 文生视频', catalog: 't2v' })],
    );
    await vi.waitFor(() => expect(rowText('adopted')).toContain('Vidu Q3 文生视频'));
    expect(rowText('adopted')).not.toContain(id);
    expect(rowText('own')).toContain('Vidu Q1');
    // Only the catalog that lacks a name is asked for, once.
    expect(bridge.callsTo('video.models')).toHaveLength(1);
  });

  it('words every status, billing state and kind of failure', async () => {
    await mountTasks([
      fakeTask({ localId: 'pending', status: 'pending', taskid: undefined, createdAt: NOW - 1000 }),
      fakeTask({ localId: 'running', status: 'processing', createdAt: NOW - 2000, submittedAt: NOW - 2000 }),
      fakeTask({ localId: 'queued', status: 'created', createdAt: NOW - 2000, submittedAt: NOW - 2000 }),
      fakeTask({ localId: 'vendor-word', status: 'RENDERING', createdAt: NOW - 2000, submittedAt: NOW - 2000 }),
      finished('billed', { billing: 'accounted', amount: 2.5 }),
      finished('settling', { billing: 'created' }),
      finished('unbilled', { billing: 'failed', failureKind: 'billing_failed' }),
      finished('moderated', { status: 'FAILED', failureKind: 'generation_failed', error: '内容不合规' }),
      finished('lost', { status: 'FAILED', failureKind: 'lost_track', error: 'None, Timeout' }),
      finished('refused', { status: 'FAILED', failureKind: 'refused', taskid: undefined }),
    ]);
    expect(part('pending', 'task-status')).toBe('提交中');
    // Known platform words in Chinese (never "生成中（created）"); an unknown word as written.
    expect(part('running', 'task-status')).toBe('生成中');
    expect(part('queued', 'task-status')).toBe('排队中');
    expect(part('vendor-word', 'task-status')).toBe('生成中（RENDERING）');
    expect(part('billed', 'task-status')).toBe('已完成');
    expect(part('billed', 'task-billing')).toBe('已扣费 ¥2.50');
    expect(part('settling', 'task-billing')).toBe('结算中');
    expect(part('unbilled', 'task-billing')).toBe('结算失败（可能稍后计费）');
    expect(part('moderated', 'task-failure')).toBe('生成失败（未扣费）');
    expect(part('moderated', 'task-reason')).toContain('内容不合规');
    expect(part('lost', 'task-failure')).toBe('平台与任务失去联系，视频可能仍会生成');
    expect(part('refused', 'task-failure')).toBe('提交被拒绝，未扣费');
    expect(part('billed', 'task-time')).toBe('用时 03:00');
    expect(rowText('billed')).toContain('报价 ¥2.50');
    expect(byId('tasks-no-cancel')?.textContent).toContain('无法取消');
    // No copy of a task id that does not exist yet; the transno is always there.
    expect(byId('task-row-pending')?.querySelector('[data-testid="task-copy-id"]')).toBeNull();
    expect(byId('task-row-pending')?.querySelector('[data-testid="task-copy-transno"]')).not.toBeNull();
  });

  it('shows a learned estimate only when similar tasks have finished', async () => {
    const params = { prompt: 'x', duration: 5, resolution: '1080p' };
    await mountTasks([
      fakeTask({ localId: 'now', status: 'processing', params, createdAt: NOW - MIN, submittedAt: NOW - MIN }),
      fakeTask({ localId: 'other', status: 'processing', params: { ...params, duration: 8 }, createdAt: NOW - MIN, submittedAt: NOW - MIN }),
      finished('past1', { params, submittedAt: NOW - 60 * MIN, finishedAt: NOW - 57 * MIN }),
      finished('past2', { params, submittedAt: NOW - 50 * MIN, finishedAt: NOW - 45 * MIN }),
    ]);
    expect(part('now', 'task-estimate')).toBe('预计还需约 2–4 分钟');
    expect(part('other', 'task-estimate')).toContain('暂无预估');
  });

  it('filters running and finished tasks and searches the prompts', async () => {
    await mountTasks([
      fakeTask({ localId: 'r', prompt: '白鹭掠过湖面', createdAt: NOW - 1000 }),
      finished('f', { prompt: '雪山日出' }),
    ]);
    await click('tasks-filter-running');
    expect(byId('task-row-r')).not.toBeNull();
    expect(byId('task-row-f')).toBeNull();
    await click('tasks-filter-finished');
    expect(byId('task-row-r')).toBeNull();
    expect(byId('task-row-f')).not.toBeNull();
    await click('tasks-filter-all');
    await typeInto(byId('tasks-search')?.querySelector('input'), '白鹭');
    await vi.waitFor(() => expect(byId('task-row-f')).toBeNull());
    expect(byId('task-row-r')).not.toBeNull();
  });

  it('highlights the task named in ?focus', async () => {
    await mountTasks([fakeTask({ localId: 'a', createdAt: NOW - 1000 }), finished('b', {})], '/tasks?focus=b');
    await flushPromises();
    expect(byId('task-row-b')?.classList.contains('focused')).toBe(true);
    expect(byId('task-row-a')?.classList.contains('focused')).toBe(false);
  });

  it('retries a failed task as a new submission after naming the price', async () => {
    const { bridge } = await mountTasks([finished('x', { status: 'FAILED', failureKind: 'generation_failed' })]);
    bridge.handle({ 'video.submit': () => ok(fakeTask({ localId: 'y', createdAt: NOW })) });
    await click('task-retry');
    await vi.waitFor(() => expect(byId('task-retry-body')?.textContent).toContain('¥2.50'));
    expect(bridge.callsTo('video.submit')).toHaveLength(0);
    byId('task-retry-confirm')?.click();
    byId('task-retry-confirm')?.click();
    await vi.waitFor(() => expect(byId('task-row-y')).not.toBeNull());
    expect(bridge.callsTo('video.submit')).toHaveLength(1);
    expect(bridge.callsTo('video.submit')[0]).toMatchObject({ modelId: 'vidu-q1-t2v', quotedPrice: 2.5 });
  });

  it('hides a task and opens a result through main', async () => {
    const { bridge } = await mountTasks([finished('done', { resultUrls: ['https://cdn.example/v.mp4'] })], '/tasks', 'en');
    bridge.handle({ 'tasks.openResult': () => ok(null) });
    expect(part('done', 'task-status')).toBe('Done');
    await click('task-open');
    expect(bridge.callsTo('tasks.openResult')).toEqual([{ localId: 'done' }]);
    await click('task-hide');
    await vi.waitFor(() => expect(byId('task-row-done')).toBeNull());
    expect(byId('tasks-empty')).not.toBeNull();
  });

  it('re-renders a changed row on its own: the list keeps its items until the order changes', async () => {
    const { bridge, wrapper } = await mountTasks([fakeTask({ localId: 'run', createdAt: NOW - 1000, submittedAt: NOW - 1000 }), finished('old', {})], '/tasks', 'en');
    const list = wrapper.findComponent(NVirtualList);
    const itemsBefore = list.props('items');
    bridge.emit('task.changed', fakeTask({ localId: 'run', status: 'FAILED', terminal: true, failureKind: 'generation_failed', createdAt: NOW - 1000, updatedAt: NOW + 5, finishedAt: NOW + 5 }));
    await vi.waitFor(() => expect(part('run', 'task-status')).toBe('Failed'));
    expect(list.props('items')).toBe(itemsBefore); // a status change: no new array for 10 000 rows
    bridge.emit('task.changed', fakeTask({ localId: 'new', createdAt: NOW, updatedAt: NOW }));
    await vi.waitFor(() => expect(byId('task-row-new')).not.toBeNull());
    const itemsAfter = list.props('items') as { localId: string }[];
    expect(itemsAfter.map((item) => item.localId)).toEqual(['new', 'run', 'old']);
    expect(itemsAfter[1]).toBe((itemsBefore as { localId: string }[])[0]); // the same item object: its row is kept
  });
});
