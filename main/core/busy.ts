/**
 * "Is the app in the middle of something a restart would break?" — today only a video
 * submission that is on its way (its task id may not be in the ledger yet). The update policy
 * asks before "重启以更新"; the tray's close-to-tray rule may ask too.
 *
 * Whoever starts such work calls `begin()` and calls the returned `end` exactly once when it
 * is over (in a `finally`), e.g. in the video module:
 *
 *   const end = kernel.busy.begin('video-submit');
 *   try { await submit(); } finally { end(); }
 *
 * Calling an `end` twice does nothing, so a double `finally` cannot make the count negative.
 */
export class BusyTracker {
  private readonly open = new Map<symbol, string>();

  /** Marks one piece of work as started; returns its `end`. */
  begin(reason: string): () => void {
    const token = Symbol(reason);
    this.open.set(token, reason);
    return () => void this.open.delete(token);
  }

  isBusy(): boolean {
    return this.open.size > 0;
  }

  /** What is running now (for logs and diagnostics). */
  reasons(): string[] {
    return [...this.open.values()];
  }
}
