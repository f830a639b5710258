import type { AppInfo, Settings } from '../models';
import type { Route } from './route';

/** The build, the server in use, and the non-secret settings. */
export interface AppRoutes {
  'app.info': Route<void, AppInfo>;
  'settings.get': Route<void, Settings>;
  'settings.update': Route<Partial<Settings>, Settings>;
}
