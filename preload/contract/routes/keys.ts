import type { ApiKeyDetail, DownApp } from '../models';
import type { Route } from './route';

export interface KeysRoutes {
  'keys.list': Route<void, DownApp[]>;
  /** null: created, but the list could not be read right after — show success, read the list later. */
  'keys.apply': Route<{ appName: string; description?: string; allowedIps?: string }, DownApp[] | null>;
  'keys.reveal': Route<{ appId: string }, ApiKeyDetail>;
}
