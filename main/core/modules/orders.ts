/** The orders routes: stateless adapters over the platform client, behind the sign-in gate. */
import { createOrdersRoutes, type OrdersRoute } from '../../ipc/handlers/orders';
import type { SignedIn } from '../../ipc/handlers/signed-in';
import type { PlatformHttp } from '../../platform/types';
import type { CoreModule } from '../module';

export function createOrdersModule(deps: { http: PlatformHttp; session: SignedIn }): CoreModule<OrdersRoute> {
  return { routes: createOrdersRoutes(deps), dispose: () => {} };
}
