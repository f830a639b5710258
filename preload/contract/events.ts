import type { Balance, DownloadView, LibraryItem, OrdersHistoryProgress, RechargeWatch, SessionState, Settings, TaskView, UpdatesSnapshot } from './models';

/**
 * Events main publishes on the one event channel. Every payload is a FULL snapshot of its item
 * (never a delta), so a coalescer may drop all but the last update of a burst.
 */
export interface Events {
  /** A 401 anywhere. Coalesced: many parallel 401s publish one event. */
  'session.expired': { lastPhone?: string };
  /** Signed in, signed out, or another account chosen. */
  'session.changed': SessionState;
  'balance.changed': Balance;
  'recharge.changed': RechargeWatch;
  'settings.changed': Settings;
  /** The update check, download or readiness changed. */
  'updates.changed': UpdatesSnapshot;
  /** A task was written, submitted, changed status or billing, or hidden: its whole record. */
  'task.changed': TaskView;
  /**
   * Something the user should hear about while looking elsewhere (a task done or failed). The
   * desktop app shows a system notification itself; the browser host's page shows this in-page.
   */
  'app.notice': AppNotice;
  /** A download was queued, progressed, finished (`state: 'done'`, `file` set, sidecar beside it) or failed. */
  'download.changed': DownloadView;
  /** A library item was added (a finished download) or its video went missing / was found again. */
  'library.changed': LibraryItem;
  /** A read of the orders pages for the spend chart went one page further, or finished. */
  'orders.history.progress': OrdersHistoryProgress;
}

export interface AppNotice {
  id: string;
  kind: 'task.succeeded' | 'task.failed' | 'download.done' | 'download.failed';
  /** The task to open when the notice is clicked (task notices; download notices open the library). */
  localId?: string;
  title: string;
  body: string;
}

export type EventName = keyof Events;
export type AppEvent = { [K in EventName]: { event: K; payload: Events[K] } }[EventName];

/** The fields of a payload that can name an item: string or number valued, always present. */
export type KeyField<P> = { [F in keyof P]-?: undefined extends P[F] ? never : P[F] extends string | number ? F : never }[keyof P] & string;

/**
 * How the publisher coalesces each event: `null` for a singleton (one item: the latest payload
 * wins), or the payload field that names the item (updates of different items never replace
 * each other). Declared here, per event, so nobody guesses a key from field names; the type
 * only accepts a field its payload has.
 */
export type EventKeyMap<E = Events> = { readonly [K in keyof E]: KeyField<E[K]> | null };

export const EVENT_KEYS = {
  'session.expired': null,
  'session.changed': null,
  'balance.changed': null,
  'recharge.changed': 'id',
  'settings.changed': null,
  'task.changed': 'localId',
  'app.notice': 'id',
  'updates.changed': null,
  'download.changed': 'id',
  'library.changed': 'id',
  'orders.history.progress': null,
} as const satisfies EventKeyMap;
