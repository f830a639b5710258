/**
 * The saved orders history on disk: one JSON file per server and account in the data folder,
 * written through the atomic writer. The file name is a hash, so neither the server address nor
 * the account id shows in a file listing. A file that cannot be read is treated as empty (the
 * next refresh reads every page again), never as an error the user has to deal with.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OrderRow } from '../../../preload/contract';
import { writeFileAtomic } from '../../lib/atomic-file';

const VERSION = 1;

export interface SavedHistory {
  rows: OrderRow[];
  fetchedAt: number | null;
  reachedEnd: boolean;
}

export const EMPTY_HISTORY: SavedHistory = Object.freeze({ rows: [], fetchedAt: null, reachedEnd: false }) as SavedHistory;

export function historyFile(dir: string, server: string, account: string): string {
  const digest = createHash('sha256').update(`${server}\n${account}`).digest('hex').slice(0, 32);
  return join(dir, `${digest}.json`);
}

export async function loadHistory(file: string): Promise<SavedHistory> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return EMPTY_HISTORY;
  }
  try {
    const parsed = JSON.parse(text) as Partial<SavedHistory> & { version?: unknown };
    if (parsed.version !== VERSION || !Array.isArray(parsed.rows)) return EMPTY_HISTORY;
    return {
      rows: parsed.rows.filter(isOrderRow),
      fetchedAt: typeof parsed.fetchedAt === 'number' ? parsed.fetchedAt : null,
      reachedEnd: parsed.reachedEnd === true,
    };
  } catch {
    return EMPTY_HISTORY;
  }
}

export async function saveHistory(file: string, history: SavedHistory): Promise<void> {
  await writeFileAtomic(file, JSON.stringify({ version: VERSION, ...history }));
}

function isOrderRow(value: unknown): value is OrderRow {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  const strings = ['llmid', 'name', 'model', 'useDate', 'useTime', 'userid', 'status', 'accountingStatus'];
  return (
    strings.every((key) => typeof row[key] === 'string') &&
    (row.amount === null || (typeof row.amount === 'number' && Number.isFinite(row.amount))) &&
    (row.usage === null || (typeof row.usage === 'object' && !Array.isArray(row.usage)))
  );
}
