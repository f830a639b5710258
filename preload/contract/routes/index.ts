/**
 * Every IPC route, one file per domain. Main validates each input with a schema
 * (main/ipc/handlers/<domain>.ts), so these types are the promise and the schemas the guard.
 * Add a route to a domain file and main's exhaustive handler map fails to type-check until it
 * has a handler; ROUTE_NAMES below fails until it lists the name.
 */
import type { AppRoutes } from './app';
import type { AuthRoutes } from './auth';
import type { BalanceRoutes } from './balance';
import type { ClipboardRoutes } from './clipboard';
import type { DownloadsRoutes } from './downloads';
import type { KeysRoutes } from './keys';
import type { LibraryRoutes } from './library';
import type { NetworkRoutes } from './network';
import type { OrdersRoutes } from './orders';
import type { PricingRoutes } from './pricing';
import type { SystemRoutes } from './system';
import type { TasksRoutes } from './tasks';
import type { VideoRoutes } from './video';

export type { AppRoutes, AuthRoutes, BalanceRoutes, ClipboardRoutes, KeysRoutes, NetworkRoutes, OrdersRoutes, PricingRoutes, SystemRoutes, TasksRoutes, VideoRoutes };
export type { DownloadsRoutes, LibraryRoutes };
export type { SubmissionInput } from './video';
export type { Route } from './route';
export type { AccountChoice } from '../models';

export interface Routes extends AppRoutes, AuthRoutes, BalanceRoutes, OrdersRoutes, KeysRoutes, PricingRoutes, ClipboardRoutes, NetworkRoutes, VideoRoutes, TasksRoutes, SystemRoutes, DownloadsRoutes, LibraryRoutes {}

export type RouteName = keyof Routes;
export type RouteInput<K extends RouteName> = Routes[K]['input'];
export type RouteOutput<K extends RouteName> = Routes[K]['output'];

/** Kept for lookups that need the names at run time (router tests, the browser bridge). */
export const ROUTE_NAMES = [
  'app.info',
  'settings.get',
  'settings.update',
  'auth.state',
  'auth.sendCode',
  'auth.login',
  'auth.choose',
  'auth.cancelChoose',
  'auth.logout',
  'account.balance',
  'account.recharge',
  'account.rechargeWatch',
  'account.rechargeCheck',
  'account.rechargeCancel',
  'orders.list',
  'keys.list',
  'keys.apply',
  'keys.reveal',
  'pricing.test',
  'clipboard.copySecret',
  'network.passwordState',
  'network.setProxyPassword',
  'network.test',
  'video.models',
  'video.fieldOptions',
  'video.quote',
  'video.balanceCheck',
  'video.pickImages',
  'video.lastForm',
  'video.submit',
  'video.submitBatch',
  'tasks.list',
  'tasks.hide',
  'tasks.refresh',
  'tasks.openResult',
  'updates.state',
  'updates.check',
  'updates.restart',
  'diagnostics.export',
  'diagnostics.openLogFolder',
  'system.about',
  'downloads.list',
  'downloads.start',
  'downloads.pause',
  'downloads.resume',
  'downloads.cancel',
  'downloads.retry',
  'downloads.openInBrowser',
  'downloads.chooseFolder',
  'library.list',
  'library.rescan',
  'library.reveal',
  'library.openExternal',
  'library.trash',
  'library.again',
] as const satisfies readonly RouteName[];

/** Compile-time check that ROUTE_NAMES lists every route: a missing name makes this `false`. */
type Unlisted = Exclude<RouteName, (typeof ROUTE_NAMES)[number]>;
export const ROUTE_NAMES_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;
