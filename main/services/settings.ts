/**
 * Non-secret settings over the KeyValueStore: defaults, zod validation on update, and a
 * `settings.changed` event. Stored under one key; unreadable stored fields fall back to their
 * defaults instead of breaking the start.
 */
import { z } from 'zod';
import { DEFAULT_FILE_NAME_TEMPLATE, LOW_BALANCE_DEFAULT, LOW_BALANCE_MAX } from '../../preload/contract/limits';
import type { Settings } from '../../preload/contract/models';
import type { EventBus } from '../core/bus';
import type { KeyValueStore, Logger } from '../core/ports';
import { DEFAULT_PROXY, proxySettingsSchema } from './proxy-settings';
import { validateServerUrl } from './server-config';

export const SETTINGS_STORE_KEY = 'settings';

const serverUrlField = z
  .string()
  .trim()
  .max(2048)
  .transform((value, context) => {
    if (value === '') return '';
    const check = validateServerUrl(value);
    if (!check.ok) {
      context.addIssue({ code: 'custom', message: check.reason });
      return z.NEVER;
    }
    return check.url;
  });

export const settingsShape = {
  serverProfile: z.enum(['official', 'simulator', 'custom']),
  customServerUrl: serverUrlField,
  simulatorUrl: serverUrlField,
  language: z.enum(['zh-CN', 'en']),
  theme: z.enum(['system', 'light', 'dark']),
  lowBalanceThreshold: z.number().finite().min(0).max(LOW_BALANCE_MAX),
  notifications: z.boolean(),
  proxy: proxySettingsSchema,
  keepRunningInTray: z.boolean(),
  openAtLogin: z.boolean(),
  autoDownload: z.boolean(),
  downloadDir: z.string().max(1024),
  fileNameTemplate: z.string().min(1).max(200),
};

/** Input of `settings.update`: any subset, no unknown keys. */
export const settingsUpdateSchema = z.object(settingsShape).partial().strict();

export function defaultSettings(officialServerUrl: string): Settings {
  return {
    serverProfile: officialServerUrl.trim() !== '' ? 'official' : 'custom',
    customServerUrl: '',
    simulatorUrl: 'http://127.0.0.1:4010',
    language: 'zh-CN',
    theme: 'system',
    lowBalanceThreshold: LOW_BALANCE_DEFAULT,
    notifications: true,
    proxy: { ...DEFAULT_PROXY },
    keepRunningInTray: true,
    openAtLogin: false,
    autoDownload: true,
    downloadDir: '',
    fileNameTemplate: DEFAULT_FILE_NAME_TEMPLATE,
  };
}

export type SettingsListener = (next: Settings, previous: Settings) => void;

export interface SettingsServiceOptions {
  store: KeyValueStore;
  bus: EventBus;
  logger: Logger;
  officialServerUrl: string;
  /** Throws to refuse a change before anything is stored (an unconfirmed plain-http address). */
  vet?: (next: Settings, previous: Settings) => void;
}

export class SettingsService {
  private current: Settings;
  private readonly listeners = new Set<SettingsListener>();

  constructor(private readonly options: SettingsServiceOptions) {
    this.current = this.load();
  }

  get(): Settings {
    return { ...this.current };
  }

  /** Validates (throws ZodError on bad input — the IPC schema normally catches it first). */
  update(patch: Partial<Settings>): Settings {
    const parsed = settingsUpdateSchema.parse(patch);
    const previous = this.current;
    const next: Settings = { ...previous };
    for (const [key, value] of Object.entries(parsed)) {
      if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
    }
    this.options.vet?.(next, previous);
    this.current = next;
    this.options.store.set(SETTINGS_STORE_KEY, next);
    for (const listener of [...this.listeners]) listener(this.get(), { ...previous });
    this.options.bus.publish('settings.changed', this.get());
    return this.get();
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private load(): Settings {
    const defaults = defaultSettings(this.options.officialServerUrl);
    const stored = this.options.store.get(SETTINGS_STORE_KEY);
    if (stored === undefined || stored === null) return defaults;
    if (typeof stored !== 'object' || Array.isArray(stored)) {
      this.options.logger.warn('stored settings are not an object; using defaults');
      return defaults;
    }
    const result: Settings = { ...defaults };
    const target = result as unknown as Record<string, unknown>;
    for (const [key, schema] of Object.entries(settingsShape)) {
      const value = (stored as Record<string, unknown>)[key];
      if (value === undefined) continue;
      const parsed = schema.safeParse(value);
      if (parsed.success) target[key] = parsed.data;
      else this.options.logger.warn('stored setting ignored', { setting: key });
    }
    return result;
  }
}
