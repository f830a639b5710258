/** The pricing routes: stateless adapters over the platform client, behind the sign-in gate. */
import { createPricingRoutes, type PricingRoute } from '../../ipc/handlers/pricing';
import type { SignedIn } from '../../ipc/handlers/signed-in';
import type { PlatformHttp } from '../../platform/types';
import type { CoreModule } from '../module';

export function createPricingModule(deps: { http: PlatformHttp; session: SignedIn }): CoreModule<PricingRoute> {
  return { routes: createPricingRoutes(deps), dispose: () => {} };
}
