/**
 * Ports: what the core and its services need from the outside world. Electron adapters live in
 * main/shell, browser-host adapters in main/host, memory fakes in main/testing. Nothing below
 * main/shell imports electron.
 */

/** Encrypts small secrets at rest (Electron safeStorage, or nothing). */
export interface SecretBox {
  /** 'encrypted' when the OS keychain protects the data, 'dev-file' for the browser host, 'memory' when nothing may be persisted. */
  readonly mode: 'encrypted' | 'memory' | 'dev-file';
  /** Returns null when nothing is stored or it cannot be decrypted. */
  load(name: string): Promise<string | null>;
  /** A no-op in 'memory' mode. */
  save(name: string, value: string): Promise<void>;
  remove(name: string): Promise<void>;
}

/** Non-secret settings (electron-store in Electron, a JSON file in the browser host). */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Opens an already-vetted https URL in the system browser (shell.openExternal). */
export interface ExternalOpener {
  open(url: string): Promise<void>;
}

/** The OS clipboard as main sees it (Electron's `clipboard`): works whether or not the window has focus. */
export interface ClipboardPort {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  clear(): void;
}

/** A system notification (Electron's Notification). */
export interface Notifier {
  notify(notice: { title: string; body: string }): void;
}

/** Time, injectable so pollers and countdowns can be tested with fake timers. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The redacting logger's interface lives with it in lib; re-exported so ports are one import. */
export type { Logger } from '../lib/logger';
