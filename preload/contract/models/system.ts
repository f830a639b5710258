/** The desktop shell as the renderer sees it: updates, diagnostics and "about". */

export interface AvailableUpdate {
  version: string;
  /** Plain text or HTML as the release carries it; the renderer shows it as text, never as HTML. */
  notes: string;
  releaseDate?: string;
}

export type UpdateState =
  | { status: 'disabled'; reason: 'development' | 'no-provider' }
  | { status: 'idle'; checkedAt?: number }
  | { status: 'checking' }
  | { status: 'downloading'; update: AvailableUpdate; percent: number }
  | { status: 'ready'; update: AvailableUpdate }
  | { status: 'error'; code: 'check_failed' | 'download_failed'; retryAt: number };

/** The `updates.changed` payload and the answer of `updates.state` / `updates.check`. */
export interface UpdatesSnapshot {
  currentVersion: string;
  state: UpdateState;
}

/** `busy`: a video submission is on its way (its task id may not be stored yet). */
export type RestartAnswer = { ok: true } | { ok: false; reason: 'not-ready' | 'busy' };

export type DiagnosticsExportAnswer = { cancelled: true } | { cancelled: false; path: string; bytes: number; files: string[] };

/** `opened: false` where main cannot open a folder (the browser host): the path is shown instead. */
export interface LogFolderAnswer {
  path: string;
  opened: boolean;
}

export interface AboutInfo {
  version: string;
  runtime: 'electron' | 'browser-host';
  os: string;
  arch: string;
  /** electron, node, chrome (those the runtime has). */
  versions: Record<string, string>;
  serverUrl: string | null;
  sessionPersistence: 'encrypted' | 'memory' | 'dev-file';
  logFolder: string;
}
