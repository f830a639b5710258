/**
 * The composition root with `electron` mocked: what main/index.ts registers and creates when
 * the app starts, using the REAL core (no server needed for app.info).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../preload/contract';
import type { Core, CoreConfig, CorePorts } from './core';
import type { ElectronFake, FakeBrowserWindow } from './testing/electron-fake';

/** One started app: a fresh module graph (fresh electron fake, fresh core) for every test. */
interface Booted {
  electron: ElectronFake;
  window: FakeBrowserWindow;
  core: Core;
  ports: CorePorts;
  config: CoreConfig;
  invoke(event: unknown, route: string, input?: unknown): Promise<unknown>;
}

const booted: Booted[] = [];

/** Fresh mocks every time: a module graph reset alone would keep the first test's fakes. */
function mockModules(): void {
  vi.doMock('electron', async () => (await import('./testing/electron-fake')).createElectronFake());
  vi.doMock('./shell/settings-store', () => {
    const data = new Map<string, unknown>();
    return { createSettingsStore: () => ({ get: (key: string) => data.get(key), set: (key: string, value: unknown) => void data.set(key, value) }) };
  });
  vi.doMock('./lib/logger', async (importOriginal) => {
    const original = await importOriginal<typeof import('./lib/logger')>();
    return { ...original, createLogger: () => original.silentLogger };
  });
  vi.doMock('./core', async (importOriginal) => {
    const original = await importOriginal<typeof import('./core')>();
    return { ...original, createCore: vi.fn(original.createCore) };
  });
}

async function boot(options: { devServer?: boolean } = {}): Promise<Booted> {
  vi.resetModules();
  mockModules();
  vi.stubEnv('ELECTRON_RENDERER_URL', options.devServer === false ? '' : 'http://localhost:5173');
  vi.stubEnv('YUANJING_SERVER', 'http://127.0.0.1:4100');
  const electron = (await import('electron')) as unknown as ElectronFake;
  await import('./index');
  await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1));
  const { createCore } = await import('./core');
  const mocked = vi.mocked(createCore);
  const [ports, config] = mocked.mock.calls[0]!;
  type Invoke = (event: unknown, route: unknown, input: unknown) => Promise<unknown>;
  const app: Booted = {
    electron,
    window: electron.BrowserWindow.instances[0]!,
    core: mocked.mock.results[0]!.value as Core,
    ports,
    config,
    invoke: (event, route, input) => (electron.ipcMain.handlers.get(INVOKE_CHANNEL) as unknown as Invoke)(event, route, input),
  };
  booted.push(app);
  return app;
}

afterEach(async () => {
  await Promise.all(booted.splice(0).map((app) => app.core.dispose()));
  vi.unstubAllEnvs();
});

