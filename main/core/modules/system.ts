/**
 * "关于" and "导出诊断信息": the facts about this build and machine, the zip of facts and
 * scrubbed logs (services/diagnostics.ts) written where the user chose, and the log folder.
 * Facts never carry a secret: settings are copied without any secret-looking key, and the
 * session cookie's value is handed to the scrubber so it cannot leave in a log line either.
 */
import { arch, release, type } from 'node:os';
import type { AboutInfo, DiagnosticsExportAnswer, Settings } from '../../../preload/contract/models';
import { createSystemRoutes, type SystemRoute } from '../../ipc/handlers/system';
import { exportDiagnostics, type DiagnosticsFacts } from '../../services/diagnostics';
import type { CoreModule, Kernel } from '../module';
import type { SettingsModule } from './settings';

/** Settings keys that may hold a secret (a proxy password, a token): never exported. */
const SECRET_KEY = /pass|secret|token|cookie|key$/i;
const RUNTIME_VERSIONS = ['electron', 'node', 'chrome', 'v8'] as const;

export interface SystemModuleDeps {
  settings: SettingsModule;
  /** Secret values main holds now (the session cookie…), scrubbed from the export by value. */
  knownSecrets: () => Promise<string[]>;
}

/** Settings without anything that may be secret. */
export function publicSettings(settings: Settings): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).filter(([key]) => !SECRET_KEY.test(key)));
}

/** `yuanjing-diagnostics-20261202-153000.zip` in local time. */
export function diagnosticsFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `yuanjing-diagnostics-${stamp}.zip`;
}

export function createSystemModule(kernel: Kernel, deps: SystemModuleDeps): CoreModule<SystemRoute> {
  const { ports, config, clock, logger } = kernel;
  const logFolder = config.logDir ?? '';

  const about = (): AboutInfo => {
    const versions: Record<string, string> = {};
    for (const name of RUNTIME_VERSIONS) {
      const value = process.versions[name];
      if (typeof value === 'string') versions[name] = value;
    }
    return {
      version: config.version,
      runtime: config.runtime,
      os: `${type()} ${release()}`,
      arch: arch(),
      versions,
      serverUrl: deps.settings.serverUrl(),
      sessionPersistence: ports.secrets.mode,
      logFolder,
    };
  };

  const facts = (): DiagnosticsFacts => {
    const info = about();
    return {
      ...info,
      serverUrl: info.serverUrl ?? '',
      settings: publicSettings(deps.settings.settings.get()),
      exportedAt: new Date(clock.now()).toISOString(),
    };
  };

  async function exportZip(): Promise<DiagnosticsExportAnswer> {
    const picker = ports.saveFilePicker;
    const target = picker
      ? await picker.pickSaveFile({
          title: '导出诊断信息 / Export diagnostics',
          defaultName: diagnosticsFileName(new Date(clock.now())),
          filters: [{ name: 'Zip', extensions: ['zip'] }],
        })
      : null;
    if (!target) return { cancelled: true };
    const result = await exportDiagnostics({ facts: facts(), logDir: logFolder, knownSecrets: await deps.knownSecrets(), target });
    logger.info('diagnostics exported', { files: result.files.length, bytes: result.bytes });
    return { cancelled: false, ...result };
  }

  async function openLogFolder() {
    const opener = ports.folderOpener;
    if (!opener || logFolder === '') return { path: logFolder, opened: false };
    return { path: logFolder, opened: await opener.openFolder(logFolder) };
  }

  return { routes: createSystemRoutes({ about, exportDiagnostics: exportZip, openLogFolder }), dispose: () => {} };
}
