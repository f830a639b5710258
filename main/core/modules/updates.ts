/**
 * Updates: the UpdatePolicy over the runtime's UpdaterPort (electron-updater in a packaged app;
 * none in development, in the browser host or without an update provider), publishing
 * `updates.changed`. A restart is refused while the kernel's BusyTracker says a video
 * submission is in flight.
 */
import type { UpdatesSnapshot } from '../../../preload/contract/models';
import { createUpdatesRoutes, type UpdatesRoute } from '../../ipc/handlers/updates';
import { UpdatePolicy } from '../../services/updates/policy';
import type { CoreModule, Kernel } from '../module';

export interface UpdatesModule extends CoreModule<UpdatesRoute> {
  policy: UpdatePolicy;
}

export function createUpdatesModule(kernel: Kernel): UpdatesModule {
  const { ports, config, bus, clock, logger, busy } = kernel;
  const setup = ports.updater ?? { updater: null, disabledReason: 'no-provider' as const };
  const snapshot = (): UpdatesSnapshot => ({ currentVersion: config.version, state: policy.current() });
  const policy = new UpdatePolicy({
    updater: setup.updater,
    ...(setup.updater ? {} : { disabledReason: setup.disabledReason }),
    clock,
    logger,
    isBusy: () => busy.isBusy(),
    publish: (state) => bus.publish('updates.changed', { currentVersion: config.version, state }),
  });
  policy.start();
  return { routes: createUpdatesRoutes(policy, snapshot), policy, dispose: () => policy.dispose() };
}
