import type { ProxySettings } from './network';

/** Non-secret settings the user can change. */

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
  /** How platform requests reach the network (the proxy password is not here: see `network.setProxyPassword`). */
  proxy: ProxySettings;
  /** Desktop: closing the window while tasks run or downloads are active hides it to the tray. */
  keepRunningInTray: boolean;
  /** Desktop: start with the OS session (Windows, macOS). */
  openAtLogin: boolean;
  /** Download every finished video at once (issue 8); on by default. */
  autoDownload: boolean;
  /** The download (and library) folder; '' = the default, a 元境 folder under Videos, else Downloads. */
  downloadDir: string;
  /** File names of downloads: {date} {time} {model} {prompt} {taskid} {catalog}; see main/services/downloads/naming.ts. */
  fileNameTemplate: string;
}
