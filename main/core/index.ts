/**
 * createCore: main's host-neutral core, shared by Electron (main/index.ts) and the browser host
 * (main/host). The kernel (bus, clock, logger) first, then one module per domain in dependency
 * order, then a generic merge of their routes. No electron import: the world arrives through
 * ports. A new domain is one contract file, one handler file, one module file and one line below.
 */
import { BusyTracker } from './busy';
import { EventBus } from './bus';
import { disposeInReverse, type CoreModule, type Kernel } from './module';
import { createAppModule } from './modules/app';
import { createBalanceModule } from './modules/balance';
import { createClipboardModule } from './modules/clipboard';
import { createDownloadsModule } from './modules/downloads';
import { createKeysModule } from './modules/keys';
import { createLibraryModule } from './modules/library';
import { createNetworkModule } from './modules/network';
import { createNotificationsModule } from './modules/notifications';
import { createOrdersModule } from './modules/orders';
import { createPricingModule } from './modules/pricing';
import { createSessionModule } from './modules/session';
import { createSettingsModule } from './modules/settings';
import { createTasksModule, type TasksModule } from './modules/tasks';
import { createVideoModule } from './modules/video';
import { createSystemModule } from './modules/system';
import { createUpdatesModule } from './modules/updates';
import { systemClock, type CoreConfig, type CorePorts } from './ports';
import { gateHandlers, mergeRoutes, type HandlerMap, type SchemaMap } from './routes';

export type { CoreConfig, CorePorts } from './ports';

export interface Core {
  handlers: HandlerMap;
  schemas: SchemaMap;
  bus: EventBus;
  /** Work a restart would break; the video module calls `busy.begin()` (see core/busy.ts). */
  busy: BusyTracker;
  /** Resolves once every module has started (the persisted session restored); never rejects. */
  ready: Promise<void>;
  /** The task tracker (ledger and poller): benches drive tasks through it in the host's own process. */
  tasks: TasksModule['tracker'];
  /** Disposes the modules in reverse order of construction: stops timers, flushes the cookie jar. */
  dispose(): Promise<void>;
  /** The library (download) folder: the only folder the media protocol / route serves. */
  libraryDir(): string;
}

export function createCore(ports: CorePorts, config: CoreConfig): Core {
  const kernel: Kernel = { ports, config, bus: new EventBus(), clock: ports.clock ?? systemClock, logger: ports.logger, busy: new BusyTracker() };
  const built: CoreModule<never>[] = [];
  const use = <M extends CoreModule<never>>(module: M): M => {
    built.push(module);
    return module;
  };

  const settings = use(createSettingsModule(kernel));
  const network = use(createNetworkModule(kernel, settings));
  const session = use(createSessionModule(kernel, settings, network.network.beforeRequest));
  const signedIn = { http: session.http, session: session.session };
  const balance = use(createBalanceModule(kernel, { ...signedIn, serverUrl: settings.serverUrl }));
  const tasks = use(createTasksModule(kernel, { ...signedIn, serverUrl: settings.serverUrl }));
  const library = use(createLibraryModule(kernel, { settings: settings.settings }));
  const video = use(createVideoModule(kernel, { ...signedIn, serverUrl: settings.serverUrl, tracker: tasks.tracker, balance: balance.balance }));
  const modules = [
    settings,
    network,
    session,
    use(createAppModule(kernel, settings)),
    balance,
    use(createOrdersModule(kernel, { ...signedIn, serverUrl: settings.serverUrl })),
    use(createKeysModule(signedIn)),
    use(createPricingModule(signedIn)),
    use(createClipboardModule(kernel)),
    tasks,
    video,
    use(createDownloadsModule(kernel, { settings, http: session.http, tracker: tasks.tracker, tasksReady: tasks.ready ?? Promise.resolve(), cookieHeader: (url) => session.cookieHeader(url), beforeRequest: network.network.beforeRequest, hasVideoFor: (task) => library.library.hasVideoFor(task), modelNameOf: (key, catalog) => video.catalog.cachedName(key, catalog) })),
    use(createUpdatesModule(kernel)),
    use(createSystemModule(kernel, { settings, knownSecrets: () => session.knownSecrets() })),
    library,
  ];
  // No routes: built (and disposed) like the others, kept out of the route merge.
  use(createNotificationsModule(kernel, { enabled: () => settings.settings.get().notifications, tracker: tasks.tracker, balance: balance.balance }));

  const ready = Promise.all(built.map((module) => module.ready)).then(() => undefined);
  const merged = mergeRoutes(modules.map((module) => module.routes));
  let disposing: Promise<void> | null = null;

  return {
    handlers: gateHandlers(merged.handlers, ready),
    schemas: merged.schemas,
    bus: kernel.bus,
    busy: kernel.busy,
    ready,
    libraryDir: library.libraryDir,
    tasks: tasks.tracker,
    dispose() {
      disposing ??= disposeInReverse(built, kernel.logger);
      return disposing;
    },
  };
}
