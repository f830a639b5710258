/**
 * The queue's durable part: `<dataDir>/downloads/queue.json`, written through the one atomic
 * writer, saves serialised (the newest state always lands last). Progress is not saved: the
 * bytes themselves are in the .part, and a reopened queue resumes from its length.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../lib/atomic-file';
import type { Logger } from '../../core/ports';

export type DownloadState = 'queued' | 'running' | 'waiting' | 'paused' | 'done' | 'failed' | 'cancelled';

/** What survives a restart. */
export interface StoredItem {
  id: string;
  url: string;
  dir: string;
  name: string;
  /** Epoch ms when the link stops working (closest first). */
  expiresAt: number;
  addedAt: number;
  state: DownloadState;
  attempts: number;
  /** The one refreshUrl + retry without Range of §10.8 has been spent. */
  refreshed: boolean;
  /** The next attempt starts from zero without Range. */
  noRange: boolean;
  error: { code: string; message: string } | null;
}

const STATES: ReadonlySet<string> = new Set(['queued', 'running', 'waiting', 'paused', 'done', 'failed', 'cancelled']);

function isStoredItem(v: unknown): v is StoredItem {
  const o = v as Record<string, unknown> | null;
  return (
    typeof o === 'object' && o !== null &&
    ['id', 'url', 'dir', 'name'].every((k) => typeof o[k] === 'string') &&
    typeof o.expiresAt === 'number' && typeof o.addedAt === 'number' &&
    typeof o.state === 'string' && STATES.has(o.state)
  );
}

export class QueueStore {
  readonly file: string;
  private chain: Promise<void> = Promise.resolve();

  constructor(dataDir: string, private readonly logger?: Logger) {
    this.file = join(dataDir, 'downloads', 'queue.json');
  }

  async load(): Promise<StoredItem[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = JSON.parse(text) as { items?: unknown };
      const items = Array.isArray(parsed.items) ? parsed.items : [];
      return items.filter(isStoredItem).map((i) => ({ ...i, attempts: i.attempts ?? 0, refreshed: i.refreshed === true, noRange: i.noRange === true, error: i.error ?? null }));
    } catch (error) {
      // A damaged file must not stop the app; the .part files stay where they are.
      // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
      this.logger?.warn('downloads: queue.json unreadable, starting empty', { error: String(error) });
      return [];
    }
  }

  save(items: readonly StoredItem[]): Promise<void> {
    const text = JSON.stringify({ version: 1, items }, null, 1);
    this.chain = this.chain.then(() => writeFileAtomic(this.file, text)).catch((error: unknown) => {
      // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
      this.logger?.error('downloads: could not save queue.json', { error: String(error) });
    });
    return this.chain;
  }
}
