import type {
  AccountChoice,
  ApiKeyDetail,
  AppInfo,
  Balance,
  DownApp,
  LoginOutcome,
  OrdersPage,
  PricingTestResult,
  RechargeWatch,
  SessionState,
  Settings,
  User,
} from './models';

/** One route: what the renderer sends and what it gets back in `Result.data`. */
interface Route<I, O> {
  input: I;
  output: O;
}

/**
 * Every IPC route. Main validates each input with a schema (main/ipc/schemas), so these types
 * are the promise and the schemas the guard. Add a route here and the router's exhaustive
 * handler map fails to type-check until it is implemented.
 */
export interface Routes {
  'app.info': Route<void, AppInfo>;
  'settings.get': Route<void, Settings>;
  'settings.update': Route<Partial<Settings>, Settings>;

  'auth.state': Route<void, SessionState>;
  /** Asks the platform to send an SMS code; the key stays in main. */
  'auth.sendCode': Route<{ phone: string }, { notice?: string; resendAfterSeconds: number }>;
  'auth.login': Route<{ phone: string; code: string }, LoginOutcome>;
  /** After a `choose` outcome: re-posts the pending login with `selected_id`. */
  'auth.choose': Route<{ accountId: string }, { kind: 'signedIn'; user: User }>;
  'auth.cancelChoose': Route<void, null>;
  'auth.logout': Route<void, null>;

  'account.balance': Route<void, Balance>;
  /** Creates the payment order, opens it in the system browser, starts watching the balance. */
  'account.recharge': Route<{ amount: number }, RechargeWatch>;
  'account.rechargeWatch': Route<void, RechargeWatch | null>;
  /** "I have paid": check the balance now. */
  'account.rechargeCheck': Route<void, RechargeWatch | null>;
  'account.rechargeCancel': Route<void, null>;

  'orders.list': Route<{ page: number; pageSize: number }, OrdersPage>;

  'keys.list': Route<void, DownApp[]>;
  'keys.apply': Route<{ appName: string; description?: string; allowedIps?: string }, DownApp[]>;
  'keys.reveal': Route<{ appId: string }, ApiKeyDetail>;

  'pricing.test': Route<{ ppid: string; data: Record<string, unknown> }, PricingTestResult>;

  /**
   * Puts a secret on the clipboard and takes it off again after 60 s if it is still there.
   * `handled: false` where main has no clipboard (the browser host): the renderer copies itself.
   */
  'clipboard.copySecret': Route<{ text: string }, { handled: boolean; clearsAt?: number }>;
}

export type RouteName = keyof Routes;
export type RouteInput<K extends RouteName> = Routes[K]['input'];
export type RouteOutput<K extends RouteName> = Routes[K]['output'];

/** Kept for lookups that need the names at run time (router tests, the browser bridge). */
export const ROUTE_NAMES = [
  'app.info',
  'settings.get',
  'settings.update',
  'auth.state',
  'auth.sendCode',
  'auth.login',
  'auth.choose',
  'auth.cancelChoose',
  'auth.logout',
  'account.balance',
  'account.recharge',
  'account.rechargeWatch',
  'account.rechargeCheck',
  'account.rechargeCancel',
  'orders.list',
  'keys.list',
  'keys.apply',
  'keys.reveal',
  'pricing.test',
  'clipboard.copySecret',
] as const satisfies readonly RouteName[];

export type { AccountChoice };
