import type { NetworkTestResult, ProxyPasswordState, ProxySettings } from '../models';
import type { Route } from './route';

export interface NetworkRoutes {
  /** Whether a proxy password is stored, and how it is protected. */
  'network.passwordState': Route<void, ProxyPasswordState>;
  /** Stores the proxy password encrypted; '' removes it. Write-only: no route reads it back. */
  'network.setProxyPassword': Route<{ password: string }, ProxyPasswordState>;
  /** 测试连接: one request to the platform the way the app would send it; `proxy` tests unsaved settings. */
  'network.test': Route<{ proxy?: ProxySettings }, NetworkTestResult>;
}
