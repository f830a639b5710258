/**
 * The composition root of the Electron app: one instance, the core with Electron's ports,
 * the IPC channel in front of the router, the event forwarder, the menu and the one window.
 * Everything here is wiring; the rules live in the files it wires.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, nativeTheme, net, powerMonitor, protocol, safeStorage, screen, session, shell, Tray } from 'electron';
import { createCore } from './core';
import { forwardEvents, registerIpc } from './ipc/register';
import { createRouter } from './ipc/router';
import type { SenderPolicy } from './ipc/sender';
import { openLogFile, teeStreams } from './lib/log-file';
import { createLogger } from './lib/logger';
import { APP_PAGE_URL, registerAppScheme, serveAppFiles } from './shell/app-protocol';
import { closeForRealOnQuit, startDesktopLife } from './shell/desktop-life';
import { createFileShell, createTrash } from './shell/file-shell';
import { findForbiddenLaunchSwitches } from './shell/launch-switches';
import { installMenu } from './shell/menu';
import { MEDIA_SCHEME_PRIVILEGES, mediaUrlFor, serveMediaFiles } from './shell/media-protocol';
import { guardEveryWebContents } from './shell/security';
import { isSmokeTest, READY_SCRIPT, runSmokeTest } from './shell/smoke-test';
import { createNotifier } from './shell/notifier';
import { disposeOnQuit } from './shell/quit';
import { createShellOpener } from './shell/opener';
import { createSessionProxyResolver } from './shell/proxy-resolver';
import { createSecretBox } from './shell/secret-box';
import { createSettingsStore } from './shell/settings-store';
import { claimSingleInstance } from './shell/single-instance';
import { createDataPaths, createFilePicker, createFolderOpener, createFolderPicker, createProgressBadge, createSaveFilePicker, createSystemEvents } from './shell/system-ports';
import { createElectronUpdater, type UpdaterSetup } from './shell/updater';
import { createAppUrlCheck, createSenderCheck } from './shell/trust';
import { createMainWindow, type WindowContent } from './shell/window';

/** electron-builder.yml's appId. */
const APP_ID = 'cn.yuanjing.desktop';
/** How long quitting waits for the core to flush the cookie jar and stop its timers. */
const DISPOSE_TIMEOUT_MS = 5_000;

const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
const devServerUrl = developmentServerUrl();
// The built page comes from app://bundle/ (shell/app-protocol.ts), never file://.
const content: WindowContent = { kind: 'url', url: devServerUrl ?? APP_PAGE_URL };
const policy: SenderPolicy = devServerUrl ? { allowedOrigins: [devServerUrl] } : { appPageUrl: APP_PAGE_URL };
const isAppUrl = createAppUrlCheck(policy);

let mainWindow: BrowserWindow | null = null;
/** Set once the app is ready; a second launch uses it when no window is open. */
let reopenWindow: (() => void) | null = null;

// The fuses (electron-builder.yml) refuse Node's --inspect; Chromium's debugger switches and the
// other launcher switches of shell/launch-switches.ts would hand the page, and so window.yj, to
// whoever started us. A packaged app does not start with any of them.
if (app.isPackaged && findForbiddenLaunchSwitches(process.argv, (name) => app.commandLine.hasSwitch(name)).length > 0) app.exit(1);

// Every renderer sandboxed, even one created by mistake elsewhere (must precede 'ready').
app.enableSandbox();
// The app:// and yj-media:// schemes must be declared before 'ready'.
registerAppScheme(protocol, [MEDIA_SCHEME_PRIVILEGES]);
// Windows shows notifications only for an app id that matches the installer's shortcut.
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

const primary = claimSingleInstance(app, () => mainWindow, () => reopenWindow?.());
// The log file belongs to the copy that runs: a second launch that only hands over to it must
// not open (or rotate) the file the first one is writing.
const logger = createLogger({ base: { scope: 'main' }, stream: teeStreams(process.stderr, primary ? openLogFile(logsDirectory()) : null) });

if (primary) {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit(); // macOS apps stay alive without windows
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.error('startup failed', { error });
      // A packaged GUI app has no console: say it where the user looks.
      dialog.showErrorBox(
        '元境 Desktop 无法启动 / could not start',
        `${error instanceof Error ? error.message : String(error)}`,
      );
      app.exit(1);
    });
}

