/**
 * System notifications for what happens while the user looks elsewhere: for now a recharge that
 * arrived (the payment was made in the browser, so the app is usually in the background). Only
 * when the user left 「系统通知」 on in the settings; where there is no notifier (the browser
 * host) nothing is shown.
 */
import type { AppEvent } from '../../preload/contract';
import type { EventBus } from '../core/bus';
import type { Notifier } from '../core/ports';

export function notifyRechargeArrivals(deps: { bus: EventBus; notifier: Notifier | null; enabled: () => boolean }): () => void {
  const told = new Set<string>();
  return deps.bus.subscribe((event: AppEvent) => {
    if (event.event !== 'recharge.changed' || !deps.notifier || !deps.enabled()) return;
    const watch = event.payload;
    // The watch is published again (check, close); one notice per recharge.
    if (watch.state !== 'confirmed' || told.has(watch.id)) return;
    told.add(watch.id);
    const amount = (watch.arrived ?? watch.amount).toFixed(2);
    deps.notifier.notify({ title: '充值已到账 / Recharge received', body: `¥${amount} 已到账，余额已更新。 / ¥${amount} arrived; the balance is updated.` });
  });
}
