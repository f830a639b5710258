/**
 * A fake `window.yj` for component tests: route handlers you choose, every call recorded, and
 * `emit` to push events as main would. Routes without a handler answer like main's defaults
 * for a fresh install on the simulator profile (signed out); anything else fails loudly.
 *
 *   const bridge = installFakeBridge({ 'auth.login': () => ok({ kind: 'signedIn', user: fakeUser() }) });
 *   const { wrapper, router } = await mountWithProviders(LoginView, { path: '/login' });
 *   bridge.emit('session.expired', { lastPhone: '13900000001' });
 */
import type {
  AppEvent,
  AppInfo,
  ErrorCode,
  EventName,
  Events,
  Result,
  RouteInput,
  RouteName,
  RouteOutput,
  Settings,
  User,
  YjBridge,
} from '@contract';

export type FakeHandler<K extends RouteName> = (
  input: RouteInput<K>,
) => Result<RouteOutput<K>> | Promise<Result<RouteOutput<K>>>;
export type FakeHandlers = Partial<{ [K in RouteName]: FakeHandler<K> }>;

export interface FakeCall<K extends RouteName = RouteName> {
  route: K;
  input: RouteInput<K>;
}

export interface FakeBridge {
  /** Every invoke, in order. */
  readonly calls: FakeCall[];
  /** The inputs of every call to one route. */
  callsTo<K extends RouteName>(route: K): RouteInput<K>[];
  /** Pushes an event to the renderer, as main's event channel would. */
  emit<K extends EventName>(event: K, payload: Events[K]): void;
  emit(event: AppEvent): void;
  /** Adds or replaces handlers mid-test. */
  handle(handlers: FakeHandlers): void;
  /** How many subscriptions are open on the event channel (the app opens exactly one). */
  listenerCount(): number;
  /** The settings the default `settings.get` / `settings.update` handlers keep. */
  settings: Settings;
  /** What the default `app.info` handler answers. */
  info: AppInfo;
}

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string = code, httpStatus?: number): { ok: false; error: { code: ErrorCode; message: string; httpStatus?: number } } {
  return { ok: false, error: httpStatus === undefined ? { code, message } : { code, message, httpStatus } };
}

export function fakeUser(overrides: Partial<User> = {}): User {
  return { id: 'u-1', username: '13900000001', orgid: 'org-1', displayName: '小林', mobile: '13900000001', ...overrides };
}

export function defaultSettings(overrides: Partial<Settings> = {}): Settings {
  return {
    serverProfile: 'simulator',
    customServerUrl: '',
    simulatorUrl: 'http://127.0.0.1:4010',
    language: 'zh-CN',
    theme: 'light',
    lowBalanceThreshold: 20,
    notifications: true,
    proxy: { mode: 'system', url: '', bypass: '' },
    keepRunningInTray: true,
    openAtLogin: false,
    autoDownload: true,
    downloadDir: '',
    fileNameTemplate: '{date}_{model}_{prompt}_{taskid}',
    ...overrides,
  };
}

export function defaultAppInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: '0.1.0',
    runtime: 'browser-host',
    officialServerUrl: null,
    serverUrl: 'http://127.0.0.1:4010',
    serverSource: 'settings',
    insecureServer: false,
    sessionPersistence: 'memory',
    ...overrides,
  };
}

function defaultHandlers(state: { settings: Settings; info: AppInfo }): FakeHandlers {
  return {
    'app.info': () => ok(state.info),
    'settings.get': () => ok(state.settings),
    'settings.update': (patch) => {
      state.settings = { ...state.settings, ...patch };
      return ok(state.settings);
    },
    'auth.state': () => ok({ user: null }),
    'auth.cancelChoose': () => ok(null),
    'auth.logout': () => ok(null),
    // Like the browser host: main has no clipboard, the page copies itself.
    'clipboard.copySecret': () => ok({ handled: false }),
    'network.passwordState': () => ok({ saved: false, storage: 'encrypted' }),
    // Like the browser host: unpackaged, so plain http is never asked about.
    'settings.plainHttp': () => ok({ enforced: false, confirmed: [], unconfirmedInUse: null }),
    // A fresh ledger: no tasks yet (video fixtures: renderer/src/testing/video.ts).
    'tasks.list': () => ok([]),
    // Nothing downloaded yet, an empty library (fixtures: renderer/src/testing/library.ts).
    'downloads.list': () => ok([]),
    'library.list': () => ok([]),
    // Like the browser host: no updater, no log file.
    'updates.state': () => ok({ currentVersion: state.info.version, state: { status: 'disabled', reason: 'no-provider' } }),
    'system.about': () =>
      ok({
        version: state.info.version,
        runtime: state.info.runtime,
        os: 'Linux 6.1.0',
        arch: 'x64',
        versions: { node: '20.20.0' },
        serverUrl: state.info.serverUrl,
        sessionPersistence: state.info.sessionPersistence,
        logFolder: '',
      }),
  };
}

/** Installs a fresh fake on `window.yj` (the api facade holds no state, nothing to reset). */
export function installFakeBridge(handlers: FakeHandlers = {}): FakeBridge {
  const listeners = new Set<(event: AppEvent) => void>();
  const table = new Map<RouteName, FakeHandler<RouteName>>();
  const calls: FakeCall[] = [];

  const fake: FakeBridge = {
    calls,
    settings: defaultSettings(),
    info: defaultAppInfo(),
    listenerCount: () => listeners.size,
    callsTo<K extends RouteName>(route: K): RouteInput<K>[] {
      return calls.filter((call) => call.route === route).map((call) => call.input as RouteInput<K>);
    },
    emit(eventOrName: EventName | AppEvent, payload?: unknown): void {
      const message = (typeof eventOrName === 'string' ? { event: eventOrName, payload } : eventOrName) as AppEvent;
      for (const listener of [...listeners]) listener(message);
    },
    handle(more: FakeHandlers): void {
      for (const [route, handler] of Object.entries(more)) table.set(route as RouteName, handler as FakeHandler<RouteName>);
    },
  };
  fake.handle(defaultHandlers(fake));
  fake.handle(handlers);

  const bridge: YjBridge = {
    async invoke<K extends RouteName>(route: K, input: RouteInput<K>): Promise<Result<RouteOutput<K>>> {
      calls.push({ route, input } as FakeCall);
      const handler = table.get(route) as FakeHandler<K> | undefined;
      if (!handler) return fail('unknown_route', `fake bridge: no handler for ${route}`) as Result<RouteOutput<K>>;
      return handler(input);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  (window as unknown as { yj?: YjBridge }).yj = bridge;
  return fake;
}

export { mountWithProviders, type MountOptions, type Mounted } from '@/testing/mount';
