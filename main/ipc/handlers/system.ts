/** `system.about`, `diagnostics.export`, `diagnostics.openLogFolder`: thin adapters. */
import type { AboutInfo, DiagnosticsExportAnswer, LogFolderAnswer } from '../../../preload/contract/models';
import type { RouteSet } from '../../core/routes';
import { noInput } from './app';

export type SystemRoute = 'system.about' | 'diagnostics.export' | 'diagnostics.openLogFolder';

export interface SystemActions {
  about(): AboutInfo;
  exportDiagnostics(): Promise<DiagnosticsExportAnswer>;
  openLogFolder(): Promise<LogFolderAnswer>;
}

export function createSystemRoutes(actions: SystemActions): RouteSet<SystemRoute> {
  return {
    handlers: {
      'system.about': async () => actions.about(),
      'diagnostics.export': () => actions.exportDiagnostics(),
      'diagnostics.openLogFolder': () => actions.openLogFolder(),
    },
    schemas: { 'system.about': noInput, 'diagnostics.export': noInput, 'diagnostics.openLogFolder': noInput },
  };
}
