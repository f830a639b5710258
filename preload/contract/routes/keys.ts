import type { ApiKeyDetail, DownApp } from '../models';
import type { Route } from './route';

export interface KeysRoutes {
  'keys.list': Route<void, DownApp[]>;
  'keys.apply': Route<{ appName: string; description?: string; allowedIps?: string }, DownApp[]>;
  'keys.reveal': Route<{ appId: string }, ApiKeyDetail>;
}
