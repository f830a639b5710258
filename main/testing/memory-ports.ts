/**
 * Memory fakes of every core port, for tests: they keep what they are given and let the test
 * drive what the outside world would do (a folder the user picks, a suspend, a resume).
 */
import type { AvailableUpdate, DataPaths, FilePicker, FolderOpener, FolderPicker, KeyValueStore, ProgressBadge, ProxyResolver, SaveFilePicker, SecretBox, SystemEvent, SystemEvents, UpdaterPort } from '../core/ports';

export function memorySecretBox(mode: SecretBox['mode'] = 'encrypted'): SecretBox & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    mode,
    data,
    load: async (name) => data.get(name) ?? null,
    save: async (name, value) => void (mode === 'memory' ? undefined : data.set(name, value)),
    remove: async (name) => void data.delete(name),
  };
}

export function memoryStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: (key) => data.get(key), set: (key, value) => void data.set(key, value) };
}

export function memoryDataPaths(root = '/tmp/yj-test-data'): DataPaths {
  return { dataDir: () => `${root}/data`, downloadsDir: () => `${root}/downloads`, videosDir: () => `${root}/videos` };
}

/** SystemEvents the test fires by hand: `emit('suspend')`. */
export function manualSystemEvents(): SystemEvents & { emit(event: SystemEvent): void; listenerCount(): number } {
  const listeners = new Map<SystemEvent, Set<() => void>>();
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => void set.delete(listener);
    },
    emit(event) {
      for (const listener of [...(listeners.get(event) ?? [])]) listener();
    },
    listenerCount: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
  };
}

/** Answers each pick with the next queued answer (null, a cancel, once the queue is empty). */
export function scriptedFolderPicker(answers: (string | null)[] = []): FolderPicker & { asked: { title: string; defaultPath?: string }[] } {
  const asked: { title: string; defaultPath?: string }[] = [];
  return {
    asked,
    pickFolder: async (options) => {
      asked.push(options);
      return answers.shift() ?? null;
    },
  };
}

export function recordingProgressBadge(): ProgressBadge & { values: (number | null)[]; counts: number[] } {
  const values: (number | null)[] = [];
  const counts: number[] = [];
  return { values, counts, setProgress: (fraction) => void values.push(fraction), setBadgeCount: (count) => void counts.push(count) };
}

/** Answers each pick with the next queued list of paths ([] once the queue is empty). */
export function scriptedFilePicker(answers: string[][] = []): FilePicker & { asked: Parameters<FilePicker['pickFiles']>[0][]; answers: string[][] } {
  const asked: Parameters<FilePicker['pickFiles']>[0][] = [];
  return {
    asked,
    answers,
    pickFiles: async (options) => {
      asked.push(options);
      return answers.shift() ?? [];
    },
  };
}

/** A ProxyResolver answering from a table by host (else `fallback`), counting lookups and reloads. */
export function tableProxyResolver(
  table: Record<string, string> = {},
  fallback = 'DIRECT',
): ProxyResolver & { lookups: string[]; reloads: number; table: Record<string, string> } {
  const resolver = {
    lookups: [] as string[],
    reloads: 0,
    table,
    resolve: async (url: string) => {
      resolver.lookups.push(url);
      return table[new URL(url).host] ?? fallback;
    },
    reload: async () => {
      resolver.reloads += 1;
    },
  };
  return resolver;
}

/** Answers each save dialog with the next queued path (null, a cancel, once the queue is empty). */
export function scriptedSaveFilePicker(answers: (string | null)[] = []): SaveFilePicker & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    pickSaveFile: async ({ defaultName }) => {
      asked.push(defaultName);
      return answers.shift() ?? null;
    },
  };
}

export function recordingFolderOpener(answer = true): FolderOpener & { opened: string[] } {
  const opened: string[] = [];
  return { opened, openFolder: async (path) => (opened.push(path), answer) };
}

/** An updater the test drives: what `check` finds, whether `download` fails, and `install` calls. */
export function scriptedUpdater(found: AvailableUpdate | null = null): UpdaterPort & { installs: number; found: AvailableUpdate | null; failDownload: boolean } {
  const fake = {
    installs: 0,
    found,
    failDownload: false,
    check: async () => fake.found,
    download: async (onProgress: (percent: number) => void) => {
      if (fake.failDownload) throw new Error('download failed');
      onProgress(50);
      onProgress(100);
    },
    install: () => void (fake.installs += 1),
  };
  return fake;
}
