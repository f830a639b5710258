/**
 * A small stand-in for the parts of `electron` main/shell and main/index.ts touch, for tests
 * that `vi.mock('electron', …)` (the Electron runtime cannot run on our build machines).
 * It records what the code did: window options, listeners, handlers, menus.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Listener = (...args: never[]) => unknown;

export class FakeSession {
  permissionRequest: Listener | null = null;
  permissionCheck: Listener | null = null;
  devicePermission: Listener | null = null;
  setPermissionRequestHandler = vi.fn((handler: Listener | null) => void (this.permissionRequest = handler));
  setPermissionCheckHandler = vi.fn((handler: Listener | null) => void (this.permissionCheck = handler));
  setDevicePermissionHandler = vi.fn((handler: Listener | null) => void (this.devicePermission = handler));
  /** What `resolveProxy` answers (PAC format), as the OS settings would. */
  proxyAnswer = 'DIRECT';
  resolveProxy = vi.fn(async (_url: string) => this.proxyAnswer);
  forceReloadProxyConfig = vi.fn(async () => {});
}

export class FakeWebContents extends EventEmitter {
  readonly session = new FakeSession();
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  send = vi.fn();
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => void (this.openHandler = handler));
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Fires a cancellable navigation-like event; returns true when the code prevented it. */
  fire(name: string, details: Record<string, unknown>): boolean {
    let prevented = false;
    this.emit(name, { ...details, preventDefault: () => void (prevented = true) });
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  /** Makes the next window's page load fail with this error. */
  static nextLoadError: Error | null = null;
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((window) => !window.destroyed);
  }
  /** The window with the focus (none by default: the app looks "in the background"). */
  static focused: FakeBrowserWindow | null = null;
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.focused;
  }
  readonly webContents = new FakeWebContents();
  destroyed = false;
  private readonly loadError = FakeBrowserWindow.takeLoadError();
  loadURL = vi.fn(async (_url: string) => this.load());
  loadFile = vi.fn(async (_path: string) => this.load());
  show = vi.fn();
  setProgressBar = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = vi.fn(() => false);
  visible = true;
  hide = vi.fn(() => void (this.visible = false));
  isVisible = vi.fn(() => this.visible);
  maximize = vi.fn();
  isMaximized = vi.fn(() => false);
  getNormalBounds = vi.fn(() => ({ x: 0, y: 0, width: 1200, height: 800 }));
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  private static takeLoadError(): Error | null {
    const error = FakeBrowserWindow.nextLoadError;
    FakeBrowserWindow.nextLoadError = null;
    return error;
  }
  private async load(): Promise<void> {
    if (this.loadError) throw this.loadError;
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  setToolTip = vi.fn();
  setContextMenu = vi.fn();
  setTitle = vi.fn();
  destroy = vi.fn();
  constructor(readonly icon: unknown) {
    super();
    FakeTray.instances.push(this);
  }
}

export class FakeApp extends EventEmitter {
  isPackaged = false;
  name = '元境 Desktop';
  lock = true;
  userData = '/tmp/yj-fake-user-data';
  enableSandbox = vi.fn();
  quit = vi.fn();
  exit = vi.fn();
  whenReady = vi.fn(() => Promise.resolve());
  requestSingleInstanceLock = vi.fn(() => this.lock);
  getPath = vi.fn((_name: string) => this.userData);
  setBadgeCount = vi.fn((_count: number) => true);
  getVersion = vi.fn(() => '0.1.0');
  setAppUserModelId = vi.fn();
  setLoginItemSettings = vi.fn();
  getAppPath = vi.fn(() => '/tmp/yj-fake-app');
  commandLine = { hasSwitch: vi.fn((_name: string) => false) };
}

export function createElectronFake() {
  const app = new FakeApp();
  const invokeHandlers = new Map<string, Listener>();
  const ipcMain = {
    handlers: invokeHandlers,
    handle: vi.fn((channel: string, listener: Listener) => {
      if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      invokeHandlers.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => void invokeHandlers.delete(channel)),
    on: vi.fn(),
  };
  const shell = {
    openExternal: vi.fn(async (_url: string) => {}),
    openPath: vi.fn(async (_path: string) => ''),
    showItemInFolder: vi.fn((_path: string) => {}),
    trashItem: vi.fn(async (_path: string) => {}),
  };
  const safeStorage = {
    available: false,
    isEncryptionAvailable: vi.fn(() => safeStorage.available),
    encryptString: vi.fn((text: string) => Buffer.from(`enc:${text}`)),
    decryptString: vi.fn((data: Buffer) => data.toString().replace(/^enc:/, '')),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  };
  const Menu = {
    buildFromTemplate: vi.fn((template: unknown) => ({ template })),
    setApplicationMenu: vi.fn(),
  };
  const nativeTheme = { shouldUseDarkColors: false };
  const dialog = {
    showErrorBox: vi.fn(),
    showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
    showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
  };
  const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
  const screen = { getAllDisplays: vi.fn(() => [display]), getPrimaryDisplay: vi.fn(() => display) };
  const nativeImage = { createFromPath: vi.fn((path: string) => ({ path, resize: vi.fn(() => ({ path, resized: true })) })) };

  const powerMonitor = new EventEmitter();
  const net = { online: true, isOnline: vi.fn(() => net.online) };
  const clipboard = {
    text: '',
    readText: vi.fn(async () => clipboard.text),
    writeText: vi.fn(async (text: string) => void (clipboard.text = text)),
    clear: vi.fn(() => void (clipboard.text = '')),
  };
  class Notification {
    static isSupported = vi.fn(() => true);
    static shown: { title: string; body: string }[] = [];
    constructor(readonly options: { title: string; body: string }) {}
    show(): void {
      Notification.shown.push(this.options);
    }
  }
  const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
  const session = { defaultSession: new FakeSession() };
  const module = { app, session, ipcMain, shell, safeStorage, Menu, nativeTheme, dialog, clipboard, Notification, powerMonitor, net, protocol, screen, nativeImage, Tray: FakeTray, BrowserWindow: FakeBrowserWindow };
  return { ...module, default: module };
}

export type ElectronFake = ReturnType<typeof createElectronFake>;
