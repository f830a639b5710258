/**
 * vue-i18n in composition mode. Messages are gathered from `messages/<locale>/<area>.ts`
 * (each file `export default { <area>: { … } }`), so a new area is a new file and this index
 * never changes. zh-CN is the default and the fallback.
 *
 * Only the areas the first screens need (sign-in, first start, errors, common words) ship with
 * the sign-in screen; every other area arrives in its own chunk through `loadAllMessages()`,
 * which the router awaits before any screen with the app header (and starts once the first
 * screen is up), so the sign-in screen does not grow with each new area.
 */
import { ref } from 'vue';
import { createI18n } from 'vue-i18n';
import type { Language } from '@contract';

export const LOCALES: readonly Language[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Language = 'zh-CN';

export interface MessageTree {
  [key: string]: string | MessageTree;
}

function isTree(value: unknown): value is MessageTree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges `source` into `target`; two files may contribute to the same area. */
function mergeInto(target: MessageTree, source: MessageTree): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isTree(value) && isTree(existing)) mergeInto(existing, value);
    else target[key] = isTree(value) ? structuredClone(value) : value;
  }
}

/** Groups the glob's modules by the locale folder they live in. */
export function collectMessages(modules: Record<string, MessageTree>): Record<Language, MessageTree> {
  const messages: Record<Language, MessageTree> = { 'zh-CN': {}, en: {} };
  for (const [path, tree] of Object.entries(modules)) {
    const locale = /\/messages\/([^/]+)\/[^/]+$/.exec(path)?.[1];
    if (locale && isLanguage(locale)) mergeInto(messages[locale], tree);
  }
  return messages;
}

export function isLanguage(value: string): value is Language {
  return (LOCALES as readonly string[]).includes(value);
}

/** The areas of the sign-in and first-start screens; keep this list short. */
const startModules = import.meta.glob<MessageTree>('./messages/*/{common,errors,login,setup}.ts', { eager: true, import: 'default' });
const laterModules = import.meta.glob<MessageTree>(['./messages/*/*.ts', '!./messages/*/{common,errors,login,setup}.ts'], { import: 'default' });

export const i18n = createI18n({
  legacy: false,
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages: collectMessages(startModules),
});

let allMessages: Promise<void> | null = null;

/**
 * True once every area is merged. vue-i18n does not re-render text already shown when messages
 * are merged later, so anything outside the router view that uses later areas (the app header)
 * waits for this instead of showing raw keys.
 */
export const messagesReady = ref(false);

/** Loads and merges every other area once; later calls share the first. */
export function loadAllMessages(): Promise<void> {
  allMessages ??= Promise.all(Object.entries(laterModules).map(async ([path, load]) => [path, await load()] as const)).then(
    (loaded) => {
      const messages = collectMessages(Object.fromEntries(loaded));
      for (const locale of LOCALES) i18n.global.mergeLocaleMessage(locale, messages[locale]);
      messagesReady.value = true;
    },
    (error: unknown) => {
      allMessages = null; // a failed chunk load may succeed on the next navigation
      throw error;
    },
  );
  return allMessages;
}

/** Switches the whole UI language at once (the settings store calls this). */
export function setLocale(language: Language): void {
  i18n.global.locale.value = language;
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** The translate function outside components (stores, router guards). */
export function translate(key: string, named?: Record<string, unknown>): string {
  return named ? i18n.global.t(key, named) : i18n.global.t(key);
}
