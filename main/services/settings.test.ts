import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../preload/contract';
import { EventBus } from '../core/bus';
import { silentLogger } from '../lib/logger';
import type { KeyValueStore } from '../core/ports';
import { SETTINGS_STORE_KEY, SettingsService } from './settings';

function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore & { data: Record<string, unknown> } {
  const data = { ...initial };
  return { data, get: (key) => data[key], set: (key, value) => void (data[key] = value) };
}

function service(store = memoryStore(), officialServerUrl = '') {
  const bus = new EventBus();
  const events: AppEvent[] = [];
  bus.subscribe((event) => events.push(event));
  return { settings: new SettingsService({ store, bus, logger: silentLogger, officialServerUrl }), events, store };
}

describe('SettingsService', () => {
  it('has the documented defaults; the profile depends on a built-in official address', () => {
    expect(service().settings.get()).toEqual({
      serverProfile: 'custom',
      customServerUrl: '',
      simulatorUrl: 'http://127.0.0.1:4010',
      language: 'zh-CN',
      theme: 'system',
      lowBalanceThreshold: 20,
      notifications: true,
      proxy: { mode: 'system', url: '', bypass: '' },
      keepRunningInTray: true,
      openAtLogin: false,
      autoDownload: true,
      downloadDir: '',
      fileNameTemplate: '{date}_{model}_{prompt}_{taskid}',
    });
    expect(service(memoryStore(), 'https://official.example').settings.get().serverProfile).toBe('official');
  });

  it('validates, persists and publishes settings.changed on update', () => {
    const { settings, events, store } = service();
    const next = settings.update({ theme: 'dark', customServerUrl: 'https://yj.example.com/' });
    expect(next).toMatchObject({ theme: 'dark', customServerUrl: 'https://yj.example.com' });
    expect(store.data[SETTINGS_STORE_KEY]).toMatchObject({ theme: 'dark' });
    expect(events).toEqual([{ event: 'settings.changed', payload: next }]);
  });

  it('refuses bad values and unknown keys without changing anything', () => {
    const { settings, events } = service();
    expect(() => settings.update({ customServerUrl: 'https://u:p@x.example' })).toThrow();
    expect(() => settings.update({ lowBalanceThreshold: -1 })).toThrow();
    expect(() => settings.update({ theme: 'pink' as never })).toThrow();
    expect(() => settings.update({ apikey: 'x' } as never)).toThrow();
    expect(events).toHaveLength(0);
    expect(settings.get().theme).toBe('system');
  });

  it('restores stored values and ignores broken ones field by field', () => {
    const store = memoryStore({ [SETTINGS_STORE_KEY]: { theme: 'light', language: 'klingon', lowBalanceThreshold: 5 } });
    expect(service(store).settings.get()).toMatchObject({ theme: 'light', language: 'zh-CN', lowBalanceThreshold: 5 });
  });

  it('tells listeners the previous and next values', () => {
    const { settings } = service();
    const seen: string[] = [];
    settings.onChange((next, previous) => seen.push(`${previous.serverProfile}->${next.serverProfile}`));
    settings.update({ serverProfile: 'simulator' });
    expect(seen).toEqual(['custom->simulator']);
  });
});
