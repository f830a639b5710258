/**
 * The browser host's KeyValueStore: one JSON file (`settings.json` in the data folder).
 * Reads once at start; every `set` rewrites the file atomically (temp → fsync → rename), so a
 * crash mid-write leaves the previous file intact. Secrets never go here (see secrets.ts).
 */
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValueStore, Logger } from '../core/ports';
import { writeFileAtomicSync } from '../lib/atomic-file';

export class JsonFileStore implements KeyValueStore {
  private readonly file: string;
  private data: Record<string, unknown>;

  constructor(dataDir: string, logger?: Logger) {
    this.file = join(dataDir, 'settings.json');
    this.data = JsonFileStore.read(this.file, logger);
  }

  private static read(file: string, logger?: Logger): Record<string, unknown> {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return {}; // first start
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // fall through: a damaged file must not stop the host; keep a copy for inspection
    }
    const aside = `${file}.damaged-${Date.now()}`;
    try {
      renameSync(file, aside);
    } catch {
      /* best effort */
    }
    logger?.warn('settings.json was not a JSON object; starting with defaults', { movedTo: aside });
    return {};
  }

  get(key: string): unknown {
    return Object.prototype.hasOwnProperty.call(this.data, key) ? structuredClone(this.data[key]) : undefined;
  }

  set(key: string, value: unknown): void {
    const next = { ...this.data };
    if (value === undefined) delete next[key];
    else next[key] = structuredClone(value);
    writeFileAtomicSync(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.data = next;
  }
}
