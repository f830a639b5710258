// ESLint flat config. Besides the usual TypeScript/Vue rules it enforces the house rules of
// ../shared/docs/architecture.md: which layer may import what.
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

const forbid = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'release/**', 'dist/**', 'test-results/**', '.yj-data/**', '.tmp/**', 'build/*.icns', '**/*.d.ts.map'] },
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
  // Services and the platform client run in tests and in the browser host: no Electron there.
  {
    files: ['main/services/**/*.ts', 'main/platform/**/*.ts', 'main/host/**/*.ts', 'main/ipc/router.ts', 'main/core.ts'],
    rules: forbid([{ group: ['electron'], message: 'Inject a port (main/services/ports.ts) instead of importing electron here.' }]),
  },
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
