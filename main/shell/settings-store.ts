/**
 * KeyValueStore over electron-store (`<userData>/settings.json`, written atomically by conf).
 * Non-secret settings only: the cookie jar and keys go to the SecretBox. The settings service
 * validates what it reads, so a hand-edited file cannot inject a bad value.
 */
import Store from 'electron-store';
import type { KeyValueStore } from '../core/ports';

export function createSettingsStore(name = 'settings'): KeyValueStore {
  // Keys are literal names ('settings'), not dot paths into nested objects.
  const store = new Store<Record<string, unknown>>({ name, accessPropertiesByDotNotation: false, clearInvalidConfig: true });
  return {
    get: (key) => store.get(key),
    set: (key, value) => {
      // conf refuses undefined; storing "nothing" means removing the key.
      if (value === undefined) store.delete(key);
      else store.set(key, value);
    },
  };
}
