/** The one subscriber that tells the user about recharges and finished tasks (services/notifications.ts). No routes. */
import type { BalanceService } from '../../services/balance';
import { startNotifications } from '../../services/notifications';
import type { TaskTracker } from '../../services/tasks/tracker';
import type { CoreModule, Kernel } from '../module';

export function createNotificationsModule(kernel: Kernel, deps: { enabled(): boolean; tracker: TaskTracker; balance: BalanceService }): CoreModule {
  const { ports, bus, clock } = kernel;
  const stop = startNotifications({
    bus,
    clock,
    notifier: ports.notifier ?? null,
    enabled: deps.enabled,
    badge: ports.progressBadge ?? null,
    runningCount: () => deps.tracker.runningCount(),
    balance: deps.balance,
  });
  return { routes: { handlers: {}, schemas: {} }, dispose: stop };
}
