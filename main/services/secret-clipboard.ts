/**
 * Copied secrets (API key, secret key, a curl line carrying the key) leave the clipboard again
 * after 60 s, if they are still there. This runs in main because only main can do it reliably:
 * by then the user has usually switched to another app to paste, and a renderer that is not
 * focused may neither read nor write the clipboard. What is copied is remembered only as a
 * SHA-256 digest, to recognise it; and a secret still on the clipboard when the app quits is
 * cleared then.
 *
 * Without a clipboard port (the browser host) `copy` answers `handled: false` and the renderer
 * uses the browser's clipboard itself.
 */
import { createHash } from 'node:crypto';
import type { ClipboardPort, Clock, Logger } from '../core/ports';

export const SECRET_CLIPBOARD_MS = 60_000;

interface Pending {
  digest: string;
  timer: unknown;
}

export class SecretClipboard {
  private pending: Pending | null = null;
  private readonly clearAfterMs: number;

  constructor(private readonly deps: { clipboard: ClipboardPort | null; clock: Clock; logger: Logger; clearAfterMs?: number }) {
    this.clearAfterMs = deps.clearAfterMs ?? SECRET_CLIPBOARD_MS;
  }

  async copy(text: string): Promise<{ handled: boolean; clearsAt?: number }> {
    const { clipboard, clock } = this.deps;
    if (!clipboard) return { handled: false };
    await clipboard.writeText(text);
    this.cancel();
    const digest = digestOf(text);
    // A later copy cancels this timer (cancel() above), so when it fires it is the current one.
    const timer = clock.setTimeout(() => {
      this.pending = null;
      void this.clearIfStill(digest);
    }, this.clearAfterMs);
    this.pending = { digest, timer };
    return { handled: true, clearsAt: clock.now() + this.clearAfterMs };
  }

  /** Quitting: a secret still on the clipboard goes now (its timer would die with the app). */
  async dispose(): Promise<void> {
    const pending = this.pending;
    this.cancel();
    if (pending) await this.clearIfStill(pending.digest);
  }

  private async clearIfStill(digest: string): Promise<void> {
    const clipboard = this.deps.clipboard;
    if (!clipboard) return;
    try {
      // Something else copied since (by the user, in any app) stays.
      if (digestOf(await clipboard.readText()) === digest) clipboard.clear();
    } catch (error) {
      this.deps.logger.warn('clipboard could not be checked', { error: error instanceof Error ? error.name : 'unknown' });
    }
  }

  private cancel(): void {
    if (this.pending) this.deps.clock.clearTimeout(this.pending.timer);
    this.pending = null;
  }
}

function digestOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
