import { describe, expect, it, vi } from 'vitest';

const made = vi.hoisted(() => ({ options: [] as Record<string, unknown>[], data: new Map<string, unknown>() }));

vi.mock('electron-store', () => ({
  default: class {
    constructor(options: Record<string, unknown>) {
      made.options.push(options);
    }
    get(key: string) {
      return made.data.get(key);
    }
    set(key: string, value: unknown) {
      if (value === undefined) throw new TypeError('Use `delete()` to clear values');
      made.data.set(key, value);
    }
    delete(key: string) {
      made.data.delete(key);
    }
  },
}));

const { createSettingsStore } = await import('./settings-store');

describe('createSettingsStore', () => {
  it('keeps keys literal (no dot paths) and reads back what it wrote', () => {
    const store = createSettingsStore();
    expect(made.options[0]).toMatchObject({ name: 'settings', accessPropertiesByDotNotation: false });
    store.set('server.url', { a: 1 });
    expect(store.get('server.url')).toEqual({ a: 1 });
  });

  it('removes a key when set to undefined instead of throwing', () => {
    const store = createSettingsStore();
    store.set('k', 1);
    expect(() => store.set('k', undefined)).not.toThrow();
    expect(store.get('k')).toBeUndefined();
  });
});
