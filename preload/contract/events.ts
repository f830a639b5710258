import type { Balance, RechargeWatch, SessionState, Settings } from './models';

/** Events main publishes on the one event channel. */
export interface Events {
  /** A 401 anywhere. Coalesced: many parallel 401s publish one event. */
  'session.expired': { lastPhone?: string };
  /** Signed in, signed out, or another account chosen. */
  'session.changed': SessionState;
  'balance.changed': Balance;
  'recharge.changed': RechargeWatch;
  'settings.changed': Settings;
}

export type EventName = keyof Events;
export type AppEvent = { [K in EventName]: { event: K; payload: Events[K] } }[EventName];
