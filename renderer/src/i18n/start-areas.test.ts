/**
 * The sign-in and first-start screens render before the later message areas load, and vue-i18n
 * never re-renders text it showed as a raw key (i18n/index.ts). So every literal key those screens
 * and the components they import use must live in the start areas (common, errors, login, setup).
 */
import { describe, expect, it } from 'vitest';
import { LOCALES, type MessageTree } from '@/i18n';

/** Every component's source, keyed by its path under src/ (e.g. 'views/LoginView.vue'). */
const SOURCES: Record<string, string> = Object.fromEntries(
  Object.entries(import.meta.glob<string>('../**/*.vue', { query: '?raw', import: 'default', eager: true })).map(([path, text]) => [path.replace(/^\.\.\//, ''), text]),
);
const START_AREAS = ['common', 'errors', 'login', 'setup'];
const START_SCREENS = ['views/LoginView.vue', 'views/SetupView.vue'];

/** The screen and every `.vue` it imports (statically or lazily), through `@/` or relative paths. */
function componentsOf(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = SOURCES[entry] ?? '';
  for (const [, spec] of source.matchAll(/import\s*(?:[\w{}\s,]+from\s*)?\(?\s*'([^']+\.vue)'/g)) {
    const file = spec!.startsWith('@/') ? spec!.slice(2) : new URL(spec!, `file:///${entry}`).pathname.slice(1);
    componentsOf(file, seen);
  }
  return seen;
}

function literalKeys(file: string): string[] {
  const source = SOURCES[file] ?? '';
  return [...source.matchAll(/\$?\bt\(\s*'([\w-]+(?:\.[\w-]+)+)'/g)].map((match) => match[1]!);
}

async function startMessages(locale: string): Promise<MessageTree> {
  const tree: MessageTree = {};
  for (const area of START_AREAS) Object.assign(tree, ((await import(`./messages/${locale}/${area}.ts`)) as { default: MessageTree }).default);
  return tree;
}

function lookup(tree: MessageTree, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as MessageTree)[part] : undefined), tree);
}

describe('start screens use only start-area messages', () => {
  const files = [...new Set(START_SCREENS.flatMap((screen) => [...componentsOf(screen)]))];

  it('finds the screens and the components they import', () => {
    expect(files).toEqual(expect.arrayContaining([...START_SCREENS, 'components/app/ServerLine.vue', 'components/auth/AccountChooserDialog.vue']));
    for (const file of files) expect(SOURCES[file], file).toBeTruthy();
  });

  it.each(LOCALES)('every literal key resolves to text in %s without the later areas', async (locale) => {
    const messages = await startMessages(locale);
    const missing = files.flatMap((file) => literalKeys(file).filter((key) => typeof lookup(messages, key) !== 'string').map((key) => `${file}: ${key}`));
    expect(missing).toEqual([]);
  });
});
