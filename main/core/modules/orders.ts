/**
 * The orders routes: one page straight from the platform (`orders.list`), and the saved
 * history behind the spend chart (`orders.history`) in `<dataDir>/orders-history`.
 */
import { join } from 'node:path';
import type { SessionState } from '../../../preload/contract';
import { createOrdersRoutes, type OrdersRoute } from '../../ipc/handlers/orders';
import type { PlatformHttp } from '../../platform/types';
import { OrdersHistoryService } from '../../services/orders-history/service';
import type { CoreModule, Kernel } from '../module';

export interface OrdersModuleDeps {
  http: PlatformHttp;
  session: { isSignedIn(): boolean; state(): SessionState };
  serverUrl(): string | null;
  /** Rows per page of the history read (tests use small pages). */
  historyPageSize?: number;
}

export function createOrdersModule(kernel: Kernel, deps: OrdersModuleDeps): CoreModule<OrdersRoute> {
  const { ports, bus, clock, logger } = kernel;
  const history = new OrdersHistoryService({
    http: deps.http,
    session: deps.session,
    serverUrl: deps.serverUrl,
    dir: join(ports.dataPaths.dataDir(), 'orders-history'),
    bus,
    clock,
    logger,
    ...(deps.historyPageSize ? { pageSize: deps.historyPageSize } : {}),
  });
  return { routes: createOrdersRoutes({ ...deps, history }), dispose: () => {} };
}
