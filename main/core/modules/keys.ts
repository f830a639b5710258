/** The keys routes: stateless adapters over the platform client, behind the sign-in gate. */
import { createKeysRoutes, type KeysRoute } from '../../ipc/handlers/keys';
import type { SignedIn } from '../../ipc/handlers/signed-in';
import type { PlatformHttp } from '../../platform/types';
import type { CoreModule } from '../module';

export function createKeysModule(deps: { http: PlatformHttp; session: SignedIn }): CoreModule<KeysRoute> {
  return { routes: createKeysRoutes(deps), dispose: () => {} };
}
