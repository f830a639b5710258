/**
 * What closing the main window means. Long work belongs to main and outlives screens
 * (architecture.md): while video tasks run or downloads are active, closing the window hides it
 * to the tray instead of quitting — when the user wants that (`keepRunningInTray`, on by
 * default) and there is a tray to come back from. The first time it happens, a notification
 * says where the app went; that it was shown is remembered, so it is said once.
 * Quitting (menu, tray "退出", OS shutdown) always quits: the quit path flushes the ledger.
 */
import type { KeyValueStore, Notifier } from '../../core/ports';

export const TRAY_NOTICE_KEY = 'trayNoticeShown';

export interface CloseToTrayOptions {
  keepRunningInTray: () => boolean;
  /** Running tasks, active downloads or a submission in flight. */
  isWorkActive: () => boolean;
  hasTray: () => boolean;
  store: KeyValueStore;
  notifier: Notifier | null;
}

export type CloseDecision = 'hide' | 'close';

export class CloseToTray {
  private quitting = false;

  constructor(private readonly options: CloseToTrayOptions) {}

  /** The app is quitting: windows close for real from now on. */
  markQuitting(): void {
    this.quitting = true;
  }

  /** Called on the window's 'close'; 'hide' means: prevent the close and hide the window. */
  onCloseRequested(): CloseDecision {
    const { keepRunningInTray, isWorkActive, hasTray } = this.options;
    if (this.quitting || !keepRunningInTray() || !hasTray() || !isWorkActive()) return 'close';
    this.noticeOnce();
    return 'hide';
  }

  private noticeOnce(): void {
    const { store, notifier } = this.options;
    if (store.get(TRAY_NOTICE_KEY) === true) return;
    store.set(TRAY_NOTICE_KEY, true);
    notifier?.notify({
      title: '元境 Desktop 仍在后台运行 / still running',
      body: '任务完成前，应用在系统托盘中继续运行；从托盘图标可重新打开或退出。Tasks keep running in the tray; use the tray icon to reopen or quit.',
    });
  }
}
