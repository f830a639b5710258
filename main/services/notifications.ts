/**
 * The one bus subscriber for what the user should hear about while looking elsewhere:
 * - a recharge that arrived (the payment was made in the browser, the app is in the background);
 * - a video task that SUCCEEDED or FAILED: `app.notice` for the browser host's page, and a system
 *   notification where there is a notifier and the user left 「系统通知」 on;
 * - a download that finished or failed for good (downloads the user started or auto-download
 *   queued in this run), only while no app window has the focus: the downloads view shows them
 *   otherwise. One notice per finished task: a download done within DOWNLOAD_MERGE_MS of its
 *   task's 「视频已生成」 notice says nothing more (auto-download follows every success within
 *   seconds; the task notice already told the news and its file simply appears in the library);
 *   a later one (a slow download, a manual start) is news of its own, and a failure always is;
 * - the number of running tasks on the app icon;
 * - a success about to be billed: the balance is refreshed (§5.6) so balance and orders follow.
 * Each outcome is told once. A task is told only when this process saw it running, or it is a
 * local task that just finished: tasks adopted already finished (made elsewhere, found in today's
 * list at sign-in) are history, not news.
 */
import type { AppEvent, AppNotice, DownloadView, TaskView } from '../../preload/contract';
import type { EventBus } from '../core/bus';
import type { Clock, Notifier, ProgressBadge } from '../core/ports';

/** A local task whose outcome is older than this when first seen is not announced (a restart catching up quietly). */
export const FRESH_OUTCOME_MS = 10 * 60_000;
/** §5.6: the charge lands some seconds after SUCCEEDED; refreshed then, and at once when billed. */
export const BILLING_REFRESH_MS = 20_000;
/** A download done this soon after its task's success notice adds no notice of its own. */
export const DOWNLOAD_MERGE_MS = 60_000;
const ACTIVE_DOWNLOAD: ReadonlySet<DownloadView['state']> = new Set(['queued', 'running', 'waiting', 'paused']);

export interface NotificationDeps {
  bus: EventBus;
  clock: Clock;
  notifier: Notifier | null;
  /** Whether the user wants system notifications now. */
  enabled(): boolean;
  badge?: ProgressBadge | null;
  /** Tasks without a final state (hidden ones included). */
  runningCount?(): number;
  balance?: { refreshSoon(delayMs: number): void };
}

export function startNotifications(deps: NotificationDeps): () => void {
  const toldRecharges = new Set<string>();
  const toldTasks = new Set<string>();
  const seenRunning = new Set<string>();
  /** When each task's outcome notice went out (for merging the download's). */
  const toldTaskAt = new Map<string, number>();
  /** Downloads seen unfinished in this run: only their end is news (a restart republishes old ones). */
  const activeDownloads = new Set<string>();
  /** Succeeded tasks seen before their charge: when it lands, balance and orders are refreshed. */
  const awaitingCharge = new Set<string>();

  const system = (notice: { title: string; body: string }) => {
    if (deps.notifier && deps.enabled()) deps.notifier.notify(notice);
  };

  const onTask = (task: TaskView) => {
    if (!task.terminal) seenRunning.add(task.localId);
    deps.badge?.setBadgeCount(deps.runningCount?.() ?? 0);
    if (task.status === 'SUCCEEDED' && task.billing !== 'accounted') awaitingCharge.add(task.localId);
    // Only a charge seen landing: tasks adopted already billed are old news for the balance.
    if (task.billing === 'accounted' && awaitingCharge.delete(task.localId)) deps.balance?.refreshSoon(0);
    if (!task.terminal || toldTasks.has(task.localId) || task.failureKind === 'refused') return;
    const fresh = task.origin === 'local' && task.finishedAt !== undefined && deps.clock.now() - task.finishedAt < FRESH_OUTCOME_MS;
    if (!seenRunning.has(task.localId) && !fresh) return;
    toldTasks.add(task.localId);
    toldTaskAt.set(task.localId, deps.clock.now());
    if (task.status === 'SUCCEEDED') deps.balance?.refreshSoon(BILLING_REFRESH_MS);
    if (task.status !== 'SUCCEEDED' && task.status !== 'FAILED') return;
    const notice = taskNotice(task);
    deps.bus.publish('app.notice', notice);
    // The system notification is for a user looking elsewhere; the page shows its own notice.
    if (deps.notifier?.appFocused?.() !== true) system({ title: notice.title, body: notice.body });
  };

  const onDownload = (download: DownloadView) => {
    if (ACTIVE_DOWNLOAD.has(download.state)) {
      activeDownloads.add(download.id);
      return;
    }
    if ((download.state !== 'done' && download.state !== 'failed') || !activeDownloads.delete(download.id)) return;
    if (deps.notifier?.appFocused?.() === true) return;
    const toldAt = toldTaskAt.get(download.localId);
    if (download.state === 'done' && toldAt !== undefined && deps.clock.now() - toldAt < DOWNLOAD_MERGE_MS) return;
    const notice = downloadNotice(download, deps.clock.now());
    deps.bus.publish('app.notice', notice);
    system({ title: notice.title, body: notice.body });
  };

  return deps.bus.subscribe((event: AppEvent) => {
    if (event.event === 'task.changed') return onTask(event.payload);
    if (event.event === 'download.changed') return onDownload(event.payload);
    if (event.event !== 'recharge.changed') return;
    const watch = event.payload;
    // The watch is published again (check, close); one notice per recharge.
    if (watch.state !== 'confirmed' || toldRecharges.has(watch.id) || !deps.notifier || !deps.enabled()) return;
    toldRecharges.add(watch.id);
    const amount = (watch.arrived ?? watch.amount).toFixed(2);
    deps.notifier.notify({ title: '充值已到账 / Recharge received', body: `¥${amount} 已到账，余额已更新。 / ¥${amount} arrived; the balance is updated.` });
  });
}

function clip(text: string, max = 40): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

export function taskNotice(task: TaskView): { id: string; kind: 'task.succeeded' | 'task.failed'; localId: string; title: string; body: string } {
  const what = clip(task.prompt || task.modelName);
  if (task.status === 'SUCCEEDED') {
    return { id: `task:${task.localId}:done`, kind: 'task.succeeded', localId: task.localId, title: '视频已生成 / Video ready', body: `${task.modelName}：${what}` };
  }
  const reason = task.failureKind === 'lost_track' ? '平台失去了任务的跟踪 / The platform lost track of the task' : clip(task.error ?? '生成失败 / Generation failed', 80);
  return { id: `task:${task.localId}:failed`, kind: 'task.failed', localId: task.localId, title: '视频生成失败 / Video failed', body: `${what} — ${reason}` };
}

/** Ids carry the time: a video downloaded again later is told again (the page drops repeated ids). */
export function downloadNotice(download: DownloadView, now: number): AppNotice {
  const what = clip(download.name, 60);
  if (download.state === 'done') {
    return { id: `download:${download.id}:done:${now}`, kind: 'download.done', title: '视频已下载 / Video downloaded', body: what };
  }
  const reason = clip(download.error?.message ?? '下载失败 / Download failed', 80);
  return { id: `download:${download.id}:failed:${now}`, kind: 'download.failed', title: '视频下载失败 / Video download failed', body: `${what} — ${reason}` };
}