async function start(): Promise<void> {
  serveAppFiles(protocol, rendererDir);
  const updater = await loadUpdater();
  const opener = createShellOpener(shell);
  const systemEvents = createSystemEvents(powerMonitor, net);
  const liveWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  const store = createSettingsStore();
  const notifier = createNotifier();
  const core = createCore(
    {
      store,
      secrets: createSecretBox({ safeStorage, dataDir: app.getPath('userData'), logger }),
      opener,
      logger,
      clipboard,
      notifier,
      dataPaths: createDataPaths(app),
      systemEvents,
      folderPicker: createFolderPicker(dialog, liveWindow),
      filePicker: createFilePicker(dialog, liveWindow),
      progressBadge: createProgressBadge(liveWindow, app),
      proxyResolver: createSessionProxyResolver(session.defaultSession),
      saveFilePicker: createSaveFilePicker(dialog, app, liveWindow),
      folderOpener: createFolderOpener(shell),
      updater,
      trash: createTrash(shell),
      fileShell: createFileShell(shell),
      mediaUrl: mediaUrlFor,
    },
    {
      runtime: 'electron',
      version: app.getVersion(),
      officialServerUrl: typeof __OFFICIAL_SERVER__ === 'string' ? __OFFICIAL_SERVER__ : '',
      envServerUrl: process.env.YUANJING_SERVER,
      logDir: logsDirectory(),
      packaged: app.isPackaged,
    },
  );

  serveMediaFiles(protocol, () => core.libraryDir());
  const router = createRouter({ handlers: core.handlers, schemas: core.schemas, logger });
  const contents = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null);
  const unregister = registerIpc(ipcMain, router, { isTrusted: createSenderCheck(contents, policy), logger });
  const events = forwardEvents(core.bus, contents);
  installMenu({ isMac: process.platform === 'darwin', isDev: devServerUrl !== null, appName: app.name });

  const guards = {
    isAppUrl,
    opener,
    platformBaseUrl: async () => (await core.handlers['app.info'](undefined)).serverUrl,
    logger,
  };
  // Every web contents created from now on gets the same guards as the main window.
  guardEveryWebContents(app, guards);
  const life = startDesktopLife({
    app,
    screen,
    createTray: (icon) => new Tray(icon),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    trayIcon,
    platform: process.platform,
    store,
    bus: core.bus,
    busy: core.busy,
    notifier,
    logger,
    settings: () => core.handlers['settings.get'](undefined),
    window: liveWindow,
    openWindow: () => openWindow(),
  });
  closeForRealOnQuit(app, life);

  const openWindow = (): void => {
    const place = life.initialBounds();
    const window = createMainWindow({
      bounds: place.bounds,
      preloadPath,
      content,
      dark: nativeTheme.shouldUseDarkColors,
      devTools: !app.isPackaged,
      ...guards,
    });
    if (place.maximized) window.maximize();
    life.attach(window);
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    // Windows logoff/shutdown ends the app without 'before-quit': write the cookie jar now, and
    // let the window close for real (hiding it to the tray would hold up the shutdown).
    window.on('session-end', () => {
      life.dispose();
      void quit.disposeNow();
    });
    mainWindow = window;
  };
  const quit = disposeOnQuit(app, core, {
    detach: () => {
      systemEvents.dispose();
      events.dispose();
      unregister();
    },
    timeoutMs: DISPOSE_TIMEOUT_MS,
    logger,
  });
  reopenWindow = openWindow;
  openWindow();
  if (isSmokeTest(process.argv)) {
    void runSmokeTest({
      sinceLaunchMs: () => process.uptime() * 1000,
      mainMemoryBytes: () => process.memoryUsage().rss,
      isReady: async () => Boolean(await contents()?.executeJavaScript(READY_SCRIPT)),
      print: (line) => {
        logger.info(line);
        process.stdout.write(`${line}\n`);
      },
      exit: (code) => app.exit(code),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
  }

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(); // macOS: dock click reopens
  });
}

/**
 * The tray icon, drawn from the app icon (build/icon.png, shipped as resources/icon.png) at
 * 16 px. Not a macOS template image: the coloured mark would become a filled square. A
 * dedicated monochrome tray icon is still to be drawn (docs/decisions.md).
 */
function trayIcon(): Electron.NativeImage {
  const source = app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(app.getAppPath(), 'build', 'icon.png');
  return nativeImage.createFromPath(source).resize({ width: 16, height: 16 });
}

/** electron-updater in a packaged app with a provider; a failure to load it only disables updates. */
async function loadUpdater(): Promise<UpdaterSetup> {
  try {
    return await createElectronUpdater(app, logger);
  } catch (error) {
    logger.warn('updater unavailable', { error });
    return { updater: null, disabledReason: 'no-provider' };
  }
}

/** The OS's place for this app's logs (`~/Library/Logs/<app>`, `%APPDATA%\<app>\logs`), else one in userData. */
function logsDirectory(): string {
  try {
    return app.getPath('logs');
  } catch {
    return join(app.getPath('userData'), 'logs');
  }
}

/**
 * electron-vite dev sets ELECTRON_RENDERER_URL. A packaged app ignores it, and only a loopback
 * http address is accepted: the page loaded there gets the privileged bridge.
 */
function developmentServerUrl(): string | null {
  const value = process.env.ELECTRON_RENDERER_URL;
  if (app.isPackaged || !value) return null;
  try {
    const url = new URL(value);
    const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    return url.protocol === 'http:' && loopback ? url.href : null;
  } catch {
    return null;
  }
}
