import type { AboutInfo, DiagnosticsExportAnswer, LogFolderAnswer, RestartAnswer, UpdatesSnapshot } from '../models';
import type { Route } from './route';

/** The desktop shell: updates, diagnostics, "about". */
export interface SystemRoutes {
  'updates.state': Route<void, UpdatesSnapshot>;
  /** Checks now (and downloads in the background when there is an update); answers once done. */
  'updates.check': Route<void, UpdatesSnapshot>;
  /** Quits and installs the downloaded update; refused while a video submission is in flight. */
  'updates.restart': Route<void, RestartAnswer>;
  /** Asks where to save, then writes a zip of facts and scrubbed logs there. */
  'diagnostics.export': Route<void, DiagnosticsExportAnswer>;
  'diagnostics.openLogFolder': Route<void, LogFolderAnswer>;
  'system.about': Route<void, AboutInfo>;
}
