// ESLint flat config. Besides the usual TypeScript/Vue rules it enforces the house rules of
// ../shared/docs/architecture.md: which layer may import what.
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

const forbid = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

/** A relative import of one of these folders (any depth), e.g. '../services/session'. */
const folders = (names) => `^\\.{1,2}/(.*/)?(${names.join('|')})(/|$)`;
/** The composition part of core (core/index.ts, core/modules/**), which only hosts may import. */
const CORE_COMPOSITION = '^\\.{1,2}/(.*/)?core(/index|/modules(/.*)?)?$';
const TEST_KIT = { regex: folders(['testing']), message: 'Production code never imports a testing/ folder: the test kit is main/testing, for *.test.ts only.' };
const NO_ELECTRON = { group: ['electron'], message: 'Only main/shell and main/index.ts touch electron: inject a port (main/core/ports.ts).' };
const PRODUCTION = ['**/*.test.ts', 'main/testing/**'];

/** The layer rules of main, one entry per layer: what its production files may not import. */
function mainLayers() {
  const below = (message, regexes, extra = []) => [...regexes.map((regex) => ({ regex, message })), TEST_KIT, ...extra];
  const layer = (files, patterns, ignores = []) => ({ files, ignores: [...PRODUCTION, ...ignores], rules: forbid(patterns) });
  return [
    layer(['main/lib/**/*.ts'], below('main/lib imports nothing of main.', [folders(['core', 'platform', 'services', 'ipc', 'host', 'shell'])], [NO_ELECTRON])),
    layer(['main/core/*.ts'], below('The core kernel imports only main/lib.', [folders(['platform', 'services', 'ipc', 'host', 'shell', 'modules'])], [NO_ELECTRON]), ['main/core/index.ts']),
    layer(['main/core/index.ts', 'main/core/modules/**/*.ts'], below('createCore and its modules compose the layers below; hosts compose them.', [folders(['host', 'shell'])], [NO_ELECTRON])),
    layer(['main/platform/**/*.ts'], below('main/platform imports only main/lib and the core kernel.', [folders(['services', 'ipc', 'host', 'shell']), CORE_COMPOSITION], [NO_ELECTRON])),
    layer(['main/services/**/*.ts'], below('main/services imports only main/lib, the core kernel and main/platform.', [folders(['ipc', 'host', 'shell']), CORE_COMPOSITION], [NO_ELECTRON])),
    layer(['main/ipc/**/*.ts'], below('main/ipc adapts services; it does not know the hosts or the composition.', [folders(['host', 'shell']), CORE_COMPOSITION])),
    layer(['main/host/**/*.ts'], below('The browser host never imports main/shell (Electron).', [folders(['shell'])], [NO_ELECTRON])),
    layer(['main/shell/**/*.ts'], below('main/shell never imports the browser host.', [folders(['host'])])),
    layer(['main/index.ts'], below('The Electron app never bundles the browser host.', [folders(['host'])])),
  ];
}

export default tseslint.config(
  { ignores: ['node_modules/**', '.stryker-tmp/**', 'reports/**', 'out/**', 'release/**', 'dist/**', 'test-results/**', '.yj-data/**', '.tmp/**', 'build/*.icns', '**/*.d.ts.map'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
  // Layers inside main point down: lib ← core ← platform ← services ← ipc/host/shell (see
  // docs/decisions.md, "Layers and the event path"). One block per layer, because a later
  // block's no-restricted-imports replaces an earlier one's for the same file.
  ...mainLayers(),
  // The renderer shows screens; it reaches main only through renderer/src/api and the contract's types.
  {
    files: ['renderer/**/*.{ts,vue}'],
    rules: forbid([
      { group: ['**/main/**', '**/simulator/**'], message: 'The renderer never imports main/ or simulator/: go through renderer/src/api.' },
      { group: ['zod', 'electron', 'node:*'], message: 'No zod, Electron or Node in the renderer.' },
      // limits.ts is plain constants (no zod): the one value import allowed, through its alias.
      {
        // A regex, not a gitignore group: a group cannot re-include a file below a matched folder.
        regex: '^(@contract|.*/preload/contract)(/(?!limits$).*)?$',
        allowTypeImports: true,
        message: 'Import only types from the contract (import type …); values only from @contract/limits.',
      },
    ]),
  },
  // The sandboxed preload is one small CommonJS file: electron and the contract only.
  {
    files: ['preload/**/*.ts'],
    rules: forbid([
      { group: ['zod', '**/main/**', '**/renderer/**', 'node:*'], message: 'The preload imports only electron and preload/contract.' },
      TEST_KIT,
    ]),
  },
  // The simulator stands in for the platform: it knows nothing of the app.
  {
    files: ['simulator/**/*.ts'],
    rules: forbid([{ group: ['**/main/**', '**/renderer/**', '**/preload/**', 'electron'], message: 'The simulator imports nothing from the app.' }]),
  },
  // Small files with one job; a longer file says why at its top and disables this rule there.
  {
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/src/**/*.{ts,vue}', 'simulator/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'max-lines': ['error', { max: 350, skipBlankLines: true, skipComments: true }] },
  },
);
