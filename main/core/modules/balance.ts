/**
 * The balance domain: BalanceService and the recharge watch (RechargeService); the notice when a
 * recharge arrives is the notifications module's. Other modules may ask the balance to refresh (after a paid task).
 */
import type { SessionState } from '../../../preload/contract';
import { createBalanceRoutes, type BalanceRoute } from '../../ipc/handlers/balance';
import type { PlatformHttp } from '../../platform/types';
import { BalanceService } from '../../services/balance';
import { RechargeService, type RechargeTimings } from '../../services/recharge';
import type { CoreModule, Kernel } from '../module';

export interface BalanceModule extends CoreModule<BalanceRoute> {
  balance: BalanceService;
  recharge: RechargeService;
}

export interface BalanceModuleDeps {
  http: PlatformHttp;
  session: { isSignedIn(): boolean; onChange(listener: (state: SessionState) => void): () => void };
  serverUrl(): string | null;
  /** Tests shorten the recharge watch; production uses the defaults (5 s / 15 min / 60 s / 15 min). */
  rechargeTimings?: Partial<RechargeTimings>;
}

export function createBalanceModule(kernel: Kernel, deps: BalanceModuleDeps): BalanceModule {
  const { ports, bus, clock, logger } = kernel;
  const { http, session } = deps;
  const balance = new BalanceService({ http, bus, clock, logger, session });
  const recharge = new RechargeService({ http, balance, bus, clock, opener: ports.opener, logger, serverUrl: deps.serverUrl, session, timings: deps.rechargeTimings });
  return {
    routes: createBalanceRoutes({ session, balance, recharge }),
    balance,
    recharge,
    dispose() {
      recharge.dispose();
      balance.dispose();
    },
  };
}
