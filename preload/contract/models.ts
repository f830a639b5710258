/** Clean shapes the renderer sees. Main normalises every platform variant into these. */

export interface User {
  id: string; // '' when unknown (empty-body login variant, platform-api.md §3.2 c)
  username: string;
  orgid: string;
  /** nick_name, else username. */
  displayName: string;
  mobile?: string;
}

export interface AccountChoice {
  id: string;
  username: string;
  nickName?: string;
}

export type LoginOutcome =
  | { kind: 'signedIn'; user: User }
  | { kind: 'choose'; accounts: AccountChoice[] };

export interface SessionState {
  user: User | null;
  /** Last phone number used to sign in, to pre-fill the form after an expiry. */
  lastPhone?: string;
}

export type ServerProfile = 'official' | 'simulator' | 'custom';
export type Language = 'zh-CN' | 'en';
export type ThemeSetting = 'system' | 'light' | 'dark';

export interface Settings {
  serverProfile: ServerProfile;
  customServerUrl: string;
  simulatorUrl: string;
  language: Language;
  theme: ThemeSetting;
  /** Balance (CNY) under which the header flags it; default 20. */
  lowBalanceThreshold: number;
  notifications: boolean;
}

export interface AppInfo {
  version: string;
  runtime: 'electron' | 'browser-host';
  /** The build-time official address, null while unknown. */
  officialServerUrl: string | null;
  /** The address in use now, null when none is configured (first start). */
  serverUrl: string | null;
  /** Where serverUrl comes from. */
  serverSource: 'env' | 'settings' | 'build' | 'none';
  /** http:// to a non-loopback host: the cookie and keys travel in clear text. */
  insecureServer: boolean;
  /** How the session survives a restart. */
  sessionPersistence: 'encrypted' | 'memory' | 'dev-file';
}

export interface BalanceAccount {
  account: string;
  balance: number | null;
}

export interface Balance {
  /** Main account first. */
  accounts: BalanceAccount[];
  /** The figure the app shows as "the balance": the first account's balance. */
  total: number | null;
  fetchedAt: number;
}

export type RechargeState = 'opening' | 'waiting' | 'confirmed' | 'timeout' | 'cancelled' | 'failed';

export interface RechargeWatch {
  id: string;
  amount: number;
  state: RechargeState;
  baseline: number | null;
  /** Amount that arrived (balance now - baseline) once confirmed. */
  arrived?: number;
  startedAt: number;
  deadline: number;
  message?: string;
}

export interface OrderRow {
  llmid: string;
  name: string;
  model: string;
  useDate: string;
  useTime: string;
  usage: Record<string, unknown> | null;
  amount: number | null;
  userid: string;
  status: string;
  accountingStatus: string;
}

export interface OrdersPage {
  total: number;
  page: number;
  pageSize: number;
  rows: OrderRow[];
}

export interface DownApp {
  id: string;
  appName: string;
  apiKeyId?: string;
}

export interface ApiKeyDetail {
  appId: string;
  appName: string;
  apiKey: string;
  secretKey?: string;
  allowedIps?: string;
}

export interface PricingTestResult {
  ppid: string;
  /** Number as sent, or the sum of a list's `amount`s. */
  amount: number;
  /** Present when the platform answered with a list of priced items. */
  items?: { name?: string; amount: number }[];
}
