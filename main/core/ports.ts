/**
 * Ports: what the core and its services need from the outside world. Electron adapters live in
 * main/shell, browser-host adapters in main/host, memory fakes in main/testing. Nothing below
 * main/shell imports electron.
 */
import type { AvailableUpdate } from '../../preload/contract/models';
import type { Logger } from '../lib/logger';

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
  /** True while one of the app's windows has the focus (download notices wait for the user to look away). */
  appFocused?(): boolean;
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
export type { Logger };

/** Where the app keeps its data and where downloads go (Electron's app.getPath, or the host's data folder). */
export interface DataPaths {
  /** The app's own data (ledgers, caches); created on demand by the caller. */
  dataDir(): string;
  /** The default folder for downloaded videos (the user's Downloads, a subfolder there, …). */
  downloadsDir(): string;
  /** The user's Videos folder, null when the OS has none; downloads default to a 元境 folder there. */
  videosDir?(): string | null;
}

export type SystemEvent = 'suspend' | 'resume' | 'online' | 'offline';

/** Power and network changes: pollers pause on suspend/offline and catch up on resume/online. */
export interface SystemEvents {
  /** Returns the unsubscribe function. */
  on(event: SystemEvent, listener: () => void): () => void;
}

/** Asks the user for a folder (the download folder); null when they cancel or nobody can be asked. */
export interface FolderPicker {
  pickFolder(options: { title: string; defaultPath?: string }): Promise<string | null>;
}

/** Progress of long work on the taskbar / dock: a fraction in [0, 1], or null to clear it. */
export interface ProgressBadge {
  setProgress(fraction: number | null): void;
  /** A count on the app icon (running video tasks); 0 removes it. */
  setBadgeCount(count: number): void;
}

/** Asks the user for files (the studio's images); [] when they cancel or nobody can be asked. */
export interface FilePicker {
  pickFiles(options: { title: string; filters: { name: string; extensions: string[] }[]; multiple: boolean }): Promise<string[]>;
}

/**
 * The OS proxy settings (and PAC), asked per URL: the answer is a PAC result such as 'DIRECT',
 * 'PROXY host:port', 'SOCKS5 host:port' or a `;`-separated list of them. Electron asks
 * `session.resolveProxy`; the browser host reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
 */
export interface ProxyResolver {
  resolve(url: string): Promise<string>;
  /** Re-reads the OS settings and the PAC script (after a network change); optional. */
  reload?(): Promise<void>;
}

/** Asks the user where to save a file; null when they cancel. The browser host answers a path in its data folder. */
export interface SaveFilePicker {
  pickSaveFile(options: { title: string; defaultName: string; filters?: { name: string; extensions: string[] }[] }): Promise<string | null>;
}

/** Shows a folder in the OS file manager (Electron's shell.openPath); false when it could not. */
export interface FolderOpener {
  openFolder(path: string): Promise<boolean>;
}

/** Shows or opens a local file for the user (the library's videos): shell.showItemInFolder / shell.openPath. */
export interface FileShell {
  /** Shows the file selected in the system file manager. */
  reveal(path: string): Promise<void>;
  /** Opens the file with the system's default app; false when the OS could not. */
  openPath(path: string): Promise<boolean>;
}

export type { AvailableUpdate };

/**
 * Checks for, downloads and installs a release (electron-updater in the desktop app, a fake in
 * tests). Its policy — when to check, when a restart is allowed — is services/updates/policy.ts.
 */
export interface UpdaterPort {
  /** The newer release, or null when this is the newest. */
  check(): Promise<AvailableUpdate | null>;
  /** Downloads the release `check` found, reporting 0–100. Signatures are checked by the port. */
  download(onProgress: (percent: number) => void): Promise<void>;
  /** Quits and installs the downloaded release. */
  install(): void;
}

/** The updater, or why there is none (a development build; no update provider built in; the browser host). */
export type UpdaterSetup = { updater: UpdaterPort; disabledReason?: undefined } | { updater: null; disabledReason: 'development' | 'no-provider' };

/** Everything createCore gets from the runtime it runs in (Electron or the browser host). */
export interface CorePorts {
  store: KeyValueStore;
  secrets: SecretBox;
  opener: ExternalOpener;
  logger: Logger;
  clock?: Clock;
  /** The OS clipboard (Electron); absent in the browser host, whose renderer copies itself. */
  clipboard?: ClipboardPort | null;
  /** System notifications (Electron); absent in the browser host. */
  notifier?: Notifier | null;
  /** Where the task ledger, image copies and caches live. */
  dataPaths: DataPaths;
  systemEvents?: SystemEvents;
  folderPicker?: FolderPicker | null;
  /** The studio's image chooser; absent means "nothing picked". */
  filePicker?: FilePicker | null;
  progressBadge?: ProgressBadge | null;
  /** The OS proxy settings; absent = every request goes direct in 'system' mode. */
  proxyResolver?: ProxyResolver | null;
  /** The save dialog of "导出诊断信息". */
  saveFilePicker?: SaveFilePicker | null;
  /** Opens the log folder; absent in the browser host (the path is shown instead). */
  folderOpener?: FolderOpener | null;
  /** Absent: updates are disabled ('no-provider'). */
  updater?: UpdaterSetup;
  /** Moves a file or folder to the OS trash (shell.trashItem); absent: into `<dataDir>/trash/`. */
  trash?(path: string): Promise<void>;
  /** Reveal / open a local file (the library); absent: those actions answer an error. */
  fileShell?: FileShell | null;
  /**
   * The URL the page loads a library file with, from its path relative to the library folder
   * (`yj-media://library/…` in Electron, `/__yj/media/…?token=…` in the browser host); absent: ''.
   */
  mediaUrl?(relPath: string): string;
}

/** Plain values that describe this build and how it was started. */
export interface CoreConfig {
  runtime: 'electron' | 'browser-host';
  version: string;
  /** Build-time setting; '' when unknown. */
  officialServerUrl: string;
  /** YUANJING_SERVER, or the browser host's `--server` (which wins over it). */
  envServerUrl?: string;
  /** envServerUrl came from the command line (`--server`), so the app must not call it an environment variable. */
  serverFromCommandLine?: boolean;
  /** Where the log files are (main.log); '' when nothing logs to a file. */
  logDir?: string;
  /** A packaged app (Electron's app.isPackaged): plain http then needs the user's confirmation. Absent = false. */
  packaged?: boolean;
}
