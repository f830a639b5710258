/**
 * The balance domain: BalanceService, the recharge watch (RechargeService) and the system notice
 * when a recharge arrives. Other modules may ask the balance to refresh (after a paid task).
 */
import type { SessionState } from '../../../preload/contract';
import { createBalanceRoutes, type BalanceRoute } from '../../ipc/handlers/balance';
import type { PlatformHttp } from '../../platform/types';
import { BalanceService } from '../../services/balance';
import { notifyRechargeArrivals } from '../../services/notices';
import { RechargeService, type RechargeTimings } from '../../services/recharge';
import type { CoreModule, Kernel } from '../module';

export interface BalanceModule extends CoreModule<BalanceRoute> {
  balance: BalanceService;
  recharge: RechargeService;
}

export interface BalanceModuleDeps {
  http: PlatformHttp;
  session: { isSignedIn(): boolean; onChange(listener: (state: SessionState) => void): () => void };
  /** Whether the user wants system notifications now. */
  notificationsEnabled(): boolean;
  serverUrl(): string | null;
  /** Tests shorten the recharge watch; production uses the defaults (5 s / 15 min / 60 s / 15 min). */
  rechargeTimings?: Partial<RechargeTimings>;
}

export function createBalanceModule(kernel: Kernel, deps: BalanceModuleDeps): BalanceModule {
  const { ports, bus, clock, logger } = kernel;
  const { http, session } = deps;
  const balance = new BalanceService({ http, bus, clock, logger, session });
  const recharge = new RechargeService({ http, balance, bus, clock, opener: ports.opener, logger, serverUrl: deps.serverUrl, session, timings: deps.rechargeTimings });
  const stopNotices = notifyRechargeArrivals({ bus, notifier: ports.notifier ?? null, enabled: deps.notificationsEnabled });
  return {
    routes: createBalanceRoutes({ session, balance, recharge }),
    balance,
    recharge,
    dispose() {
      stopNotices();
      recharge.dispose();
      balance.dispose();
    },
  };
}
