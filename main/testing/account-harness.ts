/**
 * Shared set-up for the account-domain tests: the real routes, the real HTTP client, a signed-in
 * session against the simulator, and recorders for events, opened URLs and log lines. Tests only.
 */
import type { AppEvent, EventName, Events, Settings, User } from '../../preload/contract';
import { capturingLogger, createTestHttp, FakeSession, signIn, type CapturingLogger, type TestHttp } from './simple-http';
import type { PlatformHttp } from '../platform/types';
import { EventBus } from '../core/bus';
import { systemClock } from '../core/ports';
import type { RechargeTimings } from '../services/recharge';
import { createAccountRoutes, type AccountRoutes } from '../ipc/handlers/account';

export const TEST_SETTINGS: Settings = {
  serverProfile: 'simulator',
  customServerUrl: '',
  simulatorUrl: '',
  language: 'zh-CN',
  theme: 'system',
  lowBalanceThreshold: 20,
  notifications: false,
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
  const routes = createAccountRoutes({
    http: options.wrapHttp ? options.wrapHttp(http) : http,
    bus,
    clock: systemClock,
    opener: {
      open: async (url) => {
        opened.push(url);
      },
    },
    logger,
    serverUrl: () => (options.serverUrl === undefined ? simUrl : options.serverUrl),
    settings: () => TEST_SETTINGS,
    session,
    rechargeTimings: options.rechargeTimings,
  });
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
