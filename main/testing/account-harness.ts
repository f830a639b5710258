/**
 * Shared set-up for the account-domain tests: the real routes, the real HTTP client, a signed-in
 * session against the simulator, and recorders for events, opened URLs and log lines. Tests only.
 */
import { BusyTracker } from '../core/busy';
import type { AppEvent, EventName, Events, Settings, User } from '../../preload/contract';
import { DEFAULT_FILE_NAME_TEMPLATE, LOW_BALANCE_DEFAULT } from '../../preload/contract/limits';
import { EventBus } from '../core/bus';
import type { Kernel } from '../core/module';
import { createBalanceModule } from '../core/modules/balance';
import { createKeysModule } from '../core/modules/keys';
import { createOrdersModule } from '../core/modules/orders';
import { createPricingModule } from '../core/modules/pricing';
import { systemClock } from '../core/ports';
import type { HandlerMap, SchemaMap } from '../core/routes';
import type { BalanceRoute } from '../ipc/handlers/balance';
import type { KeysRoute } from '../ipc/handlers/keys';
import type { OrdersRoute } from '../ipc/handlers/orders';
import type { PricingRoute } from '../ipc/handlers/pricing';
import type { PlatformHttp } from '../platform/types';
import type { BalanceService } from '../services/balance';
import type { RechargeService, RechargeTimings } from '../services/recharge';
import { memoryDataPaths, memorySecretBox, memoryStore } from './memory-ports';
import { capturingLogger, createTestHttp, FakeSession, signIn, type CapturingLogger, type TestHttp } from './simple-http';

/** The routes of the four account-bound domains (balance, orders, keys, pricing) built by their modules. */
export type AccountRoute = BalanceRoute | OrdersRoute | KeysRoute | PricingRoute;

export interface AccountRoutes {
  handlers: Pick<HandlerMap, AccountRoute>;
  schemas: Pick<SchemaMap, AccountRoute>;
  services: { balance: BalanceService; recharge: RechargeService };
  dispose(): void;
}

export const TEST_SETTINGS: Settings = {
  serverProfile: 'simulator',
  customServerUrl: '',
  simulatorUrl: '',
  language: 'zh-CN',
  theme: 'system',
  lowBalanceThreshold: LOW_BALANCE_DEFAULT,
  notifications: false,
  proxy: { mode: 'system', url: '', bypass: '' },
  keepRunningInTray: true,
  openAtLogin: false,
  autoDownload: false,
  downloadDir: '',
  fileNameTemplate: DEFAULT_FILE_NAME_TEMPLATE,
};

export interface Harness {
  routes: AccountRoutes;
  http: TestHttp;
  session: FakeSession;
  user: User;
  logger: CapturingLogger;
  events: AppEvent[];
  opened: string[];
  payloads<K extends EventName>(event: K): Events[K][];
  dispose(): void;
}

export interface HarnessOptions {
  phone?: string;
  /** What the routes believe the platform base is (defaults to the simulator's URL). */
  serverUrl?: string | null;
  rechargeTimings?: Partial<RechargeTimings>;
  /** Wraps the real client (e.g. to substitute one answer). */
  wrapHttp?: (http: PlatformHttp) => PlatformHttp;
}

export async function createHarness(simUrl: string, options: HarnessOptions = {}): Promise<Harness> {
  const logger = capturingLogger();
  const http = createTestHttp(simUrl, logger);
  const user = await signIn(http, options.phone);
  const session = new FakeSession();
  session.set(user); // before the routes exist: no sign-in refresh in the way of request counts
  const bus = new EventBus();
  const events: AppEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const opened: string[] = [];
  const opener = {
    open: async (url: string) => {
      opened.push(url);
    },
  };
  const kernel: Kernel = {
    ports: { store: memoryStore(), secrets: memorySecretBox(), opener, logger, dataPaths: memoryDataPaths() },
    config: { runtime: 'browser-host', version: '0.0.0-test', officialServerUrl: '' },
    bus,
    clock: systemClock,
    logger,
    busy: new BusyTracker(),
  };
  const platform = options.wrapHttp ? options.wrapHttp(http) : http;
  const balance = createBalanceModule(kernel, {
    http: platform,
    session,
    serverUrl: () => (options.serverUrl === undefined ? simUrl : options.serverUrl),
    rechargeTimings: options.rechargeTimings,
  });
  const stateless = [createOrdersModule(kernel, { http: platform, session, serverUrl: () => simUrl }), createKeysModule({ http: platform, session }), createPricingModule({ http: platform, session })];
  const routes: AccountRoutes = {
    handlers: { ...balance.routes.handlers, ...stateless[0]!.routes.handlers, ...stateless[1]!.routes.handlers, ...stateless[2]!.routes.handlers } as AccountRoutes['handlers'],
    schemas: { ...balance.routes.schemas, ...stateless[0]!.routes.schemas, ...stateless[1]!.routes.schemas, ...stateless[2]!.routes.schemas } as AccountRoutes['schemas'],
    services: { balance: balance.balance, recharge: balance.recharge },
    dispose: () => void balance.dispose(),
  };
  return {
    routes,
    http,
    session,
    user,
    logger,
    events,
    opened,
    payloads: <K extends EventName>(event: K) =>
      events.filter((e): e is Extract<AppEvent, { event: K }> => e.event === event).map((e) => e.payload as Events[K]),
    dispose: () => routes.dispose(),
  };
}
