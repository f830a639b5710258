/**
 * IPC adapters for the account domain: balance, recharge, orders, API keys, pricing test.
 * Thin: validate (schemas here), require a session, call the platform module or service.
 * 401s are handled by the http layer (it publishes session.expired); AppErrors pass through.
 */
import { z } from 'zod';
import type { SessionState, Settings } from '../../../preload/contract';
import { AppError } from '../../lib/errors';
import { fetchOrders, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MIN_PAGE_SIZE } from '../../platform/orders';
import { applyApiKey, getApiKey, listDownApps, normaliseAllowedIps } from '../../platform/keys';
import { testPricingProgram } from '../../platform/pricing';
import type { PlatformHttp } from '../../platform/types';
import { BalanceService } from '../../services/balance';
import type { EventBus } from '../../core/bus';
import type { Clock, ExternalOpener, Logger } from '../../core/ports';
import { RechargeService, rechargeAmountSchema, type RechargeTimings } from '../../services/recharge';
import type { HandlerMap, SchemaMap } from '../types';

export type AccountRoute =
  | 'account.balance'
  | 'account.recharge'
  | 'account.rechargeWatch'
  | 'account.rechargeCheck'
  | 'account.rechargeCancel'
  | 'orders.list'
  | 'keys.list'
  | 'keys.apply'
  | 'keys.reveal'
  | 'pricing.test';

export interface AccountDeps {
  http: PlatformHttp;
  bus: EventBus;
  clock: Clock;
  opener: ExternalOpener;
  logger: Logger;
  serverUrl(): string | null;
  settings(): Settings;
  session: { isSignedIn(): boolean; onChange(listener: (state: SessionState) => void): () => void };
  /** Tests shorten the recharge watch; production uses the defaults (5 s / 15 min / 60 s / 15 min). */
  rechargeTimings?: Partial<RechargeTimings>;
}

export interface AccountRoutes {
  handlers: Pick<HandlerMap, AccountRoute>;
  schemas: Pick<SchemaMap, AccountRoute>;
  /** The long-lived services, for the composition root (e.g. balance.refreshSoon after a task). */
  services: { balance: BalanceService; recharge: RechargeService };
  dispose(): void;
}

/** Routes without input: the bridge may send undefined or null. */
const noInput = z.union([z.undefined(), z.null()]).transform((): void => undefined);

export const accountSchemas: Pick<SchemaMap, AccountRoute> = {
  'account.balance': noInput,
  'account.recharge': z.object({ amount: rechargeAmountSchema }),
  'account.rechargeWatch': noInput,
  'account.rechargeCheck': noInput,
  'account.rechargeCancel': noInput,
  'orders.list': z.object({
    page: z.number().int('页码必须是整数 / The page must be a whole number').min(1, '页码从 1 开始 / Pages start at 1').max(100_000).default(1),
    pageSize: z
      .number()
      .int('每页条数必须是整数 / The page size must be a whole number')
      .min(MIN_PAGE_SIZE, `每页至少 ${MIN_PAGE_SIZE} 条 / At least ${MIN_PAGE_SIZE} rows per page`)
      .max(MAX_PAGE_SIZE, `每页最多 ${MAX_PAGE_SIZE} 条 / At most ${MAX_PAGE_SIZE} rows per page`)
      .default(DEFAULT_PAGE_SIZE),
  }),
  'keys.list': noInput,
  'keys.apply': z.object({
    appName: z
      .string()
      .trim()
      .min(1, '请输入应用名称 / Enter an app name')
      .max(64, '应用名称最多 64 个字符 / The app name has at most 64 characters'),
    description: z.string().trim().max(200, '描述最多 200 个字符 / The description has at most 200 characters').optional(),
    allowedIps: z
      .string()
      .max(2000, 'IP 列表过长 / The IP list is too long')
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined;
        const normalised = normaliseAllowedIps(value);
        if (normalised === null) {
          ctx.addIssue({ code: 'custom', message: 'IP 白名单须为逗号分隔的 IPv4/IPv6 地址 / Allowed IPs must be a comma-separated list of IPv4/IPv6 addresses' });
          return z.NEVER;
        }
        return normalised;
      }),
  }),
  'keys.reveal': z.object({ appId: z.string().trim().min(1, '缺少应用 id / Missing app id').max(128) }),
  'pricing.test': z.object({
    ppid: z.string().trim().min(1, '请输入定价程序 id / Enter a pricing program id').max(128),
    data: z.record(z.string(), z.unknown(), { error: '用量数据须为 JSON 对象 / The usage data must be a JSON object' }),
  }),
};

export function createAccountRoutes(deps: AccountDeps): AccountRoutes {
  const { http, bus, clock, logger } = deps;
  const balance = new BalanceService({ http, bus, clock, logger, session: deps.session });
  const recharge = new RechargeService({
    http,
    balance,
    bus,
    clock,
    opener: deps.opener,
    logger,
    serverUrl: deps.serverUrl,
    session: deps.session,
    timings: deps.rechargeTimings,
  });

  function requireSignIn(): void {
    if (!deps.session.isSignedIn()) throw new AppError('unauthorized', '请先登录 / Please sign in first');
  }

  const handlers: Pick<HandlerMap, AccountRoute> = {
    'account.balance': async () => {
      requireSignIn();
      return balance.refresh();
    },
    'account.recharge': async ({ amount }) => {
      requireSignIn();
      return recharge.start(amount);
    },
    'account.rechargeWatch': async () => {
      requireSignIn();
      return recharge.current();
    },
    'account.rechargeCheck': async () => {
      requireSignIn();
      return recharge.check();
    },
    'account.rechargeCancel': async () => {
      requireSignIn();
      recharge.cancel();
      return null;
    },
    'orders.list': async ({ page, pageSize }) => {
      requireSignIn();
      return fetchOrders(http, page, pageSize);
    },
    'keys.list': async () => {
      requireSignIn();
      return listDownApps(http);
    },
    'keys.apply': async (input) => {
      requireSignIn();
      return applyApiKey(http, input);
    },
    // The detail holds the API key and secret key: returned to the caller only, never kept or logged.
    'keys.reveal': async ({ appId }) => {
      requireSignIn();
      return getApiKey(http, appId);
    },
    'pricing.test': async ({ ppid, data }) => {
      requireSignIn();
      return testPricingProgram(http, ppid, data);
    },
  };

  return {
    handlers,
    schemas: accountSchemas,
    services: { balance, recharge },
    dispose() {
      recharge.dispose();
      balance.dispose();
    },
  };
}
