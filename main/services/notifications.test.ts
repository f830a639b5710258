import { describe, expect, it } from 'vitest';
import type { RechargeWatch } from '../../preload/contract';
import { EventBus } from '../core/bus';
import { systemClock } from '../core/ports';
import { startNotifications } from './notifications';

function watch(overrides: Partial<RechargeWatch> = {}): RechargeWatch {
  return { id: 'w1', amount: 100, state: 'waiting', baseline: 12, startedAt: 0, deadline: 1, ...overrides };
}

function setup(enabled = true) {
  const bus = new EventBus();
  const shown: { title: string; body: string }[] = [];
  const settings = { enabled };
  const stop = startNotifications({ bus, clock: systemClock, notifier: { notify: (notice) => void shown.push(notice) }, enabled: () => settings.enabled });
  return { bus, shown, settings, stop };
}

describe('startNotifications: recharges', () => {
  it('tells once when a recharge is confirmed, with the amount that arrived', () => {
    const { bus, shown } = setup();
    bus.publish('recharge.changed', watch());
    expect(shown).toEqual([]);
    bus.publish('recharge.changed', watch({ state: 'confirmed', arrived: 99.5 }));
    bus.publish('recharge.changed', watch({ state: 'confirmed', arrived: 99.5 }));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.body).toContain('¥99.50');
  });

  it('says nothing when the user turned notifications off, for timeouts, or after stop', () => {
    const { bus, shown, settings, stop } = setup(false);
    bus.publish('recharge.changed', watch({ state: 'confirmed' }));
    settings.enabled = true;
    bus.publish('recharge.changed', watch({ id: 'w2', state: 'timeout' }));
    stop();
    bus.publish('recharge.changed', watch({ id: 'w3', state: 'confirmed' }));
    expect(shown).toEqual([]);
  });
});
