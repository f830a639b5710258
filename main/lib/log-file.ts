/**
 * The log file of the desktop app (`<logs>/main.log`): a packaged GUI app has no console, so
 * this is where support looks. Lines are already redacted by the logger. The file is rotated at
 * start-up when it grew past `maxBytes` (one previous file is kept), and written through an
 * append stream, so logging never blocks the main process.
 */
import { createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from './logger';

export const LOG_FILE = 'main.log';
export const PREVIOUS_LOG_FILE = 'main.previous.log';
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** Opens `<dir>/main.log` for appending; null when the folder cannot be used (logging goes on elsewhere). */
export function openLogFile(dir: string, maxBytes = DEFAULT_MAX_BYTES): (Writable & { close(): Promise<void> }) | null {
  try {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, LOG_FILE);
    if (sizeOf(path) > maxBytes) renameSync(path, join(dir, PREVIOUS_LOG_FILE));
    const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
    stream.on('error', () => undefined); // a full disk must not crash the app
    return {
      write: (chunk: string) => stream.write(chunk),
      close: () => new Promise<void>((resolve) => stream.end(resolve)),
    };
  } catch {
    return null;
  }
}

/** Writes every chunk to each stream. */
export function teeStreams(...streams: (Writable | null)[]): Writable {
  const targets = streams.filter((stream): stream is Writable => stream !== null);
  return {
    write(chunk: string) {
      for (const target of targets) {
        try {
          target.write(chunk);
        } catch {
          // one broken sink must not silence the others
        }
      }
      return true;
    },
  };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
