import '@/testing/tall-layout';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import type { DownloadView, TaskView } from '@contract';
import TasksView from '@/views/TasksView.vue';
import { fakeUser, installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';
import { byId } from '@/testing/dom';
import { fakeDownload } from '@/testing/library';
import { fakeTask } from '@/testing/video';

enableAutoUnmount(afterEach);
afterEach(() => {
  document.body.innerHTML = '';
});

const MB = 1024 * 1024;
const done = (localId: string, createdAt: number): TaskView =>
  fakeTask({ localId, status: 'SUCCEEDED', terminal: true, resultUrls: [`https://vendor.example/${localId}.mp4`], createdAt, finishedAt: createdAt + 60_000, updatedAt: createdAt + 60_000 });

async function mountTasks(tasks: TaskView[], downloads: DownloadView[]) {
  const bridge = installFakeBridge({
    'auth.state': () => ok({ user: fakeUser() }),
    'tasks.list': () => ok(tasks),
    'tasks.refresh': () => ok(null),
    'downloads.list': () => ok(downloads),
    'downloads.start': ({ localId }) => ok([fakeDownload({ id: localId, localId, state: 'queued', bytesDone: 0, bytesTotal: null, speed: 0 })]),
  });
  const mounted = await mountWithProviders(TasksView, { path: '/tasks' });
  await vi.waitFor(() => expect(document.querySelector('[data-local-id]')).not.toBeNull(), { timeout: 4000 });
  return { bridge, ...mounted };
}

const inRow = (localId: string, testid: string) => byId(`task-row-${localId}`)?.querySelector<HTMLElement>(`[data-testid="${testid}"]`) ?? null;

describe('a finished task\'s download in the task list', () => {
  it('shows state, percentage and speed, and follows events for that row only', async () => {
    const { bridge } = await mountTasks(
      [done('a', 2000), done('b', 1000), fakeTask({ localId: 'run', createdAt: 3000 })],
      [fakeDownload({ id: 'a', localId: 'a', bytesDone: 30 * MB, bytesTotal: 100 * MB, speed: 2 * MB }), fakeDownload({ id: 'b', localId: 'b', state: 'done', bytesDone: 5 * MB, bytesTotal: 5 * MB, speed: 0 })],
    );
    await vi.waitFor(() => expect(inRow('a', 'task-download-state')?.textContent).toBe('下载中'));
    expect(inRow('a', 'task-download-percent')?.textContent).toBe('30%');
    expect(inRow('a', 'task-download-speed')?.textContent).toBe('2.0 MB/秒');
    expect(inRow('b', 'task-download-state')?.textContent).toBe('已下载');
    expect(inRow('b', 'task-download-percent')).toBeNull();
    expect(inRow('run', 'task-download')).toBeNull(); // still running: nothing to download yet
    bridge.emit('download.changed', fakeDownload({ id: 'a', localId: 'a', bytesDone: 75 * MB, bytesTotal: 100 * MB, speed: 3 * MB }));
    await vi.waitFor(() => expect(inRow('a', 'task-download-percent')?.textContent).toBe('75%'));
    expect(inRow('a', 'task-download-speed')?.textContent).toBe('3.0 MB/秒');
  });

  it('offers to download when there is none (auto-download off), and shows it queued', async () => {
    const { bridge } = await mountTasks([done('a', 1000)], []);
    await vi.waitFor(() => expect(inRow('a', 'task-download-start')).not.toBeNull());
    expect(inRow('a', 'task-download-state')).toBeNull();
    inRow('a', 'task-download-start')!.click();
    await flushPromises();
    expect(bridge.callsTo('downloads.start')).toEqual([{ localId: 'a' }]);
    await vi.waitFor(() => expect(inRow('a', 'task-download-state')?.textContent).toBe('排队中'));
    expect(inRow('a', 'task-download-start')).toBeNull();
  });

  it('sums a task with several videos', async () => {
    await mountTasks(
      [done('a', 1000)],
      [
        fakeDownload({ id: 'a', localId: 'a', state: 'done', bytesDone: 50 * MB, bytesTotal: 50 * MB, speed: 0 }),
        fakeDownload({ id: 'a#2', localId: 'a', bytesDone: 0, bytesTotal: 50 * MB, speed: MB }),
      ],
    );
    await vi.waitFor(() => expect(inRow('a', 'task-download-percent')?.textContent).toBe('50%'));
    expect(inRow('a', 'task-download-state')?.textContent).toBe('下载中');
    expect(byId('task-row-a')?.textContent).toContain('共 2 个视频');
  });
});
