/**
 * The ONE window factory. Every BrowserWindow of the app comes from here, so the security
 * defaults (architecture.md "Security defaults") are set in one place and asserted by a test.
 */
import { BrowserWindow, type WebPreferences } from 'electron';
import { guardSession, guardWebContents, type GuardOptions } from './security';

/** Naive UI's body colours, so the first frame does not flash white in dark mode. */
export const BACKGROUND = { light: '#ffffff', dark: '#101014' } as const;

export type WindowContent = { kind: 'url'; url: string } | { kind: 'file'; path: string };

export interface MainWindowDeps extends GuardOptions {
  preloadPath: string;
  content: WindowContent;
  dark: boolean;
  title?: string;
  /** False in a packaged app: DevTools would hand the page, and so window.yj, to anyone at the keyboard. */
  devTools?: boolean;
  /** Remembered size and place (already fitted to the displays); the default size otherwise. */
  bounds?: { x: number; y: number; width: number; height: number } | null;
}

/** The renderer is a web page with one narrow bridge: no Node, no escape from the sandbox. */
export function buildWebPreferences(preloadPath: string, devTools = true): WebPreferences {
  return {
    preload: preloadPath,
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Middle-click (auxclick) can open links in new windows without a 'click' event the
    // renderer's link handling sees; the app has no use for it.
    disableBlinkFeatures: 'Auxclick',
  };
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  // Electronegativity reads only literals: the webPreferences come from buildWebPreferences()
  // (sandbox, contextIsolation, disableBlinkFeatures 'Auxclick'), which window.test.ts asserts.
  const window = new BrowserWindow({ // eng-disable SANDBOX_JS_CHECK CONTEXT_ISOLATION_JS_CHECK AUXCLICK_JS_CHECK
    ...(deps.bounds ?? { width: 1200, height: 800 }),
    minWidth: 960,
    minHeight: 640,
    show: false, // shown on ready-to-show: no blank frame
    title: deps.title ?? '元境 Desktop',
    backgroundColor: deps.dark ? BACKGROUND.dark : BACKGROUND.light,
    autoHideMenuBar: true,
    webPreferences: buildWebPreferences(deps.preloadPath, deps.devTools ?? true),
  });

  guardWebContents(window.webContents, deps);
  guardSession(window.webContents.session, deps.isAppUrl);
  window.once('ready-to-show', () => window.show());

  const loading = deps.content.kind === 'url' ? window.loadURL(deps.content.url) : window.loadFile(deps.content.path);
  loading.catch((error: unknown) => {
    deps.logger.error('window: the app page failed to load', { error });
    // 'ready-to-show' may never come: a window that stays hidden looks like an app that did not start.
    if (!window.isDestroyed()) window.show();
  });
  return window;
}
