import type { AppInfo, PlainHttpState, Settings } from '../models';
import type { Route } from './route';

/** The build, the server in use, and the non-secret settings. */
export interface AppRoutes {
  'app.info': Route<void, AppInfo>;
  'settings.get': Route<void, Settings>;
  'settings.update': Route<Partial<Settings>, Settings>;
  /** Which plain-http addresses the user confirmed (services/plain-http.ts). */
  'settings.plainHttp': Route<void, PlainHttpState>;
  /** The user confirmed plain http to this address (its scheme + host + port is remembered). */
  'settings.confirmPlainHttp': Route<{ url: string }, PlainHttpState>;
  'settings.revokePlainHttp': Route<{ origin: string }, PlainHttpState>;
}
