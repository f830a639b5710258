import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../lib/logger';
import type { ExternalOpener, Logger } from '../core/ports';
import { FakeBrowserWindow } from '../testing/electron-fake';
import { createAppUrlCheck } from './trust';
import { BACKGROUND, buildWebPreferences, createMainWindow } from './window';

vi.mock('electron', async () => (await import('../testing/electron-fake')).createElectronFake());

const DEV = 'http://localhost:5173/';
const isAppUrl = createAppUrlCheck({ allowedOrigins: [DEV] });

function open(overrides: { platformBaseUrl?: string | null; logger?: Logger; dark?: boolean } = {}) {
  const opened: string[] = [];
  const opener: ExternalOpener = { open: vi.fn(async (url: string) => void opened.push(url)) };
  const window = createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    content: { kind: 'url', url: DEV },
    dark: overrides.dark ?? false,
    isAppUrl,
    opener,
    platformBaseUrl: () => overrides.platformBaseUrl ?? 'https://yuanjing.example.cn',
    logger: overrides.logger ?? silentLogger,
  }) as unknown as FakeBrowserWindow;
  return { window, contents: window.webContents, opener, opened };
}

/** Lets the async allowlist check and the opener run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  FakeBrowserWindow.instances = [];
});

describe('buildWebPreferences', () => {
  it('sets the non-negotiable security defaults', () => {
    expect(buildWebPreferences('/x/index.cjs')).toMatchObject({
      preload: '/x/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });
});

describe('createMainWindow', () => {
  it('creates a hidden, sized window with the secure preferences and the preload', () => {
    const { window } = open();
    const options = window.options as { webPreferences: Record<string, unknown> } & Record<string, unknown>;
    expect(options.show).toBe(false);
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(600);
    expect(options.backgroundColor).toBe(BACKGROUND.light);
    expect(options.webPreferences).toEqual(buildWebPreferences('/app/out/preload/index.cjs'));
    expect(String(options.webPreferences.preload)).toMatch(/index\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith(DEV);
  });

  it('uses the dark background in dark mode and loads a file in production', () => {
    const window = createMainWindow({
      preloadPath: '/p/index.cjs',
      content: { kind: 'file', path: '/app/out/renderer/index.html' },
      dark: true,
      isAppUrl,
      opener: { open: async () => {} },
      platformBaseUrl: () => null,
      logger: silentLogger,
    }) as unknown as FakeBrowserWindow;
    expect(window.options.backgroundColor).toBe(BACKGROUND.dark);
    expect(window.loadFile).toHaveBeenCalledWith('/app/out/renderer/index.html');
    expect(window.loadURL).not.toHaveBeenCalled();
  });

  it('shows the window only on ready-to-show', () => {
    const { window } = open();
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('shows the window (and logs) when the app page fails to load, instead of staying hidden', async () => {
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (message: string) => void errors.push(message) };
    FakeBrowserWindow.nextLoadError = new Error('ERR_FILE_NOT_FOUND');
    const { window } = open({ logger });
    await settle();
    expect(window.show).toHaveBeenCalledTimes(1);
    expect(errors).toEqual(['window: the app page failed to load']);
  });
});

describe('window guards', () => {
  it('denies every new window and hands an allowlisted payment URL to the opener', async () => {
    const { contents, opened } = open();
    const pay = 'https://openapi.alipay.com/gateway.do?sign=abc&biz_content=%7B%7D';
    expect(contents.openHandler!({ url: pay })).toEqual({ action: 'deny' });
    await settle();
    expect(opened).toEqual([pay]);
  });

  it('routes https pages of the platform in use to the opener too', async () => {
    const { contents, opened } = open({ platformBaseUrl: 'https://yuanjing.example.cn' });
    expect(contents.openHandler!({ url: 'https://yuanjing.example.cn/pay/1' })).toEqual({ action: 'deny' });
    await settle();
    expect(opened).toEqual(['https://yuanjing.example.cn/pay/1']);
  });

  it.each(['https://evil.example/pay', 'http://openapi.alipay.com/gateway.do', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@openapi.alipay.com/'])(
    'denies and refuses to open %s',
    async (url) => {
      const warnings: string[] = [];
      const logger: Logger = { ...silentLogger, warn: (message) => void warnings.push(message) };
      const { contents, opener } = open({ logger });
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
      await settle();
      expect(opener.open).not.toHaveBeenCalled();
      expect(warnings).toContain('window: refused an external link');
    },
  );

  it('prevents navigation to a foreign URL, lets the app navigate within itself', async () => {
    const { contents, opener } = open();
    expect(contents.fire('will-navigate', { url: 'https://evil.example/', isMainFrame: true })).toBe(true);
    expect(contents.fire('will-navigate', { url: 'http://localhost:5173/#/keys', isMainFrame: true })).toBe(false);
    await settle();
    expect(opener.open).not.toHaveBeenCalled();
  });

  it('a navigation to a payment page is stopped and opened in the system browser instead', async () => {
    const { contents, opened } = open();
    expect(contents.fire('will-navigate', { url: 'https://excashier.alipay.com/standard/auth.htm', isMainFrame: true })).toBe(true);
    await settle();
    expect(opened).toEqual(['https://excashier.alipay.com/standard/auth.htm']);
  });

  it('prevents foreign redirects and sub-frame navigations, and every <webview>', () => {
    const { contents } = open();
    expect(contents.fire('will-redirect', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.fire('will-redirect', { url: DEV })).toBe(false);
    expect(contents.fire('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: false })).toBe(true);
    expect(contents.fire('will-attach-webview', {})).toBe(true);
  });

  it('denies permission requests and checks (only our top frame may write the clipboard)', () => {
    const { contents } = open();
    const session = contents.session;
    const ask = (permission: string, requestingUrl: string, isMainFrame = true) => {
      let granted: boolean | undefined;
      (session.permissionRequest as (...args: unknown[]) => void)(contents, permission, (ok: boolean) => (granted = ok), { requestingUrl, isMainFrame });
      return granted;
    };
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'midi']) {
      expect(ask(permission, DEV)).toBe(false);
    }
    expect(ask('clipboard-sanitized-write', DEV)).toBe(true);
    expect(ask('clipboard-sanitized-write', DEV, false)).toBe(false);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);

    const check = session.permissionCheck as (...args: unknown[]) => boolean;
    expect(check(contents, 'media', 'http://localhost:5173', { requestingUrl: DEV, isMainFrame: true })).toBe(false);
    expect(check(contents, 'clipboard-read', 'http://localhost:5173', { requestingUrl: DEV, isMainFrame: true })).toBe(false);
    expect(check(contents, 'clipboard-sanitized-write', 'http://localhost:5173', { requestingUrl: DEV, isMainFrame: true })).toBe(true);
    expect(check(contents, 'clipboard-sanitized-write', 'https://evil.example', { isMainFrame: true })).toBe(false);
    expect((session.devicePermission as () => boolean)()).toBe(false);
  });
});

describe('DevTools', () => {
  it('are available in development and off when the window is built for a packaged app', () => {
    expect(buildWebPreferences('/x/index.cjs').devTools).toBe(true);
    expect(buildWebPreferences('/x/index.cjs', false).devTools).toBe(false);
    const window = createMainWindow({
      preloadPath: '/x/index.cjs',
      content: { kind: 'url', url: DEV },
      dark: false,
      devTools: false,
      isAppUrl,
      opener: { open: async () => {} },
      platformBaseUrl: () => null,
      logger: silentLogger,
    }) as unknown as FakeBrowserWindow;
    expect((window.options as { webPreferences: { devTools: boolean } }).webPreferences.devTools).toBe(false);
  });
});