describe('main/index.ts', () => {
  it('claims the single-instance lock and enables the sandbox for every renderer', async () => {
    const { electron } = await boot();
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(electron.app.enableSandbox).toHaveBeenCalledTimes(1);
  });

  it('builds the core with the Electron ports', async () => {
    const { electron, ports, config } = await boot();
    expect(config).toEqual({
      runtime: 'electron',
      version: '0.1.0',
      envServerUrl: 'http://127.0.0.1:4100',
      officialServerUrl: '',
      logDir: electron.app.getPath('logs'),
      // Not packaged: plain http to other machines is not asked about (services/plain-http.ts).
      packaged: false,
    });
    // Not packaged: updates are off and say why.
    expect(ports.updater).toEqual({ updater: null, disabledReason: 'development' });
    expect(ports.saveFilePicker).toBeTruthy();
    expect(ports.folderOpener).toBeTruthy();
    expect(ports.secrets.mode).toBe('memory'); // the fake safeStorage has no encryption
    expect(ports.clipboard).toBe(electron.clipboard);
    // The ports the video half will use are wired to Electron already.
    expect(ports.dataPaths?.downloadsDir()).toBe(electron.app.getPath('downloads'));
    ports.progressBadge?.setProgress(0.5);
    expect(electron.BrowserWindow.instances[0]!.setProgressBar).toHaveBeenCalledWith(0.5);
    const resumed = vi.fn();
    ports.systemEvents?.on('resume', resumed);
    (electron.powerMonitor as unknown as { emit(name: string): void }).emit('resume');
    expect(resumed).toHaveBeenCalledTimes(1);
  });

  it('puts a tray icon up, and hides the window to it on close only while work is active', async () => {
    const { electron, window, core } = await boot();
    const tray = (electron.Tray as unknown as { instances: { setToolTip: { mock: { calls: unknown[][] } } }[] }).instances[0]!;
    expect(tray.setToolTip.mock.calls.at(-1)).toEqual(['元境 Desktop']);
    await core.ready;
    const end = core.busy.begin('video-submit');
    const whileBusy = { preventDefault: vi.fn() };
    window.emit('close', whileBusy);
    expect(whileBusy.preventDefault).toHaveBeenCalled();
    expect(window.hide).toHaveBeenCalled();
    expect(electron.Notification.shown.some((notice) => notice.title.includes('后台'))).toBe(true);
    end();
    const idle = { preventDefault: vi.fn() };
    window.emit('close', idle);
    expect(idle.preventDefault).not.toHaveBeenCalled();
  });

  it('lets the window close at a Windows logoff even while work is active', async () => {
    const { window, core } = await boot();
    await core.ready;
    core.busy.begin('video-submit');
    window.emit('session-end');
    const atLogoff = { preventDefault: vi.fn() };
    window.emit('close', atLogoff);
    expect(atLogoff.preventDefault).not.toHaveBeenCalled();
  });

  it('shows a system notification when a recharge arrives (notifications are on by default)', async () => {
    const { electron, core } = await boot();
    core.bus.publish('recharge.changed', { id: 'r1', amount: 100, state: 'confirmed', arrived: 100, baseline: 5, startedAt: 0, deadline: 1 });
    expect(electron.Notification.shown).toEqual([expect.objectContaining({ title: '充值已到账 / Recharge received' })]);
    expect(electron.Notification.shown[0]!.body).toContain('¥100.00');
  });

  it('creates one secure window loading the dev server, with the preload .cjs', async () => {
    const { window } = await boot();
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(prefs.preload)).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(window.webContents.openHandler).not.toBeNull();
    expect(window.webContents.session.setPermissionRequestHandler).toHaveBeenCalled();
  });

  it('without a dev server, loads the built page from app://bundle/ (never file://) and serves the scheme', async () => {
    const { electron, window, invoke } = await boot({ devServer: false });
    expect(window.loadURL).toHaveBeenCalledWith('app://bundle/index.html');
    expect(window.loadFile).not.toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    // The library's media scheme is privileged in the same one call and served after 'ready'.
    expect(electron.protocol.registerSchemesAsPrivileged.mock.calls[0]![0].map((s: { scheme: string }) => s.scheme)).toEqual(['app', 'yj-media']);
    expect(electron.protocol.handle).toHaveBeenCalledWith('yj-media', expect.any(Function));
    const order = (mock: { mock: { invocationCallOrder: number[] } }) => mock.mock.invocationCallOrder[0];
    expect(order(electron.protocol.registerSchemesAsPrivileged)).toBeLessThan(order(electron.app.whenReady));
    // The page on app://bundle is trusted; the same page as a file is not.
    const frame = (url: string) => ({ sender: window.webContents, senderFrame: { url, parent: null } });
    expect(await invoke(frame('app://bundle/index.html#/login'), 'app.info')).toMatchObject({ ok: true });
    expect(await invoke(frame('file:///opt/app/out/renderer/index.html'), 'app.info')).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('registers the invoke channel exactly once', async () => {
    const { electron } = await boot();
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(1);
    expect(electron.ipcMain.handle.mock.calls[0]![0]).toBe(INVOKE_CHANNEL);
  });

  it('answers our window through the real router and core', async () => {
    const { window, invoke } = await boot();
    const event = { sender: window.webContents, senderFrame: { url: 'http://localhost:5173/#/login', parent: null } };
    const result = await invoke(event, 'app.info');
    expect(result).toMatchObject({ ok: true, data: { runtime: 'electron', serverSource: 'env', sessionPersistence: 'memory' } });
    expect(await invoke(event, 'constructor')).toMatchObject({ ok: false, error: { code: 'unknown_route' } });
  });

  it('refuses untrusted senders: another webContents, a sub-frame, a foreign page', async () => {
    const { window, invoke } = await boot();
    const foreignContents = { sender: {}, senderFrame: { url: 'http://localhost:5173/', parent: null } };
    const subFrame = { sender: window.webContents, senderFrame: { url: 'http://localhost:5173/', parent: {} } };
    const foreignPage = { sender: window.webContents, senderFrame: { url: 'https://evil.example/', parent: null } };
    for (const event of [foreignContents, subFrame, foreignPage]) {
      expect(await invoke(event, 'app.info')).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
  });

  it('forwards bus events to the window on the event channel', async () => {
    const { window, core } = await boot();
    core.bus.publish('session.expired', { lastPhone: '13900000001' });
    expect(window.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, { event: 'session.expired', payload: { lastPhone: '13900000001' } });
  });

  it('installs the menu', async () => {
    const { electron } = await boot();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
  });

  it('reopens a window on activate only when none is open', async () => {
    const { electron, window } = await boot();
    electron.app.emit('activate');
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    window.destroyed = true;
    electron.app.emit('activate');
    expect(electron.BrowserWindow.instances).toHaveLength(2);
  });

  it('quits when all windows close, except on macOS', async () => {
    const { electron } = await boot();
    electron.app.quit.mockClear();
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });

  it('a second launch while no window is open opens one', async () => {
    const { electron } = await boot();
    const before = electron.BrowserWindow.instances.length;
    for (const open of electron.BrowserWindow.instances) open.destroyed = true;
    electron.app.emit('second-instance');
    expect(electron.BrowserWindow.instances).toHaveLength(before + 1);
  });

  it('a Windows session end (no before-quit) flushes the core without quitting', async () => {
    const { electron, core } = await boot();
    const latest = electron.BrowserWindow.instances.at(-1)!;
    const dispose = vi.spyOn(core, 'dispose');
    electron.app.quit.mockClear();
    latest.emit('session-end');
    await vi.waitFor(() => expect(dispose).toHaveBeenCalledTimes(1));
    expect(electron.app.quit).not.toHaveBeenCalled();
  });

  it('before-quit after a session end quits for real without disposing twice, and detaches IPC', async () => {
    const { electron, core } = await boot();
    const dispose = vi.spyOn(core, 'dispose');
    electron.BrowserWindow.instances.at(-1)!.emit('session-end');
    await vi.waitFor(() => expect(dispose).toHaveBeenCalledTimes(1));
    dispose.mockClear();
    electron.app.quit.mockClear();
    const preventDefault = vi.fn();
    electron.app.emit('before-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(1));
    expect(dispose).not.toHaveBeenCalled();
    expect(electron.ipcMain.handlers.has(INVOKE_CHANNEL)).toBe(false);
    const second = vi.fn();
    electron.app.emit('before-quit', { preventDefault: second });
    expect(second).not.toHaveBeenCalled();
  });
});
